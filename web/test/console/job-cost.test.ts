import { afterEach, describe, expect, it } from 'vitest';
import '../../src/console/index';
import { formatDollars, formatUnits } from '../../src/console/cost-panel';
import type { VerityJobPage } from '../../src/console/job-page';
import type { JobCost } from '../../src/console/types';
import { fakeApi, settle, shadow } from './fake-api';

const describeJob = {
  LabelingJobName: 'cars',
  LabelingJobArn: 'arn:aws:sagemaker:us-east-1:000000000000:labeling-job/cars',
  CreationTime: 1700000000,
  LastModifiedTime: 1700000100,
  LabelingJobStatus: 'Completed',
  LabelCounters: { TotalLabeled: 100, HumanLabeled: 100, MachineLabeled: 0, FailedNonRetryableError: 0, Unlabeled: 0 },
  LabelAttributeName: 'car',
  InputConfig: { DataSource: { S3DataSource: { ManifestS3Uri: 's3://b/cars.manifest' } } },
  OutputConfig: { S3OutputPath: 's3://b/output/' },
  HumanTaskConfig: { TaskTitle: 'Cars', NumberOfHumanWorkersPerDataObject: 3 },
};

// 100 objects: Lambda 12.5 GB-s, 300 answers' worth of API, SQS and DynamoDB requests
const cost: JobCost = {
  LabelingJobName: 'cars',
  prices: { region: 'us-east-1', checkedOn: '2026-12-07' },
  objects: 100,
  totalDollars: 0.0042,
  dollarsPerObject: 0.000042,
  services: [
    { service: 'Lambda', requests: 620, units: 12.5, unit: 'GB-s', detail: '620 invocations', dollars: 0.000332 },
    { service: 'API Gateway', requests: 600, units: 600, unit: 'requests', detail: 'HTTP API', dollars: 0.0006 },
    { service: 'DynamoDB', requests: 5000, units: 5210.5, unit: 'request units', detail: '3000.0 read, 2210.5 write units', dollars: 0.0018 },
  ],
  functions: [{ function: 'worker-api', invocations: 600, gbSeconds: 12, dollars: 0.00032 }],
  requests: [{ service: 'DynamoDb', operation: 'GetItem', count: 3000 }],
  stateTransitions: 42,
};

afterEach(() => {
  document.body.innerHTML = '';
});

async function mount(routes: Parameters<typeof fakeApi>[0]) {
  const { api, calls } = fakeApi(routes);
  const page = document.createElement('verity-job-page') as VerityJobPage;
  page.api = api;
  page.job = 'cars';
  document.body.append(page);
  await settle(page);
  await settle(page);
  return { root: shadow(page), calls };
}

const text = (root: ParentNode, testId: string) =>
  root.querySelector(`[data-testid="${testId}"]`)?.textContent?.replace(/\s+/g, ' ').trim();

describe('the cost panel of the job page', () => {
  it('shows the AWS cost so far, per object and per 1,000 objects, and a row per service', async () => {
    const { root, calls } = await mount({
      'GET /jobs/cars': { body: describeJob },
      'GET /jobs/cars/workers': { body: { workers: [] } },
      'GET /jobs/cars/cost': { body: cost },
    });

    expect(calls.filter((c) => c.path === '/jobs/cars/cost')).toHaveLength(1);
    expect(text(root, 'cost-total')).toBe('$0.00420');
    expect(text(root, 'cost-per-object')).toBe('$0.0000420');
    expect(text(root, 'cost-per-thousand')).toBe('$0.0420');
    expect(text(root, 'cost-lambda')).toBe('Lambda 620 12.5 GB-s $0.000332');
    expect(text(root, 'cost-api-gateway')).toBe('API Gateway 600 600 requests $0.000600');
    expect(text(root, 'cost-dynamodb')).toBe('DynamoDB 5,000 5,211 request units $0.00180');
    expect(root.querySelector('[data-testid="cost-dynamodb"]')!.getAttribute('title')).toBe('3000.0 read, 2210.5 write units');
    expect(text(root, 'cost-note')).toContain('us-east-1 list prices read on 2026-12-07');
  });

  it('says so in its card when the cost cannot be read, and the rest of the page stands', async () => {
    const { root } = await mount({
      'GET /jobs/cars': { body: describeJob },
      'GET /jobs/cars/workers': { body: { workers: [] } },
      'GET /jobs/cars/cost': { status: 500, body: { error: 'InternalFailure', message: 'internal error: SdkClientException' } },
    });

    expect(text(root, 'cost-error')).toContain('internal error');
    expect(root.querySelector('[data-testid="cost-table"]')).toBeNull();
    expect(text(root, 'job-status')).toBe('Completed');
    expect(root.querySelector('[data-testid="job-error"]')).toBeNull();
  });

  it('has no price per object before the first object is labeled', async () => {
    const { root } = await mount({
      'GET /jobs/cars': { body: { ...describeJob, LabelingJobStatus: 'Completed' } },
      'GET /jobs/cars/workers': { body: { workers: [] } },
      'GET /jobs/cars/cost': { body: { ...cost, objects: 0, dollarsPerObject: null } },
    });

    expect(text(root, 'cost-per-object')).toBe('—');
    expect(text(root, 'cost-per-thousand')).toBe('—');
  });
});

describe('dollar and unit figures', () => {
  it('keeps three significant figures below a dollar and cents above', () => {
    expect(formatDollars(0)).toBe('$0');
    expect(formatDollars(0.0000166667)).toBe('$0.0000167');
    expect(formatDollars(0.05)).toBe('$0.0500');
    expect(formatDollars(12.345)).toBe('$12.35');
    expect(formatDollars(null)).toBe('—');
    expect(formatDollars(Number.NaN)).toBe('—');
  });

  it('writes whole counts with separators and fractions to three figures', () => {
    expect(formatUnits(12000)).toBe('12,000');
    expect(formatUnits(0.0625)).toBe('0.0625');
    expect(formatUnits(1234.6)).toBe('1,235');
  });
});
