import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { apiGet, baseUrl, launch, newPage, screenshot, signIn, token, waitForStatus } from './harness';
import { squarePng } from './png';

/**
 * The job page's export menu on a completed image-classification job: the requester picks CSV, exports, and the
 * browser downloads the file the presigned URL serves, one row per image with the label its worker chose. The job
 * (two images, one worker each) is put in place and answered through the requester and worker APIs.
 */
const JOB = `browser-export-${Date.now().toString(36)}`;

let browser: Browser;
let requester: string;
let worker: string;

async function call<T>(bearer: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(`${baseUrl}${path.replace(/^\//, '')}`, {
    method,
    headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : {}) as T };
}

type Ticket = { name: string; s3Uri: string; url: string; headers?: Record<string, string> };

/** Puts the files in the data bucket through the upload API's presigned PUTs; answers their S3 URIs by name. */
async function upload(files: Record<string, { type: string; body: Blob | string }>): Promise<Record<string, string>> {
  const { status, body } = await call<{ uploads: Ticket[] }>(requester, 'POST', '/uploads', {
    prefix: `uploads/${JOB}/`,
    files: Object.entries(files).map(([name, f]) => ({ name, contentType: f.type })),
  });
  expect(status, JSON.stringify(body)).toBe(200);
  for (const ticket of body.uploads) {
    const file = files[ticket.name];
    const put = await fetch(ticket.url, { method: 'PUT', headers: { 'content-type': file.type, ...ticket.headers }, body: file.body });
    expect(put.ok, `PUT ${ticket.name}: HTTP ${put.status}`).toBe(true);
  }
  return Object.fromEntries(body.uploads.map((t) => [t.name, t.s3Uri]));
}

describe('the export menu of the job page', () => {
  beforeAll(async () => {
    browser = await launch();
    requester = await token('export-requester', ['requesters']);
    worker = await token('export-worker', ['workers']);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('exports a completed classification job as CSV and the browser downloads one row per image', async () => {
    const png = (rgb: [number, number, number]) => new Blob([new Uint8Array(squarePng(16, [255, 255, 255], rgb))]);
    const images = await upload({
      'blue.png': { type: 'image/png', body: png([40, 90, 220]) },
      'red.png': { type: 'image/png', body: png([220, 40, 40]) },
    });
    const truth: Record<string, string> = { [images['blue.png']]: 'cat', [images['red.png']]: 'dog' };
    const inputs = await upload({
      'dataset.manifest': {
        type: 'application/json',
        body: [images['blue.png'], images['red.png']].map((uri) => `${JSON.stringify({ 'source-ref': uri })}\n`).join(''),
      },
      'categories.json': {
        type: 'application/json',
        body: JSON.stringify({ 'document-version': '2018-11-28', labels: [{ label: 'cat' }, { label: 'dog' }] }),
      },
    });
    const created = await call(requester, 'POST', '/jobs', {
      LabelingJobName: JOB,
      LabelAttributeName: 'animal',
      InputConfig: { DataSource: { S3DataSource: { ManifestS3Uri: inputs['dataset.manifest'] } } },
      OutputConfig: { S3OutputPath: 's3://verity-data/browser-export-output/' },
      RoleArn: 'arn:aws:iam::000000000000:role/verity-browser-test',
      LabelCategoryConfigS3Uri: inputs['categories.json'],
      HumanTaskConfig: {
        WorkteamArn: 'arn:aws:sagemaker:us-east-1:000000000000:workteam/private-crowd/Everyone-in-private-workforce',
        UiConfig: { UiTemplateS3Uri: 's3://verity-data/templates/image-classification.liquid.html' },
        PreHumanTaskLambdaArn: 'arn:aws:lambda:us-east-1:432418664414:function:PRE-ImageMultiClass',
        TaskTitle: 'Cat or dog',
        TaskDescription: 'Choose the animal',
        NumberOfHumanWorkersPerDataObject: 1,
        TaskTimeLimitInSeconds: 300,
        TaskAvailabilityLifetimeInSeconds: 3600,
        AnnotationConsolidationConfig: {
          AnnotationConsolidationLambdaArn: 'arn:aws:lambda:us-east-1:432418664414:function:ACS-ImageMultiClass',
        },
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    await waitForStatus(JOB, ['InProgress'], requester);

    // the worker answers both images through the worker API (the tasks appear once DispatchTasks has run)
    let answered = 0;
    for (let attempt = 0; answered < 2 && attempt < 120; attempt++) {
      const next = await call<{ assignmentId: string; taskInput: { sourceRef: string } }>(
        worker, 'POST', `/worker/jobs/${encodeURIComponent(JOB)}/tasks/next`);
      if (next.status !== 200) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        continue;
      }
      const label = truth[next.body.taskInput.sourceRef];
      expect(label, next.body.taskInput.sourceRef).toBeDefined();
      const submitted = await call(worker, 'POST', `/worker/assignments/${encodeURIComponent(next.body.assignmentId)}`, {
        answerContent: { 'crowd-image-classifier': { label } },
      });
      expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
      answered++;
    }
    expect(answered).toBe(2);
    const done = await waitForStatus(JOB, ['Completed', 'Failed', 'Stopped'], requester);
    expect(done.LabelingJobStatus, done.FailureReason ?? '').toBe('Completed');

    const page = await newPage(browser);
    await signIn(page, 'e2e-export-requester', 'requester');
    await page.goto(`${baseUrl}#/console/jobs/${encodeURIComponent(JOB)}`);
    const menu = page.getByTestId('export-menu');
    await menu.waitFor();
    const options = await page.getByTestId('export-format').locator('option').allTextContents();
    expect(options).toEqual(['CSV']);
    await page.getByTestId('export-format').selectOption('csv');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-labels').click()]);
    expect(download.suggestedFilename()).toBe(`${JOB}-csv-labels.csv`);
    const csv = readFileSync(await download.path(), 'utf8');

    const lines = csv.split('\r\n').filter((line) => line !== '');
    expect(lines[0]).toBe('object,label,class_id,confidence,annotated_by');
    expect(lines).toHaveLength(3);
    // one row per image, in the manifest's order, with the worker's label and its class index
    expect(lines[1]).toMatch(new RegExp(`^${images['blue.png'].replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')},cat,0,[0-9.]+,human$`));
    expect(lines[2]).toMatch(new RegExp(`^${images['red.png'].replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')},dog,1,[0-9.]+,human$`));

    const result = page.getByTestId('export-result');
    await result.waitFor();
    expect(await result.textContent()).toContain(`s3://verity-data/browser-export-output/${JOB}/exports/csv/labels.csv`);
    const again = await apiGet(`/jobs/${encodeURIComponent(JOB)}/export?format=csv`, requester);
    expect(again.objects).toBe(2);
    await screenshot(page, '26-job-export-menu');
    await page.close();
  });

  it('shows the same job\'s metrics from the runtime\'s metrics file: two tasks taken and answered by humans', async () => {
    const page = await newPage(browser);
    await signIn(page, 'e2e-export-requester', 'requester');
    await page.goto(`${baseUrl}#/console/jobs/${encodeURIComponent(JOB)}`);
    const card = page.getByTestId('job-metrics');
    await card.getByTestId('metrics-figures').waitFor();
    expect(await card.getByTestId('metric-accepted').textContent()).toBe('2');
    expect(await card.getByTestId('metric-submitted').textContent()).toBe('2');
    expect(await card.getByTestId('metric-returned').textContent()).toBe('0');
    expect(await card.getByTestId('metric-time-per-task').textContent()).toMatch(/^\d+(\.\d)? s$|min/);
    expect(await card.getByTestId('metric-human-objects').textContent()).toBe('2');
    expect(await card.getByTestId('metric-machine-objects').textContent()).toBe('0');
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, '27-job-metrics');
    await page.close();
  });
});
