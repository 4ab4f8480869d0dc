import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { baseUrl, launch, newPage, screenshot, signIn } from './harness';

/** The mailbox row of the invitation to `email`, opened: its body. */
async function invitationBody(page: Page, email: string): Promise<string> {
  const row = page.getByTestId('mail-row').filter({ hasText: email }).filter({ hasText: 'You are invited' });
  await row.first().waitFor();
  await row.first().click();
  return (await page.getByTestId('mail-body').textContent()) ?? '';
}

describe('work teams and the mailbox', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('creates a team, invites two workers, disables one, and an invited worker signs in with the mailed password', async () => {
    const page = await newPage(browser);
    await signIn(page, 'team-requester', 'requester');

    await page.getByTestId('nav-teams').click();
    await page.getByTestId('team-row-Everyone-in-private-workforce').waitFor();
    const create = page.getByTestId('create-team');
    await create.locator('input[name=name]').fill('browser-crew');
    await create.locator('input[name=description]').fill('Annotators from the browser test');
    await create.getByRole('button', { name: 'Create team' }).click();
    await page.getByTestId('team-arn').filter({ hasText: 'workteam/private-crowd/browser-crew' }).waitFor();

    const invite = page.getByTestId('invite-form');
    await invite.locator('textarea[name=emails]').fill('dora@browser.test, eli@browser.test');
    await invite.getByRole('button', { name: 'Invite' }).click();
    await page.getByTestId('team-notice').filter({ hasText: '2 added to browser-crew; 2 invitation mails sent.' }).waitFor();
    await page.getByTestId('member-row-dora@browser.test').waitFor();
    await page.getByTestId('member-row-eli@browser.test').waitFor();
    expect(await page.getByTestId('team-topic').textContent()).toContain(':verity-team-browser-crew');

    await page.getByTestId('disable-dora@browser.test').click();
    await page.getByTestId('member-status-dora@browser.test').filter({ hasText: 'DISABLED' }).waitFor();
    await screenshot(page, '40-team-page');

    await page.getByTestId('nav-mailbox').click();
    const doraMail = await invitationBody(page, 'dora@browser.test');
    expect(doraMail).toContain(`${baseUrl.replace(/\/$/, '')}/#/work`);
    await screenshot(page, '41-mailbox');
    await page.getByTestId('mail-row').filter({ hasText: 'dora@browser.test' }).first().click(); // close it
    const eliMail = await invitationBody(page, 'eli@browser.test');
    const password = /temporary password (\S+)\.\s*$/.exec(eliMail)?.[1];
    const doraPassword = /temporary password (\S+)\.\s*$/.exec(doraMail)?.[1];
    expect(password).toBeTruthy();

    // a disabled worker cannot sign in; an invited one can, with the mailed password
    const worker = await newPage(browser);
    await worker.goto(baseUrl);
    await worker.locator('input[name=username]').fill('dora@browser.test');
    await worker.locator('input[name=password]').fill(doraPassword!);
    await worker.getByRole('button', { name: 'Sign in' }).click();
    await worker.locator('.error').filter({ hasText: 'disabled' }).waitFor();

    await worker.locator('input[name=username]').fill('eli@browser.test');
    await worker.locator('input[name=password]').fill(password!);
    await worker.getByRole('button', { name: 'Sign in' }).click();
    await worker.getByTestId('username').waitFor();
    expect(await worker.evaluate(() => location.hash)).toBe('#/work');
  });
});
