import { afterEach, describe, expect, it } from 'vitest';
import '../../src/console/index';
import { formatTaskTime } from '../../src/console/metrics-panel';
import type { VerityJobPage } from '../../src/console/job-page';
import type { JobMetrics } from '../../src/console/types';
import { fakeApi, settle, shadow } from './fake-api';

const describeJob = {
  LabelingJobName: 'cars',
  LabelingJobArn: 'arn:aws:sagemaker:us-east-1:000000000000:labeling-job/cars',
  CreationTime: 1700000000,
  LastModifiedTime: 1700000100,
  LabelingJobStatus: 'Completed',
  LabelCounters: { TotalLabeled: 100, HumanLabeled: 60, MachineLabeled: 40, FailedNonRetryableError: 0, Unlabeled: 0 },
  LabelAttributeName: 'car',
  InputConfig: { DataSource: { S3DataSource: { ManifestS3Uri: 's3://b/cars.manifest' } } },
  OutputConfig: { S3OutputPath: 's3://b/output/' },
  HumanTaskConfig: { TaskTitle: 'Cars', NumberOfHumanWorkersPerDataObject: 1 },
};

const none = { sum: 0, count: 0, maximum: 0 };
// 64 tasks taken, 60 answered in 750 s (12.5 s each), 3 given back, 1 declined; 60 objects by humans, 40 by a model
const metrics: JobMetrics = {
  LabelingJobName: 'cars',
  Workteam: 'drivers',
  metrics: {
    TasksAccepted: { sum: 64, count: 20, maximum: 10 },
    TasksSubmitted: { sum: 60, count: 60, maximum: 1 },
    TasksReturned: { sum: 3, count: 3, maximum: 1 },
    TasksDeclined: { sum: 1, count: 1, maximum: 1 },
    TasksExpired: { sum: 2, count: 1, maximum: 2 },
    TimeSpent: { sum: 750, count: 60, maximum: 40, average: 12.5 },
    DatasetObjectsHumanAnnotated: { sum: 60, count: 1, maximum: 60 },
    DatasetObjectsAutoAnnotated: { sum: 40, count: 1, maximum: 40 },
    JobsSucceeded: { sum: 1, count: 1, maximum: 1 },
    JobsFailed: none,
    JobsStopped: none,
  },
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

describe('the metrics panel of the job page', () => {
  it('shows the tasks accepted, submitted, returned, declined and expired, the time per task and who labeled', async () => {
    const { root, calls } = await mount({
      'GET /jobs/cars': { body: describeJob },
      'GET /jobs/cars/workers': { body: { workers: [] } },
      'GET /jobs/cars/metrics': { body: metrics },
    });

    expect(calls.filter((c) => c.path === '/jobs/cars/metrics')).toHaveLength(1);
    expect(text(root, 'metric-accepted')).toBe('64');
    expect(text(root, 'metric-submitted')).toBe('60');
    expect(text(root, 'metric-returned')).toBe('3');
    expect(text(root, 'metric-declined')).toBe('1');
    expect(text(root, 'metric-expired')).toBe('2');
    expect(text(root, 'metric-time-per-task')).toBe('12.5 s');
    expect(text(root, 'metric-human-objects')).toBe('60');
    expect(text(root, 'metric-machine-objects')).toBe('40');
    expect(text(root, 'job-metrics')).toContain('average time per task');
    expect(text(root, 'metrics-note')).toContain('Team drivers');
  });

  it('has no time per task before the first answer', async () => {
    const { root } = await mount({
      'GET /jobs/cars': { body: describeJob },
      'GET /jobs/cars/workers': { body: { workers: [] } },
      'GET /jobs/cars/metrics': {
        body: { ...metrics, metrics: { ...metrics.metrics, TimeSpent: { ...none, average: null } } },
      },
    });

    expect(text(root, 'metric-time-per-task')).toBe('—');
  });

  it('says so in its card when the metrics cannot be read, and the rest of the page stands', async () => {
    const { root } = await mount({
      'GET /jobs/cars': { body: describeJob },
      'GET /jobs/cars/workers': { body: { workers: [] } },
      'GET /jobs/cars/metrics': { status: 500, body: { error: 'InternalFailure', message: 'internal error: CloudWatch' } },
    });

    expect(text(root, 'metrics-error')).toContain('internal error');
    expect(root.querySelector('[data-testid="metrics-figures"]')).toBeNull();
    expect(text(root, 'job-status')).toBe('Completed');
    expect(root.querySelector('[data-testid="job-error"]')).toBeNull();
  });
});

describe('time per task', () => {
  it('keeps tenths of a second under a minute and minutes above', () => {
    expect(formatTaskTime(0.384)).toBe('0.4 s');
    expect(formatTaskTime(12.5)).toBe('12.5 s');
    expect(formatTaskTime(75)).toBe('1 min 15 s');
    expect(formatTaskTime(null)).toBe('—');
  });
});
