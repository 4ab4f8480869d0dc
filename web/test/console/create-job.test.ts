import { afterEach, describe, expect, it } from 'vitest';
import '../../src/console/index';
import type { VerityCreateJob } from '../../src/console/create-job';
import { choose, fakeApi, settle, shadow, typeInto, type Call } from './fake-api';

interface Put {
  url: string;
  headers: unknown;
  body: unknown;
}

async function mount(routes: Parameters<typeof fakeApi>[0]) {
  const { api, calls } = fakeApi(routes);
  const element = document.createElement('verity-create-job') as VerityCreateJob;
  const puts: Put[] = [];
  const navigations: string[] = [];
  element.putFetch = (async (url: RequestInfo | URL, init?: RequestInit) => {
    puts.push({ url: String(url), headers: init?.headers, body: init?.body });
    return new Response(null, { status: 200 });
  }) as typeof fetch;
  element.goTo = (hash) => navigations.push(hash);
  element.api = api;
  document.body.append(element);
  await settle(element);
  return { element, root: shadow(element), calls, puts, navigations };
}

function fillBoundingBoxJob(root: ShadowRoot): void {
  typeInto(root, 'name', 'boxes-1');
  typeInto(root, 'taskType', 'BoundingBox');
  typeInto(root, 'labels', 'car\nbike');
  typeInto(root, 'taskTitle', 'Box the vehicles');
  typeInto(root, 'taskDescription', 'Draw a tight box around every car and bike');
  typeInto(root, 'workersPerObject', '2');
  typeInto(root, 'taskTimeLimit', '600');
  typeInto(root, 'availabilityLifetime', '3600');
}

async function submit(element: VerityCreateJob): Promise<void> {
  shadow(element).querySelector<HTMLButtonElement>('[data-testid="create-submit"]')!.click();
  await settle(element);
  await settle(element);
}

const categoriesUpload = {
  body: {
    uploads: [{ name: 'categories.json', s3Uri: 's3://data-bucket/uploads/console-x/config/categories.json', url: 'https://s3.test/categories?sig', headers: { 'content-type': 'application/json' } }],
    s3Prefix: 's3://data-bucket/uploads/console-x/config/',
  },
};

const posted = (calls: Call[], path: string) => calls.filter((c) => c.method === 'POST' && c.path === path);

afterEach(() => {
  document.body.innerHTML = '';
});

describe('verity-create-job', () => {
  it('posts the exact CreateLabelingJob request for a bounding-box job on a manifest, then opens the job', async () => {
    const { element, root, calls, puts, navigations } = await mount({
      'POST /uploads': categoriesUpload,
      'POST /jobs': { body: { LabelingJobArn: 'arn:aws:sagemaker:us-east-1:000000000000:labeling-job/boxes-1' } },
    });
    fillBoundingBoxJob(root);
    choose(root, 'dataSource', 'manifest');
    await settle(element);
    typeInto(root, 'manifestUri', 's3://data-bucket/in/vehicles.manifest');
    choose(root, 'selectionMode', 'sample');
    await settle(element);
    typeInto(root, 'sampleSize', '50');
    await submit(element);

    expect(root.querySelector('[data-testid="form-error"]')).toBeNull();
    expect(posted(calls, '/uploads')[0].body).toEqual({
      prefix: expect.stringMatching(/^uploads\/console-.+\/config\/$/),
      files: [{ name: 'categories.json', contentType: 'application/json' }],
    });
    expect(puts).toHaveLength(1);
    expect(puts[0].url).toBe('https://s3.test/categories?sig');
    expect(puts[0].headers).toEqual({ 'content-type': 'application/json' });
    expect(JSON.parse(String(puts[0].body))).toEqual({ 'document-version': '2018-11-28', labels: [{ label: 'car' }, { label: 'bike' }] });
    expect(posted(calls, '/jobs').map((c) => c.body)).toEqual([
      {
        LabelingJobName: 'boxes-1',
        LabelAttributeName: 'boxes-1',
        InputConfig: { DataSource: { S3DataSource: { ManifestS3Uri: 's3://data-bucket/in/vehicles.manifest' } } },
        OutputConfig: { S3OutputPath: 's3://data-bucket/output/' },
        RoleArn: 'arn:aws:iam::000000000000:role/verity-labeling',
        LabelCategoryConfigS3Uri: 's3://data-bucket/uploads/console-x/config/categories.json',
        HumanTaskConfig: {
          WorkteamArn: 'arn:aws:sagemaker:us-east-1:000000000000:workteam/private-crowd/Everyone-in-private-workforce',
          UiConfig: { HumanTaskUiArn: 'arn:aws:sagemaker:us-east-1:394669845002:human-task-ui/BoundingBox' },
          PreHumanTaskLambdaArn: 'arn:aws:lambda:us-east-1:432418664414:function:PRE-BoundingBox',
          TaskTitle: 'Box the vehicles',
          TaskDescription: 'Draw a tight box around every car and bike',
          NumberOfHumanWorkersPerDataObject: 2,
          TaskTimeLimitInSeconds: 600,
          TaskAvailabilityLifetimeInSeconds: 3600,
          AnnotationConsolidationConfig: { AnnotationConsolidationLambdaArn: 'arn:aws:lambda:us-east-1:432418664414:function:ACS-BoundingBox' },
        },
        DataObjectSelection: { Mode: 'RandomSample', SampleSize: 50 },
      },
    ]);
    expect(navigations).toEqual(['#/console/jobs/boxes-1']);
  });

  it('names the fields that need fixing and sends nothing', async () => {
    const { element, root, calls } = await mount({});
    typeInto(root, 'workersPerObject', '12');
    await submit(element);
    const error = root.querySelector('[data-testid="form-error"]')!.textContent!;
    expect(error).toContain('Job name: is required');
    expect(error).toContain('Workers per object: must be between 1 and 9, got 12');
    expect(error).toContain('Files: choose at least one file to upload');
    expect(root.querySelector('[data-testid="error-name"]')!.textContent).toBe('is required');
    expect(root.querySelector('[name="name"]')!.getAttribute('aria-invalid')).toBe('true');
    expect(calls).toEqual([]);
  });

  it('uploads the files with progress, crawls them, and on a refusal shows the server’s whole reason, keeps the fields and does not upload again', async () => {
    let jobAttempts = 0;
    const reason =
      'HumanTaskConfig.TaskTitle: must be at most 128 characters\nLabelCategoryConfigS3Uri: task type BoundingBox allows at most 50 labels';
    const { element, root, calls, puts, navigations } = await mount({
      'POST /uploads': (call) => {
        const body = call.body as { prefix: string; files: { name: string }[] };
        if (body.prefix.endsWith('/config/')) {
          return categoriesUpload;
        }
        return {
          body: {
            uploads: body.files.map((f) => ({ name: f.name, s3Uri: `s3://data-bucket/${body.prefix}${f.name}`, url: `https://s3.test/${f.name}?sig`, headers: { 'x-amz-acl': 'private' } })),
            s3Prefix: `s3://data-bucket/${body.prefix}`,
          },
        };
      },
      'POST /datasets/manifest': (call) => ({
        body: { manifestS3Uri: `${(call.body as { s3Prefix: string }).s3Prefix}dataset-240101T000000.manifest`, objects: 2 },
      }),
      'POST /jobs': () =>
        ++jobAttempts === 1 ? { status: 400, body: { error: 'InvalidRequest', message: reason } } : { body: { LabelingJobArn: 'arn' } },
    });
    fillBoundingBoxJob(root);
    element.files = [new File(['png-a'], 'a.png', { type: 'image/png' }), new File(['png-bb'], 'b.png', { type: 'image/png' })];
    await submit(element);

    // the files went up, each to its presigned URL with the API's headers, then the prefix was crawled as images
    const dataUpload = posted(calls, '/uploads').find((c) => (c.body as { prefix: string }).prefix.endsWith('/data/'))!;
    expect((dataUpload.body as { files: unknown }).files).toEqual([
      { name: 'a.png', contentType: 'image/png' },
      { name: 'b.png', contentType: 'image/png' },
    ]);
    expect(puts.filter((p) => !p.url.includes('categories')).map((p) => [p.url, p.headers])).toEqual([
      ['https://s3.test/a.png?sig', { 'x-amz-acl': 'private' }],
      ['https://s3.test/b.png?sig', { 'x-amz-acl': 'private' }],
    ]);
    const dataPrefix = `s3://data-bucket/${(dataUpload.body as { prefix: string }).prefix}`;
    expect(posted(calls, '/datasets/manifest').map((c) => c.body)).toEqual([{ s3Prefix: dataPrefix, dataType: 'image' }]);
    const request = posted(calls, '/jobs')[0].body as { InputConfig: unknown; OutputConfig: unknown };
    expect(request.InputConfig).toEqual({ DataSource: { S3DataSource: { ManifestS3Uri: `${dataPrefix}dataset-240101T000000.manifest` } } });
    expect(request.OutputConfig).toEqual({ S3OutputPath: 's3://data-bucket/output/' });

    // the refusal is shown whole, the fields are as typed, nothing navigated
    expect(root.querySelector('[data-testid="form-error"]')!.textContent).toBe(reason);
    expect(root.querySelector<HTMLInputElement>('[name="name"]')!.value).toBe('boxes-1');
    expect(root.querySelector<HTMLTextAreaElement>('[name="labels"]')!.value).toBe('car\nbike');
    expect(root.querySelector<HTMLInputElement>('[name="taskTitle"]')!.value).toBe('Box the vehicles');
    expect(root.querySelector<HTMLInputElement>('[name="outputPath"]')!.value).toBe('s3://data-bucket/output/');
    expect(navigations).toEqual([]);

    // the retry sends the job again without uploading or crawling again
    const before = { uploads: posted(calls, '/uploads').length, crawls: posted(calls, '/datasets/manifest').length, puts: puts.length };
    typeInto(root, 'taskTitle', 'Box vehicles');
    await submit(element);
    expect(posted(calls, '/uploads').length).toBe(before.uploads);
    expect(posted(calls, '/datasets/manifest').length).toBe(before.crawls);
    expect(puts.length).toBe(before.puts);
    expect(posted(calls, '/jobs')).toHaveLength(2);
    expect((posted(calls, '/jobs')[1].body as { HumanTaskConfig: { TaskTitle: string } }).HumanTaskConfig.TaskTitle).toBe('Box vehicles');
    expect(navigations).toEqual(['#/console/jobs/boxes-1']);
  });

  it('uploads the categories again only when they changed', async () => {
    let attempts = 0;
    const { element, root, calls } = await mount({
      'POST /uploads': categoriesUpload,
      'POST /jobs': () => (++attempts < 3 ? { status: 400, body: { error: 'InvalidRequest', message: 'no' } } : { body: {} }),
    });
    fillBoundingBoxJob(root);
    choose(root, 'dataSource', 'manifest');
    await settle(element);
    typeInto(root, 'manifestUri', 's3://data-bucket/in.manifest');
    await submit(element);
    await submit(element);
    expect(posted(calls, '/uploads')).toHaveLength(1);
    typeInto(root, 'labels', 'car\nbike\nbus');
    await submit(element);
    expect(posted(calls, '/uploads')).toHaveLength(2);
  });

  it('crawls an S3 prefix as the chosen data type', async () => {
    const { element, root, calls } = await mount({
      'POST /uploads': categoriesUpload,
      'POST /datasets/manifest': { body: { manifestS3Uri: 's3://reviews/in/dataset.manifest', objects: 10 } },
      'POST /jobs': { body: {} },
    });
    typeInto(root, 'name', 'moods');
    typeInto(root, 'taskType', 'TextMultiClass');
    typeInto(root, 'labels', 'happy\nsad');
    typeInto(root, 'taskTitle', 'Mood');
    typeInto(root, 'taskDescription', 'How does the writer feel?');
    choose(root, 'dataSource', 'prefix');
    await settle(element);
    typeInto(root, 's3Prefix', 's3://reviews/in/');
    typeInto(root, 'dataType', 'text');
    await settle(element);
    // the output path follows the data's bucket while the user has not typed one
    expect(root.querySelector<HTMLInputElement>('[name="outputPath"]')!.value).toBe('s3://reviews/output/');
    await submit(element);
    expect(posted(calls, '/datasets/manifest').map((c) => c.body)).toEqual([{ s3Prefix: 's3://reviews/in/', dataType: 'text' }]);
    const request = posted(calls, '/jobs')[0].body as { InputConfig: unknown; OutputConfig: unknown };
    expect(request.InputConfig).toEqual({ DataSource: { S3DataSource: { ManifestS3Uri: 's3://reviews/in/dataset.manifest' } } });
    expect(request.OutputConfig).toEqual({ S3OutputPath: 's3://reviews/output/' });
  });
});
