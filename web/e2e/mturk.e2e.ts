import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { apiGet, launch, newPage, screenshot, token, waitForStatus } from './harness';

/**
 * A public-crowd job on the Mechanical Turk stand-in, as a Mechanical Turk worker does it: on the stand-in's worker
 * site the worker previews a HIT, accepts each, labels it on Verity's task page in the HIT's frame, and submits; the
 * page records the answer in Verity and posts it to the site's external-submit endpoint. The job completes and the
 * worker's dashboard shows the assignments approved. MechanicalTurkBrowserIT stages the job (VERITY_MTURK_JOB) on a
 * runtime whose stand-in is at VERITY_MTURK_URL; without them (the other browser specs' run) this is skipped.
 */
const standIn = (process.env.VERITY_MTURK_URL ?? '').replace(/\/$/, '');
const job = process.env.VERITY_MTURK_JOB ?? '';
const WORKER = 'A1E2EWORKER';

let browser: Browser;

describe.skipIf(!job || !standIn)('a public-crowd job worked on the Mechanical Turk stand-in', () => {
  beforeAll(async () => {
    browser = await launch();
  });

  afterAll(async () => {
    await browser?.close();
  });

  /** The HITs the worker can accept on the site's list, once the job's dispatch has published them. */
  async function acceptableHits(page: Page, expected: number): Promise<string[]> {
    await expect
      .poll(
        async () => {
          await page.goto(`${standIn}/?workerId=${WORKER}`);
          return page.locator('a[data-hit]').count();
        },
        { timeout: 60_000, interval: 500 },
      )
      .toBe(expected);
    return page.locator('a[data-hit]').evaluateAll((links) => links.map((a) => a.getAttribute('data-hit')!));
  }

  function taskFrame(page: Page): FrameLocator {
    return page.frameLocator('#task');
  }

  it('previews, accepts, labels and submits each HIT, and is approved once the job is consolidated', async () => {
    const page = await newPage(browser);
    const hits = await acceptableHits(page, 2);

    // A preview: the task is shown, but there is nothing to submit until the worker accepts the HIT.
    await page.goto(`${standIn}/worker/preview?hitId=${hits[0]}`);
    await taskFrame(page).getByTestId('preview').waitFor();
    await expect.poll(() => taskFrame(page).getByTestId('submit').isDisabled()).toBe(true);
    await screenshot(page, 'mturk-preview');

    for (const [index, hitId] of hits.entries()) {
      await page.goto(`${standIn}/worker/accept?hitId=${hitId}&workerId=${WORKER}`);
      const frame = taskFrame(page);
      await frame.getByTestId('task').waitFor();
      await frame.getByTestId('label-1').click();
      if (index === 0) {
        await screenshot(page, 'mturk-task');
      }
      await frame.getByTestId('submit').click();
      // The page recorded the answer in Verity, then posted it to the site, which shows its own page in the frame.
      await frame.locator('#submitted').waitFor();
    }
    await screenshot(page, 'mturk-submitted');

    const requester = await token('mturk-e2e-checker', ['requesters']);
    const done = await waitForStatus(job, ['Completed'], requester);
    expect(done.LabelCounters.HumanLabeled).toBe(2);
    for (const object of ['0', '1']) {
      const answers = await apiGet(`/jobs/${job}/objects/${object}/answers`, requester);
      expect(answers.answers).toHaveLength(1);
      expect(answers.answers[0].workerId).toBe(WORKER);
    }

    await page.goto(`${standIn}/worker/dashboard?workerId=${WORKER}`);
    await expect
      .poll(async () => page.locator('#assignments td.status').allTextContents())
      .toEqual(['Approved', 'Approved']);
    await screenshot(page, 'mturk-dashboard');
  });
});
