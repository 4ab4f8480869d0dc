import { afterEach, describe, expect, it, vi } from 'vitest';
import '../../src/console/index';
import type { VerityJobList } from '../../src/console/job-list';
import { JOB_REFRESH_MS, type VerityJobPage } from '../../src/console/job-page';
import { formatThreshold, niceCeiling, rateFloor } from '../../src/console/rounds-chart';
import type { LabelingRound } from '../../src/console/types';
import { fakeApi, settle, shadow } from './fake-api';

const lambda = 'arn:aws:lambda:us-east-1:432418664414:function:';
const jobArn = 'arn:aws:sagemaker:us-east-1:000000000000:labeling-job/news';
const algorithm = 'arn:aws:sagemaker:us-east-1:027400017018:labeling-job-algorithm-specification/text-classification';
const finalModel = 'arn:aws:sagemaker:us-east-1:000000000000:model/news-iteration-2';

// the two rounds of the API's example: the second reached no threshold
const round1: LabelingRound = {
  iteration: 1,
  humanBatch: 360,
  humanLabeledTotal: 360,
  trainingObjects: 100,
  validationObjects: 260,
  calibrationObjects: 241,
  threshold: 0.8983,
  validationAccuracy: 0.9886,
  validationLowerBound: 0.9507,
  machineLabeled: 812,
  machineLabeledTotal: 812,
  nextHumanBatch: 100,
  left: 28,
  done: false,
};
const round2: LabelingRound = {
  iteration: 2,
  humanBatch: 100,
  humanLabeledTotal: 460,
  trainingObjects: 200,
  validationObjects: 260,
  calibrationObjects: 241,
  threshold: null,
  validationAccuracy: 0.979,
  validationLowerBound: 0.954,
  machineLabeled: 0,
  machineLabeledTotal: 812,
  nextHumanBatch: 28,
  left: 0,
  done: true,
};
const roundsOf = (...rounds: LabelingRound[]) => ({ body: { LabelingJobName: 'news', autoLabeling: true, rounds } });

const counters = (human: number, machine: number, unlabeled: number) => ({
  TotalLabeled: human + machine,
  HumanLabeled: human,
  MachineLabeled: machine,
  FailedNonRetryableError: 0,
  Unlabeled: unlabeled,
});

const describeJob = (status: string, extra: Record<string, unknown> = {}) => ({
  LabelingJobName: 'news',
  LabelingJobArn: jobArn,
  CreationTime: 1700000000.5,
  LastModifiedTime: 1700000100,
  LabelingJobStatus: status,
  LabelCounters: counters(0, 0, 1300),
  PreHumanTaskLambdaArn: `${lambda}PRE-TextMultiClass`,
  LabelAttributeName: 'topic',
  InputConfig: { DataSource: { S3DataSource: { ManifestS3Uri: 's3://b/news.manifest' } } },
  OutputConfig: { S3OutputPath: 's3://b/output/' },
  HumanTaskConfig: { PreHumanTaskLambdaArn: `${lambda}PRE-TextMultiClass`, TaskTitle: 'Topic', NumberOfHumanWorkersPerDataObject: 1 },
  LabelingJobAlgorithmsConfig: { LabelingJobAlgorithmSpecificationArn: algorithm },
  ...extra,
});

const completed = () =>
  describeJob('Completed', {
    LabelCounters: counters(488, 812, 0),
    LabelingJobOutput: { OutputDatasetS3Uri: 's3://b/output/news/manifests/output/output.manifest', FinalActiveLearningModelArn: finalModel },
  });

afterEach(() => {
  vi.useRealTimers();
  document.body.innerHTML = '';
});

function create(routes: Parameters<typeof fakeApi>[0]) {
  const { api, calls } = fakeApi(routes);
  const page = document.createElement('verity-job-page') as VerityJobPage;
  page.api = api;
  page.job = 'news';
  return { page, root: () => shadow(page), calls, roundsCalls: () => calls.filter((c) => c.path === '/jobs/news/rounds').length };
}

async function mount(routes: Parameters<typeof fakeApi>[0]) {
  const mounted = create(routes);
  document.body.append(mounted.page);
  await settle(mounted.page);
  await settle(mounted.page);
  return { ...mounted, root: mounted.root() };
}

const text = (root: ParentNode, testId: string) => root.querySelector(`[data-testid="${testId}"]`)?.textContent?.replace(/\s+/g, ' ').trim();

describe('automated labeling on the job page', () => {
  it('has no section, no rounds request and no machine counter for a human-only job', async () => {
    const { root, roundsCalls } = await mount({
      'GET /jobs/news': { body: describeJob('InProgress', { LabelingJobAlgorithmsConfig: undefined, LabelCounters: counters(3, 0, 7) }) },
      'GET /jobs/news/workers': { body: { final: false, workers: [] } },
      'GET /jobs/news/rounds': { body: { autoLabeling: false, rounds: [] } },
    });
    expect(text(root, 'job-status')).toBe('InProgress');
    expect(root.querySelector('[data-testid="auto-labeling"]')).toBeNull();
    expect(root.textContent).not.toContain('Automated labeling');
    expect(roundsCalls()).toBe(0);
    expect(text(root, 'label-counters')).not.toContain('By machine');
    expect(text(root, 'job-settings')).not.toContain('Labeling algorithm');
  });

  it('charts the rounds of a completed job: one group per round, its counts, threshold and accuracy', async () => {
    const { root, roundsCalls } = await mount({
      'GET /jobs/news': { body: completed() },
      'GET /jobs/news/workers': { body: { workers: [] } },
      'GET /jobs/news/rounds': roundsOf(round1, round2),
    });
    const section = root.querySelector('[data-testid="auto-labeling"]')!;
    expect(section.querySelector('h2')!.textContent).toBe('Automated labeling');
    expect(roundsCalls()).toBe(1);

    const chart = section.querySelector('svg[data-testid="rounds-chart"]')!;
    expect(chart.getAttribute('role')).toBe('img');
    const label = chart.getAttribute('aria-label')!;
    expect(label).toContain('2 rounds');
    expect(label).toContain('Round 1: 360 labeled by humans, 812 by machine, threshold 0.898, validation accuracy 98.9% (lower bound 95.1%)');
    expect(label).toContain('Round 2: 100 labeled by humans, 0 by machine, threshold none');

    expect(chart.querySelectorAll('[data-testid^="round-group-"]')).toHaveLength(2);
    const titles = [...chart.querySelectorAll('rect title')].map((t) => t.textContent);
    expect(titles).toEqual([
      'Round 1: 360 labeled by humans',
      'Round 1: 812 labeled by machine',
      'Round 2: 100 labeled by humans',
      'Round 2: 0 labeled by machine',
    ]);
    // values on the bars, and bar heights in proportion to the counts
    const value = (testId: string) => chart.querySelector(`[data-testid="${testId}"] text`)!.textContent;
    expect(value('bar-human-1')).toBe('360');
    expect(value('bar-machine-1')).toBe('812');
    expect(value('bar-machine-2')).toBe('0');
    const height = (testId: string) => Number(chart.querySelector(`[data-testid="${testId}"] rect`)!.getAttribute('height'));
    expect(height('bar-machine-1') / height('bar-human-1')).toBeCloseTo(812 / 360, 5);
    expect(height('bar-human-2') / height('bar-human-1')).toBeCloseTo(100 / 360, 5);
    expect(height('bar-machine-2')).toBe(0);
    // the tallest bar stays inside the counts panel
    const top = Number(chart.querySelector('[data-testid="bar-machine-1"] rect')!.getAttribute('y'));
    expect(top).toBeGreaterThan(0);

    // threshold: a marker for round 1, "none" (and no marker) for round 2
    expect(text(chart, 'threshold-label-1')).toBe('0.898');
    expect(text(chart, 'threshold-label-2')).toBe('none');
    expect(chart.querySelector('[data-testid="threshold-1"] title')!.textContent).toBe('Round 1: threshold 0.898');
    expect(chart.querySelector('[data-testid="threshold-2"]')).toBeNull();
    // validation accuracy: the point sits above its lower bound's tick (SVG y grows downwards)
    const accuracy = chart.querySelector('[data-testid="accuracy-1"]')!;
    expect(accuracy.querySelector('title')!.textContent).toBe('Round 1: validation accuracy 98.9% (≥ 95.1%)');
    const point = Number(accuracy.querySelector('circle')!.getAttribute('cy'));
    const bound = Number(accuracy.querySelectorAll('line')[1].getAttribute('y1'));
    const threshold = Number(chart.querySelector('[data-testid="threshold-1"]')!.getAttribute('y1'));
    expect(point).toBeLessThan(bound);
    expect(bound).toBeLessThan(threshold);
    expect(chart.querySelector('[data-testid="accuracy-2"] title')!.textContent).toBe('Round 2: validation accuracy 97.9% (≥ 95.4%)');

    expect(text(section, 'rounds-legend')).toContain('Labeled by humans');
    expect(text(section, 'rounds-legend')).toContain('Labeled by machine');
  });

  it('lists every round in a table, with the totals and the final model of a completed job', async () => {
    const { root } = await mount({
      'GET /jobs/news': { body: completed() },
      'GET /jobs/news/workers': { body: { workers: [] } },
      'GET /jobs/news/rounds': roundsOf(round1, round2),
    });
    const cells = (iteration: number) =>
      [...root.querySelectorAll(`[data-testid="rounds-table"] [data-testid="round-${iteration}"] td`)].map((td) => td.textContent!.trim());
    expect([...root.querySelectorAll('[data-testid="rounds-table"] th')].map((th) => th.textContent)).toEqual([
      'Round',
      'Human batch',
      'Trained on',
      'Threshold',
      'Validation accuracy (lower bound)',
      'Machine-labeled',
      'Sent to humans next',
    ]);
    expect(cells(1)).toEqual(['1', '360', '100', '0.898', '98.9% (≥ 95.1%)', '812', '100']);
    expect(cells(2)).toEqual(['2', '100', '200', 'none', '97.9% (≥ 95.4%)', '0', '28 (last batch)']);
    expect(root.querySelectorAll('[data-testid="rounds-table"] tbody tr')).toHaveLength(2);

    expect(text(root, 'rounds-totals')).toBe('So far (after round 2): 812 labeled by machine, 460 by humans.');
    const model = text(root, 'final-model')!;
    expect(model).toContain(finalModel);
    expect(model).toContain('InitialActiveLearningModelArn');
    // the counters and progress name the machine labels; the settings name the algorithm
    expect(text(root, 'label-counters')).toContain('812By machine');
    expect(text(root, 'progress')).toContain('1300 / 1300 labeled (100%), 812 by machine');
    expect(text(root, 'job-settings')).toContain(algorithm);
  });

  it('says the first round is still with the workers before any round has finished', async () => {
    const { root } = await mount({
      'GET /jobs/news': { body: describeJob('InProgress') },
      'GET /jobs/news/workers': { body: { final: false, workers: [] } },
      'GET /jobs/news/rounds': roundsOf(),
    });
    expect(text(root, 'rounds-empty')).toBe('The first round is still with the workers.');
    expect(root.querySelector('[data-testid="rounds-chart"]')).toBeNull();
    expect(root.querySelector('[data-testid="rounds-table"]')).toBeNull();
    expect(root.querySelector('[data-testid="final-model"]')).toBeNull();
    // an automated job shows its (still zero) machine counter
    expect(text(root, 'label-counters')).toContain('0By machine');
  });

  it("shows the server's reason when the rounds cannot be read, and the rest of the page as usual", async () => {
    const { root } = await mount({
      'GET /jobs/news': { body: completed() },
      'GET /jobs/news/workers': { body: { workers: [{ workerId: 'ana', answers: 488 }] } },
      'GET /jobs/news/rounds': { status: 500, body: { error: 'InternalError', message: 'round 2 figures are unreadable' } },
    });
    expect(text(root, 'rounds-error')).toBe('round 2 figures are unreadable');
    expect(root.querySelector('[data-testid="auto-labeling"] [data-testid="rounds-error"]')).not.toBeNull();
    expect(root.querySelector('[data-testid="rounds-chart"]')).toBeNull();
    expect(root.querySelector('[data-testid="job-error"]')).toBeNull();
    expect(text(root, 'job-status')).toBe('Completed');
    expect(text(root, 'worker-ana')).toContain('488');
    // the final model comes with the description, so it still shows
    expect(text(root, 'final-model')).toContain(finalModel);
  });

  it('fetches the rounds again on every refresh while the job runs, and once more when it ends', async () => {
    vi.useFakeTimers();
    let status = 'InProgress';
    let rounds: { status?: number; body: unknown } = roundsOf();
    const { page, root, roundsCalls } = create({
      'GET /jobs/news': () => ({ body: status === 'Completed' ? completed() : describeJob(status) }),
      'GET /jobs/news/workers': { body: { final: false, workers: [] } },
      'GET /jobs/news/rounds': () => rounds,
    });
    const tick = async (ms: number) => {
      await vi.advanceTimersByTimeAsync(ms);
      await page.updateComplete;
    };
    document.body.append(page);
    await tick(0);
    expect(roundsCalls()).toBe(1);
    expect(text(root(), 'rounds-empty')).toBe('The first round is still with the workers.');

    rounds = roundsOf({ ...round1, done: false });
    await tick(JOB_REFRESH_MS);
    expect(roundsCalls()).toBe(2);
    expect(root().querySelectorAll('[data-testid^="round-group-"]')).toHaveLength(1);
    expect(text(root(), 'rounds-totals')).toContain('after round 1');

    // a failed refresh says so, and keeps the rounds it had
    rounds = { status: 503, body: { error: 'ServiceUnavailable', message: 'try again shortly' } };
    await tick(JOB_REFRESH_MS);
    expect(roundsCalls()).toBe(3);
    expect(text(root(), 'rounds-error')).toBe('try again shortly');
    expect(root().querySelectorAll('[data-testid="rounds-table"] tbody tr')).toHaveLength(1);

    status = 'Completed';
    rounds = roundsOf(round1, round2);
    await tick(JOB_REFRESH_MS);
    expect(roundsCalls()).toBe(4);
    expect(root().querySelector('[data-testid="rounds-error"]')).toBeNull();
    expect(root().querySelectorAll('[data-testid="rounds-table"] tbody tr')).toHaveLength(2);
    expect(text(root(), 'final-model')).toContain(finalModel);

    // final: no more polling
    await tick(JOB_REFRESH_MS * 4);
    expect(roundsCalls()).toBe(4);
  });
});

describe('verity-job-list', () => {
  it('names the machine labels in a job row when there are some', async () => {
    const summary = (name: string, labels: ReturnType<typeof counters>) => ({
      LabelingJobName: name,
      LabelingJobArn: `${jobArn}-${name}`,
      CreationTime: 1700000000,
      LastModifiedTime: 1700000100,
      LabelingJobStatus: 'Completed',
      LabelCounters: labels,
    });
    const { api } = fakeApi({
      'GET /jobs': { body: { LabelingJobSummaryList: [summary('news', counters(488, 812, 0)), summary('cars', counters(4, 0, 0))] } },
    });
    const list = document.createElement('verity-job-list') as VerityJobList;
    list.api = api;
    document.body.append(list);
    await settle(list);
    expect(text(shadow(list), 'progress-news')).toBe('1300 / 1300 labeled (100%), 812 by machine');
    expect(text(shadow(list), 'progress-cars')).toBe('4 / 4 labeled (100%)');
  });
});

describe('rounds chart scales', () => {
  it('formats thresholds, rounds the count axis up and keeps close rates apart', () => {
    expect(formatThreshold(0.8983)).toBe('0.898');
    expect(formatThreshold(null)).toBe('none');
    expect([niceCeiling(812), niceCeiling(360), niceCeiling(100), niceCeiling(0), niceCeiling(13)]).toEqual([1000, 400, 100, 1, 15]);
    expect(rateFloor([round1, round2])).toBe(0.8);
    expect(rateFloor([{ ...round1, threshold: 0.42 }])).toBe(0.4);
    expect(rateFloor([])).toBe(0.9);
  });
});
