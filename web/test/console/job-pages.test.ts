import { afterEach, describe, expect, it, vi } from 'vitest';
import '../../src/console/index';
import type { VerityJobList } from '../../src/console/job-list';
import { LIST_REFRESH_MS } from '../../src/console/job-list';
import type { VerityJobPage } from '../../src/console/job-page';
import { fakeApi, settle, shadow } from './fake-api';

const counters = (labeled: number, unlabeled: number) => ({
  TotalLabeled: labeled,
  HumanLabeled: labeled,
  MachineLabeled: 0,
  FailedNonRetryableError: 0,
  Unlabeled: unlabeled,
});
const lambda = 'arn:aws:lambda:us-east-1:432418664414:function:';
const summary = (name: string, status: string, labeled: number, unlabeled: number) => ({
  LabelingJobName: name,
  LabelingJobArn: `arn:aws:sagemaker:us-east-1:000000000000:labeling-job/${name}`,
  CreationTime: 1700000000.5,
  LastModifiedTime: 1700000100,
  LabelingJobStatus: status,
  LabelCounters: counters(labeled, unlabeled),
  PreHumanTaskLambdaArn: `${lambda}PRE-BoundingBox`,
});

afterEach(() => {
  vi.useRealTimers();
  document.body.innerHTML = '';
});

describe('verity-job-list', () => {
  it('shows a row per job with its task type, status and progress, and pages with Load more', async () => {
    const { api, calls } = fakeApi({
      'GET /jobs': (call) =>
        call.query.get('nextToken') === 'p2'
          ? { body: { LabelingJobSummaryList: [summary('old', 'Completed', 4, 0)] } }
          : { body: { LabelingJobSummaryList: [summary('cars', 'Completed', 3, 1)], NextToken: 'p2' } },
    });
    const list = document.createElement('verity-job-list') as VerityJobList;
    list.api = api;
    document.body.append(list);
    await settle(list);
    const root = shadow(list);
    const row = root.querySelector('[data-testid="job-row-cars"]')!;
    expect(row.querySelector('a')!.getAttribute('href')).toBe('#/console/jobs/cars');
    expect(row.textContent).toContain('Bounding box');
    expect(row.textContent).toContain('Completed');
    expect(root.querySelector('[data-testid="progress-cars"]')!.textContent).toContain('3 / 4 labeled (75%)');
    root.querySelector<HTMLButtonElement>('[data-testid="load-more"]')!.click();
    await settle(list);
    expect(root.querySelector('[data-testid="job-row-old"]')).not.toBeNull();
    expect(root.querySelector('[data-testid="load-more"]')).toBeNull();
    expect(calls.map((c) => c.query.get('nextToken'))).toEqual([null, 'p2']);
  });

  it('filters by status through the API', async () => {
    const { api, calls } = fakeApi({ 'GET /jobs': { body: { LabelingJobSummaryList: [] } } });
    const list = document.createElement('verity-job-list') as VerityJobList;
    list.api = api;
    document.body.append(list);
    await settle(list);
    const select = shadow(list).querySelector<HTMLSelectElement>('select[name="status"]')!;
    select.value = 'Failed';
    select.dispatchEvent(new Event('change'));
    await settle(list);
    expect(calls.map((c) => c.query.get('statusEquals'))).toEqual([null, 'Failed']);
    expect(shadow(list).querySelector('[data-testid="no-jobs"]')!.textContent).toContain('No Failed jobs');
  });

  it('refreshes while a job is in progress and stops when it leaves the page', async () => {
    vi.useFakeTimers();
    let labeled = 1;
    const { api, calls } = fakeApi({ 'GET /jobs': () => ({ body: { LabelingJobSummaryList: [summary('live', 'InProgress', labeled, 10 - labeled)] } }) });
    const list = document.createElement('verity-job-list') as VerityJobList;
    list.api = api;
    document.body.append(list);
    await vi.advanceTimersByTimeAsync(0);
    await list.updateComplete;
    expect(calls).toHaveLength(1);
    labeled = 5;
    await vi.advanceTimersByTimeAsync(LIST_REFRESH_MS);
    await list.updateComplete;
    expect(calls).toHaveLength(2);
    expect(shadow(list).querySelector('[data-testid="progress-live"]')!.textContent).toContain('5 / 10 labeled (50%)');
    list.remove();
    await vi.advanceTimersByTimeAsync(LIST_REFRESH_MS * 5);
    expect(calls).toHaveLength(2);
  });
});

describe('verity-job-page', () => {
  const describeJob = (status: string, extra: Record<string, unknown> = {}) => ({
    ...summary('cars', status, 2, status === 'Completed' ? 0 : 2),
    LabelAttributeName: 'cars',
    InputConfig: { DataSource: { S3DataSource: { ManifestS3Uri: 's3://b/in.manifest' } } },
    OutputConfig: { S3OutputPath: 's3://b/output/' },
    HumanTaskConfig: {
      PreHumanTaskLambdaArn: `${lambda}PRE-BoundingBox`,
      TaskTitle: 'Box the cars',
      NumberOfHumanWorkersPerDataObject: 3,
      TaskTimeLimitInSeconds: 300,
      TaskAvailabilityLifetimeInSeconds: 864000,
    },
    DataObjectSelection: { Mode: 'RandomSample', SampleSize: 4 },
    ...extra,
  });

  async function mount(routes: Parameters<typeof fakeApi>[0]) {
    const { api, calls } = fakeApi(routes);
    const page = document.createElement('verity-job-page') as VerityJobPage;
    page.api = api;
    page.job = 'cars';
    document.body.append(page);
    await settle(page);
    await settle(page);
    return { page, root: shadow(page), calls };
  }

  it('shows status, progress, settings and the workers of a completed job, and downloads its output', async () => {
    const { page, root, calls } = await mount({
      'GET /jobs/cars': { body: describeJob('Completed', { LabelingJobOutput: { OutputDatasetS3Uri: 's3://b/output/cars/manifests/output/output.manifest' } }) },
      'GET /jobs/cars/workers': { body: { workers: [{ workerId: 'ana', answers: 12, goldAnswered: 4, goldCorrect: 3, goldAccuracy: 0.75, estimatedAccuracy: 0.91 }] } },
      'GET /jobs/cars/output': { body: { manifestS3Uri: 's3://b/o.manifest', url: 'https://s3.test/o.manifest?sig' } },
    });
    expect(root.querySelector('[data-testid="job-status"]')!.textContent).toBe('Completed');
    expect(root.querySelector('[data-testid="progress"]')!.textContent).toContain('2 / 2 labeled (100%)');
    const settings = root.querySelector('[data-testid="job-settings"]')!.textContent!;
    expect(settings).toContain('Bounding box');
    expect(settings).toContain('s3://b/in.manifest');
    expect(settings).toContain('Random sample of 4 objects');
    expect(settings).toContain('10 d');
    const worker = root.querySelector('[data-testid="workers-table"] [data-testid="worker-ana"]')!.textContent!;
    expect(worker).toContain('3 / 4');
    expect(worker).toContain('75.0%');
    expect(worker).toContain('91.0%');
    expect(root.querySelector('[data-testid="stop-job"]')).toBeNull();
    expect(root.querySelector('[data-testid="browse-data"]')!.getAttribute('href')).toBe('#/console/jobs/cars/data');
    const opened: string[] = [];
    page.openUrl = (url) => opened.push(url);
    root.querySelector<HTMLButtonElement>('[data-testid="download-output"]')!.click();
    await settle(page);
    expect(opened).toEqual(['https://s3.test/o.manifest?sig']);
    // a final job is not polled
    expect(calls.filter((c) => c.path === '/jobs/cars')).toHaveLength(1);
  });

  it("shows a streaming job's input and output topics in its settings", async () => {
    const { root } = await mount({
      'GET /jobs/cars': {
        body: describeJob('InProgress', {
          InputConfig: { DataSource: { SnsDataSource: { SnsTopicArn: 'arn:aws:sns:us-east-1:111122223333:cars-in' } } },
          OutputConfig: { S3OutputPath: 's3://b/output/', SnsTopicArn: 'arn:aws:sns:us-east-1:111122223333:cars-out' },
        }),
      },
      'GET /jobs/cars/workers': { body: { workers: [] } },
    });
    const settings = root.querySelector('[data-testid="job-settings"]')!.textContent!;
    expect(settings).toContain('Input topic (streaming)arn:aws:sns:us-east-1:111122223333:cars-in');
    expect(settings).toContain('Output topicarn:aws:sns:us-east-1:111122223333:cars-out');
    expect(settings).not.toContain('Input manifest');
  });

  it('shows live worker counts, stops a running job after the requester confirms, and shows the failure reason of a failed one', async () => {
    let status = 'InProgress';
    const { page, root, calls } = await mount({
      'GET /jobs/cars': () => ({ body: describeJob(status, status === 'Failed' ? { FailureReason: 'manifest line 3: no source-ref' } : {}) }),
      'GET /jobs/cars/workers': { body: { final: false, workers: [{ workerId: 'ana', answers: 2 }] } },
      'POST /jobs/cars/stop': () => ((status = 'Stopping'), { body: {} }),
    });
    expect(root.querySelector('[data-testid="download-output"]')).toBeNull();
    // while the job runs: each worker's answers so far, said to be live
    expect(root.querySelector('[data-testid="workers-live"]')!.textContent).toContain('Answers so far');
    expect(root.querySelector('[data-testid="worker-ana"]')!.textContent).toContain('2');
    page.confirmStop = () => false;
    root.querySelector<HTMLButtonElement>('[data-testid="stop-job"]')!.click();
    await settle(page);
    expect(calls.filter((c) => c.method === 'POST')).toEqual([]);
    page.confirmStop = () => true;
    root.querySelector<HTMLButtonElement>('[data-testid="stop-job"]')!.click();
    await settle(page);
    await settle(page);
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.path)).toEqual(['/jobs/cars/stop']);
    expect(root.querySelector('[data-testid="job-status"]')!.textContent).toBe('Stopping');
    expect(root.querySelector('[data-testid="stop-job"]')).toBeNull();

    status = 'Failed';
    await page.load();
    await settle(page);
    expect(root.querySelector('[data-testid="failure-reason"]')!.textContent).toBe('manifest line 3: no source-ref');
  });
});
