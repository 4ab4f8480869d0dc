import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { apiGet, baseUrl, launch, newPage, screenshot, signIn, token } from './harness';

/** A completed job the Java side ran before the specs (BrowserEndToEndIT): its usage was metered as it ran. */
const autoJob = process.env.VERITY_AUTO_JOB ?? '';

describe('the cost of a job in the console', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launch();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('the job page shows what the job cost in AWS, in total, per object and per service', async () => {
    expect(autoJob, 'VERITY_AUTO_JOB').not.toBe('');
    const requester = await token('e2e-cost-requester', ['requesters']);
    const before = await apiGet(`/jobs/${encodeURIComponent(autoJob)}/cost`, requester);
    expect(before.totalDollars).toBeGreaterThan(0);
    expect(before.objects).toBeGreaterThan(0);
    const lambda = before.services.find((s: { service: string }) => s.service === 'Lambda');
    expect(lambda?.requests ?? 0).toBeGreaterThan(0);

    const page = await newPage(browser);
    await signIn(page, 'e2e-requester', 'requester');
    await page.goto(`${baseUrl}#/console/jobs/${encodeURIComponent(autoJob)}`);
    const card = page.getByTestId('job-cost');
    await card.getByTestId('cost-table').waitFor();

    // every service the API prices has its row, with the API's request count (the page's own reads of the cost
    // add requester-api requests, so those rows may have grown since)
    const after = await apiGet(`/jobs/${encodeURIComponent(autoJob)}/cost`, requester);
    expect(await card.locator('[data-testid=cost-table] tbody tr').count()).toBe(after.services.length);
    const sqs = after.services.find((s: { service: string }) => s.service === 'SQS');
    expect(sqs?.requests ?? 0).toBeGreaterThan(0);
    await expect
      .poll(() => card.getByTestId('cost-sqs').locator('td').nth(1).textContent())
      .toBe(sqs.requests.toLocaleString('en-US'));
    await expect.poll(() => card.getByTestId('cost-total').textContent()).toMatch(/^\$\d/);
    await expect.poll(() => card.getByTestId('cost-per-object').textContent()).toMatch(/^\$\d/);
    expect(await card.getByTestId('cost-note').textContent()).toContain(after.prices.checkedOn);
    await screenshot(page, '25-job-cost');
  });
});
