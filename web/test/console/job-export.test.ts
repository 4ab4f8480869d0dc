import { afterEach, describe, expect, it } from 'vitest';
import '../../src/console/index';
import { exportChoices } from '../../src/console/export-menu';
import type { VerityJobPage } from '../../src/console/job-page';
import type { LabelExport } from '../../src/console/types';
import { TASK_TYPES } from '../../src/console/task-types';
import { fakeApi, settle, shadow, typeInto } from './fake-api';

const PRE = 'arn:aws:lambda:us-east-1:432418664414:function:PRE-';

function describeJob(taskType: string, status = 'Completed') {
  return {
    LabelingJobName: 'cars',
    LabelingJobArn: 'arn:aws:sagemaker:us-east-1:000000000000:labeling-job/cars',
    CreationTime: 1700000000,
    LastModifiedTime: 1700000100,
    LabelingJobStatus: status,
    LabelCounters: { TotalLabeled: 3, HumanLabeled: 3, MachineLabeled: 0, FailedNonRetryableError: 0, Unlabeled: 0 },
    LabelAttributeName: 'car',
    InputConfig: { DataSource: { S3DataSource: { ManifestS3Uri: 's3://b/cars.manifest' } } },
    OutputConfig: { S3OutputPath: 's3://b/output/' },
    HumanTaskConfig: { TaskTitle: 'Cars', NumberOfHumanWorkersPerDataObject: 1, PreHumanTaskLambdaArn: PRE + taskType },
  };
}

function exported(format: string): LabelExport {
  return {
    LabelingJobName: 'cars',
    format: format as LabelExport['format'],
    s3Uri: `s3://b/output/cars/exports/${format}/file`,
    url: `https://s3.test/b/output/cars/exports/${format}/file?X-Amz-Signature=abc`,
    fileName: `cars-${format}-file`,
    contentType: 'application/json',
    expiresInSeconds: 3600,
    objects: 3,
    skipped: 1,
    applicableFormats: ['coco', 'yolo', 'voc'],
  };
}

afterEach(() => {
  document.body.innerHTML = '';
});

async function mount(routes: Parameters<typeof fakeApi>[0]) {
  const { api, calls } = fakeApi(routes);
  const page = document.createElement('verity-job-page') as VerityJobPage;
  const opened: string[] = [];
  page.openUrl = (url) => opened.push(url);
  page.api = api;
  page.job = 'cars';
  document.body.append(page);
  await settle(page);
  await settle(page);
  return { page, root: shadow(page), calls, opened };
}

const base = (taskType: string, status?: string) => ({
  'GET /jobs/cars': { body: describeJob(taskType, status) },
  'GET /jobs/cars/workers': { body: { workers: [] } },
  'GET /jobs/cars/cost': { status: 500, body: { error: 'InternalFailure', message: 'x' } },
});

describe('the export menu of the job page', () => {
  it('offers a bounding-box job COCO, YOLO and VOC, exports the chosen one and opens its download URL', async () => {
    const { page, root, calls, opened } = await mount({
      ...base('BoundingBox'),
      'GET /jobs/cars/export': (call) => ({ body: exported(call.query.get('format')!) }),
    });

    const options = [...root.querySelectorAll('[data-testid="export-format"] option')].map((o) => o.textContent?.trim());
    expect(options).toEqual(['COCO JSON', 'YOLO (zip: labels + data.yaml)', 'Pascal VOC XML (zip)']);
    typeInto(root, 'export-format', 'yolo');
    root.querySelector<HTMLButtonElement>('[data-testid="export-labels"]')!.click();
    await settle(page);

    const call = calls.find((c) => c.path === '/jobs/cars/export')!;
    expect(call.query.get('format')).toBe('yolo');
    expect(call.query.has('masks')).toBe(false);
    expect(opened).toEqual(['https://s3.test/b/output/cars/exports/yolo/file?X-Amz-Signature=abc']);
    const result = root.querySelector('[data-testid="export-result"]')!.textContent!.replace(/\s+/g, ' ');
    expect(result).toContain('yolo: 3 objects (1 lines without a label left out)');
    expect(result).toContain('s3://b/output/cars/exports/yolo/file');
  });

  it('asks for polygons when a segmentation job exports COCO with polygon masks', async () => {
    const { page, root, calls } = await mount({
      ...base('SemanticSegmentation'),
      'GET /jobs/cars/export': () => ({ body: exported('coco') }),
    });

    typeInto(root, 'export-format', 'coco:polygons');
    root.querySelector<HTMLButtonElement>('[data-testid="export-labels"]')!.click();
    await settle(page);

    const call = calls.find((c) => c.path === '/jobs/cars/export')!;
    expect(call.query.get('format')).toBe('coco');
    expect(call.query.get('masks')).toBe('polygons');
  });

  it('shows the API error when an export fails, and opens nothing', async () => {
    const { page, root, opened } = await mount({
      ...base('NamedEntityRecognition'),
      'GET /jobs/cars/export': { status: 409, body: { error: 'ResourceInUse', message: 'has not written its output manifest yet' } },
    });

    root.querySelector<HTMLButtonElement>('[data-testid="export-labels"]')!.click();
    await settle(page);

    expect(opened).toEqual([]);
    expect(root.querySelector('[data-testid="action-error"]')!.textContent).toContain('has not written its output manifest yet');
  });

  it('has no menu while the job runs, nor for custom jobs', async () => {
    const running = await mount(base('BoundingBox', 'InProgress'));
    expect(running.root.querySelector('[data-testid="export-menu"]')).toBeNull();
    document.body.innerHTML = '';
    const custom = await mount({
      ...base('BoundingBox'),
      'GET /jobs/cars': {
        body: { ...describeJob('x'), HumanTaskConfig: { TaskTitle: 'C', PreHumanTaskLambdaArn: 'arn:aws:lambda:us-east-1:1:function:mine' } },
      },
    });
    expect(custom.root.querySelector('[data-testid="job-status"]')).not.toBeNull();
    expect(custom.root.querySelector('[data-testid="export-menu"]')).toBeNull();
  });

  it('offers every built-in task type the formats the server applies to it', () => {
    const formats = Object.fromEntries(TASK_TYPES.map((t) => [t.id, [...new Set(exportChoices(t.id).map((c) => c.format))]]));
    expect(formats).toEqual({
      ImageMultiClass: ['csv'],
      ImageMultiClassMultiLabel: ['csv'],
      BoundingBox: ['coco', 'yolo', 'voc'],
      AdjustmentBoundingBox: ['coco', 'yolo', 'voc'],
      VerificationBoundingBox: ['csv'],
      SemanticSegmentation: ['coco'],
      AdjustmentSemanticSegmentation: ['coco'],
      TextMultiClass: ['csv'],
      TextMultiClassMultiLabel: ['csv'],
      NamedEntityRecognition: ['conll', 'spacy'],
      Custom: [],
    });
  });
});
