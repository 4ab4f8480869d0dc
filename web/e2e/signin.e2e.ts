import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, newPage, screenshot, signIn, baseUrl } from './harness';

describe('sign-in', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('serves the UI with its configuration and signs a worker in with the local issuer', async () => {
    const page = await newPage(browser);
    const config = await (await fetch(`${baseUrl}config.json`)).json();
    expect(config.auth.kind).toBe('local');
    await page.goto(baseUrl);
    await screenshot(page, '00-sign-in');
    await signIn(page, 'worker-e2e', 'worker');
    expect(await page.getByTestId('username').textContent()).toBe('worker-e2e');
    expect(await page.evaluate(() => location.hash)).toBe('#/work');
  });
});
