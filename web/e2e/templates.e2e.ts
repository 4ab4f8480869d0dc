import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { apiGet, baseUrl, launch, newPage, screenshot, signIn, token, waitForStatus } from './harness';
import { squarePng } from './png';

/**
 * A built-in job with the requester's own Ground Truth worker template, as Ground Truth's console writes one for a
 * bounding-box job: the worker sees that template, with its crowd-bounding-box, in the task frame (not the portal's
 * own box tool), draws the box there, and the job's output has it. The job, its image and its template are put in
 * place through the requester API, as a requester would.
 */
const JOB = `browser-templated-${Date.now().toString(36)}`;
const SIZE = 64;
const TEMPLATE = `<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>
<crowd-form>
  <crowd-bounding-box
    name="boundingBox"
    src="{{ task.input.taskObject | grant_read_access }}"
    header="Draw a box around the square"
    labels="{{ task.input.labels | to_json | escape }}"
  >
    <full-instructions header="Bounding box instructions">Box the whole square, edge to edge.</full-instructions>
    <short-instructions>Box the square.</short-instructions>
  </crowd-bounding-box>
</crowd-form>`;

let browser: Browser;
let requester: string;

async function api<T>(method: string, path: string, body: unknown): Promise<T> {
  const response = await fetch(`${baseUrl}${path.replace(/^\//, '')}`, {
    method,
    headers: { authorization: `Bearer ${requester}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) {
    throw new Error(`${method} ${path}: HTTP ${response.status} ${await response.text()}`);
  }
  return response.json() as Promise<T>;
}

type Ticket = { name: string; s3Uri: string; url: string; headers?: Record<string, string> };

/** Puts the files in the data bucket through the upload API's presigned PUTs; a body may name the others' S3 URIs. */
async function upload(files: Record<string, { type: string; body: (uris: Record<string, string>) => Blob | string }>) {
  const { uploads } = await api<{ uploads: Ticket[] }>('POST', '/uploads', {
    prefix: `uploads/${JOB}/`,
    files: Object.entries(files).map(([name, f]) => ({ name, contentType: f.type })),
  });
  const uris = Object.fromEntries(uploads.map((t) => [t.name, t.s3Uri]));
  for (const ticket of uploads) {
    const file = files[ticket.name];
    const put = await fetch(ticket.url, { method: 'PUT', headers: { 'content-type': file.type, ...ticket.headers }, body: file.body(uris) });
    expect(put.ok, `PUT ${ticket.name}: HTTP ${put.status}`).toBe(true);
  }
  return uris;
}

describe('a built-in job with the requester\'s template', () => {
  beforeAll(async () => {
    browser = await launch();
    requester = await token('templated-requester', ['requesters']);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('shows the template\'s crowd-bounding-box in the task frame, and the box drawn there is the job\'s label', async () => {
    const uris = await upload({
      'square.png': { type: 'image/png', body: () => new Blob([new Uint8Array(squarePng(SIZE, [255, 255, 255], [40, 90, 220]))]) },
      'dataset.manifest': { type: 'application/json', body: (u) => `${JSON.stringify({ 'source-ref': u['square.png'] })}\n` },
      'categories.json': {
        type: 'application/json',
        body: () => JSON.stringify({ 'document-version': '2018-11-28', labels: [{ label: 'square' }, { label: 'circle' }] }),
      },
      'template.liquid.html': { type: 'text/html', body: () => TEMPLATE },
    });
    await api('POST', '/jobs', {
      LabelingJobName: JOB,
      LabelAttributeName: 'shapes',
      InputConfig: { DataSource: { S3DataSource: { ManifestS3Uri: uris['dataset.manifest'] } } },
      OutputConfig: { S3OutputPath: 's3://verity-data/browser-templated-output/' },
      RoleArn: 'arn:aws:iam::000000000000:role/verity-browser-test',
      LabelCategoryConfigS3Uri: uris['categories.json'],
      HumanTaskConfig: {
        WorkteamArn: 'arn:aws:sagemaker:us-east-1:000000000000:workteam/private-crowd/Everyone-in-private-workforce',
        UiConfig: { UiTemplateS3Uri: uris['template.liquid.html'] },
        PreHumanTaskLambdaArn: 'arn:aws:lambda:us-east-1:432418664414:function:PRE-BoundingBox',
        TaskTitle: 'Box the square',
        TaskDescription: 'Draw a box around the square',
        NumberOfHumanWorkersPerDataObject: 1,
        TaskTimeLimitInSeconds: 300,
        TaskAvailabilityLifetimeInSeconds: 3600,
        AnnotationConsolidationConfig: {
          AnnotationConsolidationLambdaArn: 'arn:aws:lambda:us-east-1:432418664414:function:ACS-BoundingBox',
        },
      },
    });
    await waitForStatus(JOB, ['InProgress'], requester);

    const page = await newPage(browser);
    await signIn(page, 'templated-worker', 'worker');
    await page.goto(`${baseUrl}#/work`);
    await page.getByTestId(`start-${JOB}`).click();
    const frame = page.frameLocator('[data-testid=custom-frame]');
    await frame.getByText('Draw a box around the square').waitFor();
    expect(await page.locator('verity-bbox-tool').count()).toBe(0); // the template, not the portal's own box tool
    const surface = frame.locator('crowd-bounding-box [data-testid="bbox-canvas"]');
    await surface.scrollIntoViewIfNeeded();
    const box = (await surface.boundingBox())!;
    const at = (x: number, y: number) => [box.x + (x / SIZE) * box.width, box.y + (y / SIZE) * box.height] as const;
    await page.mouse.move(...at(16, 16));
    await page.mouse.down();
    await page.mouse.move(...at(32, 32), { steps: 4 });
    await page.mouse.move(...at(48, 48), { steps: 4 });
    await page.mouse.up();
    await screenshot(page, '15-built-in-job-with-template');
    await page.getByTestId('submit').click();
    await page.getByTestId('no-tasks').waitFor();

    const done = await waitForStatus(JOB, ['Completed', 'Failed', 'Stopped'], requester);
    expect(done.LabelingJobStatus, done.FailureReason ?? '').toBe('Completed');
    const objects = await apiGet(`/jobs/${JOB}/objects`, requester);
    const label = objects.objects[0].label;
    expect(label.image_size).toEqual([{ width: SIZE, height: SIZE, depth: 3 }]);
    expect(label.annotations).toHaveLength(1);
    const drawn = label.annotations[0];
    expect(drawn.class_id).toBe(0);
    for (const [field, expected] of [['left', 16], ['top', 16], ['width', 32], ['height', 32]] as const) {
      expect(Math.abs(drawn[field] - expected), `${field} ${drawn[field]}`).toBeLessThanOrEqual(2);
    }
    expect(objects.objects[0].metadata['class-map']).toEqual({ 0: 'square' });
    await page.close();
  });
});
