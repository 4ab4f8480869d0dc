import { chromium, type Browser, type Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** Where the runtime under test serves the UI and the API (BrowserEndToEndIT sets these). */
export const baseUrl = (process.env.VERITY_URL ?? 'http://127.0.0.1:8700/').replace(/\/?$/, '/');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const screenshotDir = process.env.SCREENSHOT_DIR ?? join(process.cwd(), 'e2e', 'screenshots');

/** The jobs the Java side staged, by demo task name: {"bounding-box": {"job": ..., "taskType": ...}, ...}. */
export const stagedJobs: Record<string, { job: string; taskType: string }> = JSON.parse(process.env.VERITY_JOBS ?? '{}');

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-quic',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}

export async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  page.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
  return page;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`) });
}

/** Signs in through the page's own form (the local token issuer). */
export async function signIn(page: Page, username: string, role: 'worker' | 'requester'): Promise<void> {
  await page.goto(baseUrl);
  await page.locator('input[name=username]').fill(username);
  await page.locator(`input[name=role][value=${role}]`).check();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('username').filter({ hasText: username }).waitFor();
}

/**
 * A token for API calls the test makes itself (checking results), from the same local issuer, with the run's
 * sign-in secret that BrowserEndToEndIT read from the state directory.
 */
export async function token(username: string, groups: string[]): Promise<string> {
  const secret = process.env.VERITY_SIGN_IN_SECRET;
  if (!secret) {
    throw new Error('VERITY_SIGN_IN_SECRET is not set (the runtime writes it to <state dir>/sign-in-secret)');
  }
  const response = await fetch(`${baseUrl}local-auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-verity-sign-in-secret': secret },
    body: JSON.stringify({ username, groups }),
  });
  if (!response.ok) {
    throw new Error(`sign-in refused: HTTP ${response.status} ${await response.text()}`);
  }
  return (await response.json()).idToken;
}

export async function apiGet<T = any>(path: string, bearer: string): Promise<T> {
  const response = await fetch(`${baseUrl}${path.replace(/^\//, '')}`, { headers: { authorization: `Bearer ${bearer}` } });
  if (!response.ok) {
    throw new Error(`GET ${path}: HTTP ${response.status} ${await response.text()}`);
  }
  return response.json() as Promise<T>;
}

/** Polls the job until its status is one of `statuses` (bounded). */
export async function waitForStatus(job: string, statuses: string[], bearer: string, timeoutMs = 90_000): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  let last: any = null;
  while (Date.now() < deadline) {
    last = await apiGet(`/jobs/${encodeURIComponent(job)}`, bearer);
    if (statuses.includes(last.LabelingJobStatus)) {
      return last;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`job ${job} is ${last?.LabelingJobStatus}, not ${statuses.join('/')}, after ${timeoutMs} ms`);
}
