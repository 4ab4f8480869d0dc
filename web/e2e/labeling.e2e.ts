import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { apiGet, baseUrl, launch, newPage, screenshot, signIn, stagedJobs, token, waitForStatus } from './harness';
import { squarePng } from './png';

/**
 * The whole loop in a browser: a requester creates a job in the console's form (uploading images), a worker labels
 * tasks of every task type with mouse and keyboard, the jobs complete, and the requester sees the labels drawn in
 * the data browser. The other task types' jobs were staged by BrowserEndToEndIT (VERITY_JOBS).
 */
const FORM_JOB = `browser-form-${Date.now().toString(36)}`;
const WORKER = 'e2e-worker';

let browser: Browser;
let requesterToken: string;
const jobs: Record<string, string> = {};

beforeAll(async () => {
  browser = await launch();
  requesterToken = await token('e2e-checker', ['requesters']);
  for (const [name, staged] of Object.entries(stagedJobs)) {
    jobs[name] = staged.job;
  }
});

afterAll(async () => {
  await browser?.close();
});

async function startWorking(page: Page, job: string): Promise<void> {
  await page.goto(`${baseUrl}#/work`);
  await page.getByTestId(`start-${job}`).click();
  await page.getByTestId('task').waitFor();
}

/** The next task of the session is on screen (its assignment differs from the one just submitted). */
async function nextTaskOrDone(page: Page): Promise<boolean> {
  const task = page.getByTestId('task');
  const none = page.getByTestId('no-tasks');
  await expect.poll(async () => (await none.isVisible()) || (await task.isVisible()), { timeout: 20_000 }).toBe(true);
  return task.isVisible();
}

async function taskBox(page: Page, testId: string) {
  const box = await page.getByTestId(testId).boundingBox();
  if (!box) {
    throw new Error(`${testId} is not visible`);
  }
  return box;
}

async function drag(page: Page, from: [number, number], to: [number, number]): Promise<void> {
  await page.mouse.move(from[0], from[1]);
  await page.mouse.down();
  await page.mouse.move((from[0] + to[0]) / 2, (from[1] + to[1]) / 2, { steps: 4 });
  await page.mouse.move(to[0], to[1], { steps: 4 });
  await page.mouse.up();
}

/** The session's "n submitted" text, or null before the first submit (without waiting for it to appear). */
async function submittedCount(page: Page): Promise<string | null> {
  const count = page.getByTestId('submitted-count');
  return (await count.count()) > 0 ? count.textContent() : null;
}

/** Labels every task of a job with `label`, then checks the session says there is no more work. */
async function labelAll(page: Page, job: string, label: (page: Page, index: number) => Promise<void>, shot: string) {
  await startWorking(page, job);
  let index = 0;
  while (await nextTaskOrDone(page)) {
    const before = await submittedCount(page);
    await label(page, index);
    if (index === 0) {
      await screenshot(page, shot);
    }
    await page.keyboard.press('Enter');
    await expect.poll(() => submittedCount(page), { timeout: 20_000 }).not.toBe(before);
    index++;
  }
  expect(index).toBeGreaterThan(0);
}

describe('requester creates a job in the form', () => {
  it('refuses a bad filter with the server reason, keeps the fields, then creates the job', async () => {
    const page = await newPage(browser);
    await signIn(page, 'e2e-requester', 'requester');
    await page.getByTestId('create-job').click();
    await page.locator('input[name=name]').fill(FORM_JOB);
    await page.locator('select[name=taskType]').selectOption('ImageMultiClass');
    await page.locator('textarea[name=labels]').fill('red\ngreen');
    await page.locator('textarea[name=shortInstructions]').fill('Pick the colour of the square.');
    await page.locator('input[name=workersPerObject]').fill('1');
    await page.locator('input[name=taskTitle]').fill('Colour of the square');
    await page.locator('[name=taskDescription]').fill('Red or green?');
    await page.locator('input[name=dataSource][value=upload]').check();
    await page.locator('input[name=files]').setInputFiles([
      { name: 'red.png', mimeType: 'image/png', buffer: squarePng(64, [255, 255, 255], [220, 30, 30]) },
      { name: 'green.png', mimeType: 'image/png', buffer: squarePng(64, [255, 255, 255], [30, 200, 30]) },
    ]);
    await page.locator('input[name=selectionMode][value=filter]').check();
    await page.locator('textarea[name=filter]').fill('s."source-ref" LIKE');
    await page.getByTestId('create-submit').click();
    const error = page.getByTestId('form-error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/filter|FilterQuery|LIKE/i);
    expect(await page.locator('input[name=name]').inputValue()).toBe(FORM_JOB);
    await screenshot(page, '01-create-job-refused');

    await page.locator('input[name=selectionMode][value=all]').check();
    await page.getByTestId('create-submit').click();
    await page.getByTestId('job-status').waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId('job-status').textContent(), { timeout: 30_000 }).toMatch(/InProgress/);
    await screenshot(page, '02-job-page-in-progress');
    jobs['image-classification'] = FORM_JOB;
  });
});

describe('a worker labels tasks of every type', () => {
  let page: Page;
  beforeAll(async () => {
    page = await newPage(browser);
    await signIn(page, WORKER, 'worker');
  });

  it('lists the open jobs', async () => {
    await page.goto(`${baseUrl}#/work`);
    for (const job of Object.values(jobs)) {
      await page.getByTestId(`job-${job}`).waitFor();
    }
    await screenshot(page, '03-worker-jobs');
  });

  it('image classification (the form job): a failed submit keeps the answer and a retry sends it once', async () => {
    await startWorking(page, jobs['image-classification']);
    await page.keyboard.press('1');
    expect(await page.getByTestId('label-0').getAttribute('aria-pressed')).toBe('true');
    let failed = false;
    await page.route('**/worker/assignments/*', async (route) => {
      if (!failed && route.request().method() === 'POST') {
        failed = true;
        await route.abort('connectionreset');
      } else {
        await route.continue();
      }
    });
    await page.keyboard.press('Enter');
    await page.getByTestId('submit-error').waitFor();
    expect(await page.getByTestId('label-0').getAttribute('aria-pressed')).toBe('true');
    await screenshot(page, '04-submit-failed-kept');
    await page.getByTestId('submit').click();
    await page.getByTestId('submitted-count').waitFor();
    await page.unroute('**/worker/assignments/*');
    // the second image by mouse
    await nextTaskOrDone(page);
    await page.getByTestId('label-1').click();
    await page.getByTestId('submit').click();
    await page.getByTestId('no-tasks').waitFor();
    // the retried answer was recorded once: two objects, one answer each
    const done = await waitForStatus(FORM_JOB, ['Completed', 'Failed', 'Stopped'], requesterToken);
    expect(done.LabelCounters.TotalLabeled).toBe(2);
    const workers = await apiGet(`/jobs/${FORM_JOB}/workers`, requesterToken);
    expect(workers.workers.map((w: { answers: number }) => w.answers)).toEqual([2]);
  });

  it('text classification with the keyboard', async () => {
    await labelAll(page, jobs['text-classification'], async (p) => p.keyboard.press('2'), '05-text-classification');
  });

  it('image and text multi-label with the mouse', async () => {
    const pickTwo = async (p: Page) => {
      await p.getByTestId('label-0').click();
      await p.getByTestId('label-1').click();
    };
    await labelAll(page, jobs['image-multilabel'], pickTwo, '06-image-multilabel');
    await labelAll(page, jobs['text-multilabel'], pickTwo, '07-text-multilabel');
  });

  it('named entities: select a span with the mouse, label it with a key', async () => {
    await labelAll(
      page,
      jobs['named-entity-recognition'],
      async (p, index) => {
        if (index === 0) {
          // the short instructions are on screen; the full ones open on a click
          expect((await p.getByTestId('short-instructions').textContent())!.trim()).not.toBe('');
          await p.getByTestId('full-instructions').locator('summary').click();
          expect(await p.getByTestId('full-instructions').evaluate((d: HTMLDetailsElement) => d.open)).toBe(true);
        }
        const text = await taskBox(p, 'ner-text');
        await drag(p, [text.x + 4, text.y + 10], [text.x + 60, text.y + 10]);
        await p.keyboard.press('1');
        await p.getByTestId('entity-0').waitFor();
      },
      '08-named-entities',
    );
  });

  it('release gives the task back and the next pull can take it again', async () => {
    await startWorking(page, jobs['bounding-box']);
    await page.keyboard.press('Shift+R');
    await page.getByTestId('released').waitFor();
    await screenshot(page, '09a-released');
  });

  it('bounding boxes: draw with the mouse', async () => {
    const drawBox = async (p: Page) => {
      await p.keyboard.press('1');
      const canvas = await taskBox(p, 'bbox-canvas');
      await drag(p, [canvas.x + canvas.width * 0.2, canvas.y + canvas.height * 0.2], [canvas.x + canvas.width * 0.6, canvas.y + canvas.height * 0.6]);
      await p.getByTestId('box-0').waitFor();
    };
    const coords = async (p: Page) => (await p.getByTestId('box-0').locator('.coords').textContent())!.trim();
    const size = (text: string) => text.split(' ')[1];
    await labelAll(
      page,
      jobs['bounding-box'],
      async (p, index) => {
        await drawBox(p);
        if (index > 0) {
          return;
        }
        // move the (selected) box by its middle: the corner moves, the size stays
        const drawn = await coords(p);
        const canvas = await taskBox(p, 'bbox-canvas');
        const at = (fx: number, fy: number): [number, number] => [canvas.x + canvas.width * fx, canvas.y + canvas.height * fy];
        await drag(p, at(0.4, 0.4), at(0.45, 0.45));
        const moved = await coords(p);
        expect(moved).not.toBe(drawn);
        expect(size(moved)).toBe(size(drawn));
        // resize by the bottom-right handle
        await drag(p, at(0.65, 0.65), at(0.8, 0.8));
        expect(size(await coords(p))).not.toBe(size(moved));
        // zoom in and back to fit
        await p.getByTestId('zoom-in').click();
        await p.getByTestId('zoom-fit').click();
      },
      '09-bounding-box',
    );
    await labelAll(page, jobs['bounding-box-adjustment'], drawBox, '10-bounding-box-adjustment');
  });

  it('bounding box verification with the keyboard', async () => {
    await labelAll(page, jobs['bounding-box-verification'], async (p) => p.keyboard.press('1'), '11-bounding-box-verification');
  });

  it('semantic segmentation: brush, polygon and undo', async () => {
    await labelAll(
      page,
      jobs['semantic-segmentation'],
      async (p) => {
        await p.getByTestId('tool-brush').click();
        await p.keyboard.press('1');
        const canvas = await taskBox(p, 'seg-canvas');
        await drag(p, [canvas.x + canvas.width * 0.2, canvas.y + canvas.height * 0.3], [canvas.x + canvas.width * 0.7, canvas.y + canvas.height * 0.3]);
        await drag(p, [canvas.x + canvas.width * 0.2, canvas.y + canvas.height * 0.8], [canvas.x + canvas.width * 0.7, canvas.y + canvas.height * 0.8]);
        await p.getByTestId('undo').click();
        await p.getByTestId('tool-polygon').click();
        await p.mouse.click(canvas.x + canvas.width * 0.3, canvas.y + canvas.height * 0.5);
        await p.mouse.click(canvas.x + canvas.width * 0.7, canvas.y + canvas.height * 0.5);
        await p.mouse.click(canvas.x + canvas.width * 0.5, canvas.y + canvas.height * 0.9);
        await p.keyboard.press('Enter'); // closes the polygon; the next Enter submits
      },
      '12-semantic-segmentation',
    );
    await labelAll(
      page,
      jobs['semantic-segmentation-adjustment'],
      async (p) => {
        await p.getByTestId('tool-brush').click();
        await p.keyboard.press('1');
        const canvas = await taskBox(p, 'seg-canvas');
        await drag(p, [canvas.x + canvas.width * 0.1, canvas.y + canvas.height * 0.1], [canvas.x + canvas.width * 0.4, canvas.y + canvas.height * 0.2]);
      },
      '13-semantic-segmentation-adjustment',
    );
  });

  it('decline: the object is given up (one worker per object: it ends unlabeled) and the rest is labeled', async () => {
    await startWorking(page, jobs['decline']);
    const declined = await page.getByTestId('task-text').textContent();
    await page.getByTestId('decline').click();
    await page.getByTestId('decline-confirm').click();
    // the other object's task replaces the declined one
    await expect
      .poll(async () => ((await page.getByTestId('task-text').count()) > 0 ? page.getByTestId('task-text').textContent() : null), { timeout: 20_000 })
      .not.toBe(declined);
    await page.getByTestId('task-text').waitFor();
    await page.keyboard.press('1');
    await page.keyboard.press('Enter');
    await page.getByTestId('no-tasks').waitFor();
    const done = await waitForStatus(jobs['decline'], ['Completed', 'Failed', 'Stopped'], requesterToken);
    expect(done.LabelingJobStatus).toBe('Completed');
    expect(done.LabelCounters.TotalLabeled).toBe(1);
    delete jobs['decline']; // not part of the one-label-per-object checks below
  });

  it('custom task type: the requester\'s Liquid template with crowd elements, in a sandboxed frame', async () => {
    await labelAll(
      page,
      jobs['custom'],
      async (p, index) => {
        const frame = p.frameLocator('[data-testid=custom-frame]');
        if (index === 0) {
          // the template's own Submit with nothing chosen: the frame says what is missing, nothing is sent
          await frame.getByTestId('crowd-submit').click();
          await frame.locator('.crowd-form-error').waitFor();
          await frame.getByRole('button', { name: 'positive' }).click();
        } else {
          await frame.getByRole('button', { name: 'negative' }).waitFor();
          await p.keyboard.press('2'); // the portal's number keys pick the template's categories
          await expect.poll(() => frame.getByRole('button', { name: 'negative' }).getAttribute('aria-pressed')).toBe('true');
        }
      },
      '14-custom-template',
    );
  });
});

describe('the requester sees the labels drawn', () => {
  it('every job completes with one label per object', async () => {
    for (const job of Object.values(jobs)) {
      const done = await waitForStatus(job, ['Completed', 'Failed', 'Stopped'], requesterToken);
      expect(done.LabelingJobStatus, `${job}: ${done.FailureReason ?? ''}`).toBe('Completed');
      const page = await apiGet(`/jobs/${job}/objects`, requesterToken);
      expect(page.objects.length, job).toBe(done.LabelCounters.TotalLabeled);
      expect(page.objects.length, job).toBeGreaterThan(0);
    }
  });

  it('the data browser draws classes, boxes, masks and entities', async () => {
    const page = await newPage(browser);
    await signIn(page, 'e2e-requester', 'requester');
    const expectations: Record<string, string> = {
      'image-classification': 'red',
      'bounding-box': '[data-testid=box]',
      'bounding-box-adjustment': '[data-testid=box]',
      'named-entity-recognition': '[data-testid=entity]',
      'semantic-segmentation': '[data-testid=mask]',
      'semantic-segmentation-adjustment': '[data-testid=mask]',
      custom: 'positive',
    };
    for (const [name, job] of Object.entries(jobs)) {
      await page.goto(`${baseUrl}#/console/jobs/${encodeURIComponent(job)}/data`);
      const cards = page.locator('[data-testid^=object-]');
      await cards.first().waitFor();
      const expected = expectations[name];
      if (expected?.startsWith('[')) {
        expect(await cards.first().locator(expected).count(), name).toBeGreaterThan(0);
        if (expected.includes('mask')) {
          // the consolidated mask PNG was fetched from S3 and decoded
          const mask = cards.first().locator(expected).first();
          await expect.poll(() => mask.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), { timeout: 10_000 }).toBeGreaterThan(0);
        }
      } else if (expected) {
        await expect.poll(() => page.locator('[data-testid^=object-]').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining(expected)]));
      }
      await screenshot(page, `20-data-${name}`);
      if (name === 'bounding-box') {
        // a card opens the object with each worker's answer
        await cards.first().click();
        await page.getByTestId('object-detail').locator('[data-testid^=answer-]').first().waitFor();
        await screenshot(page, '20-data-bounding-box-detail');
        await page.getByTestId('close-detail').click();
      }
    }
    // the label filter re-queries the API: only the green square is left
    await page.goto(`${baseUrl}#/console/jobs/${encodeURIComponent(FORM_JOB)}/data`);
    await page.locator('[data-testid^=object-]').first().waitFor();
    await page.locator('select[name=label]').selectOption('green');
    await expect.poll(() => page.locator('[data-testid^=object-]').allTextContents()).toEqual([expect.stringContaining('green')]);
    await screenshot(page, '22-data-filtered');

    await page.goto(`${baseUrl}#/console`);
    await page.getByTestId(`job-row-${FORM_JOB}`).waitFor();
    await screenshot(page, '21-console-jobs');
  });
});
