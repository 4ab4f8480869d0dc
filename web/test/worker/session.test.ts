import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Api } from '../../src/core/api';
import '../../src/worker/index';
import type { LabelingSession } from '../../src/worker/labeling-session';
import type { WorkerHome } from '../../src/worker/worker-home';
import type { WorkerTask } from '../../src/worker/types';

interface Call {
  method: string;
  path: string;
  body: unknown;
}

type Reply = { status: number; body?: unknown } | (() => never);

/** A fake API: replies per "METHOD /path" in order (the last one repeats), recording every request. */
function fakeApi(routes: Record<string, Reply[]>) {
  const calls: Call[] = [];
  const fetcher = async (input: RequestInfo | URL, init?: RequestInit) => {
    const method = init?.method ?? 'GET';
    const path = String(input);
    calls.push({ method, path, body: init?.body ? JSON.parse(String(init.body)) : undefined });
    const queue = routes[`${method} ${path}`];
    if (!queue) {
      return new Response(JSON.stringify({ error: 'NotFound', message: `no route ${method} ${path}` }), { status: 404 });
    }
    const reply = queue.length > 1 ? queue.shift()! : queue[0];
    if (typeof reply === 'function') {
      reply();
    }
    const { status, body } = reply as { status: number; body?: unknown };
    return new Response(status === 204 ? null : JSON.stringify(body ?? {}), { status });
  };
  return { api: new Api('', () => 't', fetcher as typeof fetch), calls };
}

async function settle(el: { updateComplete: Promise<boolean> }) {
  for (let i = 0; i < 6; i++) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    await el.updateComplete;
    const tool = (el as unknown as LabelingSession).tool;
    if (tool) await tool.updateComplete;
  }
}

const find = (root: Element, testid: string) => (root.shadowRoot ?? root).querySelector<HTMLElement>(`[data-testid="${testid}"]`);
const inTool = (session: LabelingSession, testid: string) => session.tool!.shadowRoot!.querySelector<HTMLElement>(`[data-testid="${testid}"]`);
const press = (key: string, init: KeyboardEventInit = {}, target: EventTarget = window) =>
  target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true, ...init }));

const future = () => new Date(Date.now() + 10 * 60_000).toISOString();

function classificationTask(id = 'a1', extra: Partial<WorkerTask> = {}): WorkerTask {
  return {
    assignmentId: id,
    jobName: 'pets',
    taskType: 'ImageMultiClass',
    datasetObjectId: '0',
    title: 'Cat or dog?',
    description: 'Pick the animal',
    taskTimeLimitInSeconds: 600,
    acceptedAt: new Date().toISOString(),
    deadline: future(),
    taskInput: { taskObject: 'https://img/1.png', labels: ['cat', 'dog'] },
    ui: { element: 'crowd-image-classifier', name: 'crowd-image-classifier', categories: ['cat', 'dog'] },
    ...extra,
  };
}

async function mount(api: Api, job = 'pets') {
  const el = document.createElement('verity-labeling-session') as LabelingSession;
  el.api = api;
  el.job = job;
  document.body.appendChild(el);
  await settle(el);
  return el;
}

const NEXT = 'POST /worker/jobs/pets/tasks/next';

describe('labeling session', () => {
  beforeEach(() => {
    document.body.innerHTML = '';
  });
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('picks a label with a number key and submits it with Enter, then takes the next task', async () => {
    const { api, calls } = fakeApi({
      [NEXT]: [{ status: 200, body: classificationTask('a1') }, { status: 204 }],
      'POST /worker/assignments/a1': [{ status: 200, body: { status: 'SUBMITTED' } }],
    });
    const el = await mount(api);
    expect(find(el, 'task')!.getAttribute('data-task-type')).toBe('ImageMultiClass');
    expect(find(el, 'submit')!.hasAttribute('disabled')).toBe(true);
    expect(find(el, 'submit-hint')!.textContent).toContain('pick a label');

    press('2');
    await settle(el);
    expect(inTool(el, 'label-1')!.getAttribute('aria-pressed')).toBe('true');
    expect(inTool(el, 'label-0')!.getAttribute('aria-pressed')).toBe('false');
    expect(find(el, 'submit')!.hasAttribute('disabled')).toBe(false);

    press('Enter');
    await settle(el);
    const submit = calls.find((c) => c.path === '/worker/assignments/a1');
    expect(submit?.body).toEqual({ answerContent: { 'crowd-image-classifier': { label: 'dog' } } });
    expect(find(el, 'no-tasks')).not.toBeNull();
  });

  it('keeps the answer when a submit fails, shows the reason, and sends the same answer on retry', async () => {
    const { api, calls } = fakeApi({
      [NEXT]: [{ status: 200, body: classificationTask('a1') }, { status: 204 }],
      'POST /worker/assignments/a1': [
        { status: 409, body: { error: 'Conflict', message: 'labeling job pets has status Stopping' } },
        { status: 200, body: { status: 'SUBMITTED' } },
      ],
    });
    const el = await mount(api);
    inTool(el, 'label-0')!.click();
    await settle(el);
    find(el, 'submit')!.click();
    await settle(el);
    expect(find(el, 'submit-error')!.textContent).toContain('labeling job pets has status Stopping');
    expect(inTool(el, 'label-0')!.getAttribute('aria-pressed')).toBe('true');
    expect(find(el, 'submit')!.hasAttribute('disabled')).toBe(false);

    find(el, 'submit')!.click();
    await settle(el);
    const sent = calls.filter((c) => c.path === '/worker/assignments/a1').map((c) => c.body);
    expect(sent).toEqual([
      { answerContent: { 'crowd-image-classifier': { label: 'cat' } } },
      { answerContent: { 'crowd-image-classifier': { label: 'cat' } } },
    ]);
    expect(find(el, 'no-tasks')).not.toBeNull();
  });

  it('keeps the answer through a network error', async () => {
    const { api } = fakeApi({
      [NEXT]: [{ status: 200, body: classificationTask('a1') }],
      'POST /worker/assignments/a1': [
        () => {
          throw new TypeError('Failed to fetch');
        },
      ],
    });
    const el = await mount(api);
    press('1');
    await settle(el);
    press('Enter');
    await settle(el);
    expect(find(el, 'submit-error')!.textContent).toContain('could not reach the API');
    expect(inTool(el, 'label-0')!.getAttribute('aria-pressed')).toBe('true');
  });

  it('shows the no-task message with check again and back to jobs', async () => {
    const { api, calls } = fakeApi({ [NEXT]: [{ status: 204 }, { status: 200, body: classificationTask('a2') }] });
    const el = await mount(api);
    expect(find(el, 'no-tasks')).not.toBeNull();
    expect(find(el, 'back-to-jobs')).not.toBeNull();
    find(el, 'check-again')!.click();
    await settle(el);
    expect(calls.filter((c) => c.path === '/worker/jobs/pets/tasks/next')).toHaveLength(2);
    expect(find(el, 'task')).not.toBeNull();
  });

  it('declines only after the confirm step, then takes the next task', async () => {
    const { api, calls } = fakeApi({
      [NEXT]: [{ status: 200, body: classificationTask('a1') }, { status: 204 }],
      'POST /worker/assignments/a1/decline': [{ status: 200, body: { declined: true } }],
    });
    const el = await mount(api);
    find(el, 'decline')!.click();
    await settle(el);
    expect(calls.some((c) => c.path.endsWith('/decline'))).toBe(false);
    find(el, 'decline-confirm')!.click();
    await settle(el);
    expect(calls.some((c) => c.path === '/worker/assignments/a1/decline')).toBe(true);
    expect(find(el, 'no-tasks')).not.toBeNull();
  });

  it('releases with Shift+R', async () => {
    const { api, calls } = fakeApi({
      [NEXT]: [{ status: 200, body: classificationTask('a1') }],
      'POST /worker/assignments/a1/release': [{ status: 200, body: { released: true } }],
    });
    const el = await mount(api);
    press('R', { shiftKey: true });
    await settle(el);
    expect(calls.some((c) => c.path === '/worker/assignments/a1/release')).toBe(true);
    expect(find(el, 'released')).not.toBeNull();
  });

  it('says the time is up once the deadline passes and blocks submit', async () => {
    const { api } = fakeApi({ [NEXT]: [{ status: 200, body: classificationTask('a1', { deadline: '2020-01-01T00:00:00Z' }) }] });
    const el = await mount(api);
    press('1');
    await settle(el);
    expect(find(el, 'time-left')!.textContent).toBe('00:00');
    expect(find(el, 'expired')!.textContent).toContain('time is up; the task went back to the queue');
    expect(find(el, 'submit')!.hasAttribute('disabled')).toBe(true);
    expect(find(el, 'next-task')).not.toBeNull();
  });

  it('counts down to the deadline as mm:ss', async () => {
    const deadline = new Date(Date.now() + 125_000 + 500).toISOString();
    const { api } = fakeApi({ [NEXT]: [{ status: 200, body: classificationTask('a1', { deadline }) }] });
    const el = await mount(api);
    expect(find(el, 'time-left')!.textContent).toMatch(/^02:0[56]$/);
  });

  it('renders instructions sanitised, with the full ones behind a toggle', async () => {
    const task = classificationTask('a1', {
      instructions: { shortInstruction: '<b>Tight</b> boxes<script>window.hacked=1</script>', fullInstruction: '<p onclick="x()">All <i>details</i></p>' },
    });
    const { api } = fakeApi({ [NEXT]: [{ status: 200, body: task }] });
    const el = await mount(api);
    expect(find(el, 'short-instructions')!.innerHTML).toContain('<b>Tight</b> boxes');
    expect(find(el, 'short-instructions')!.innerHTML).not.toContain('script');
    const full = find(el, 'full-instructions')!;
    expect(full.tagName).toBe('DETAILS');
    expect(full.innerHTML).toContain('<p>All <i>details</i></p>');
  });

  it('does not take shortcuts while the worker types in a text field', async () => {
    const task = classificationTask('a1', {
      taskType: 'VerificationBoundingBox',
      ui: { element: 'crowd-image-classifier', name: 'crowd-image-classifier', overlay: 'boundingBox', categories: ['good', 'bad'] },
      taskInput: { taskObject: 'https://img/1.png', labels: ['good', 'bad'], manifestLine: {} },
    });
    const { api, calls } = fakeApi({ [NEXT]: [{ status: 200, body: task }], 'POST /worker/assignments/a1': [{ status: 200, body: {} }] });
    const el = await mount(api);
    expect(find(el, 'task')!.getAttribute('data-task-type')).toBe('VerificationBoundingBox');
    const comment = inTool(el, 'worker-comment') as HTMLTextAreaElement;
    press('1', {}, comment);
    press('Enter', {}, comment);
    await settle(el);
    expect(inTool(el, 'label-0')!.getAttribute('aria-pressed')).toBe('false');
    expect(calls.some((c) => c.path === '/worker/assignments/a1')).toBe(false);

    comment.value = 'box 2 is loose';
    comment.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    press('2');
    press('Enter');
    await settle(el);
    expect(calls.find((c) => c.path === '/worker/assignments/a1')?.body).toEqual({
      answerContent: { 'crowd-image-classifier': { label: 'bad', workerComment: 'box 2 is loose' } },
    });
  });

  it('toggles labels for multi-label and needs at least one', async () => {
    const task = classificationTask('a1', {
      taskType: 'TextMultiClassMultiLabel',
      ui: { element: 'crowd-classifier-multi-select', name: 'crowd-classifier-multi-select', categories: ['a', 'b', 'c'] },
      taskInput: { taskObject: 'some text', labels: ['a', 'b', 'c'] },
    });
    const { api, calls } = fakeApi({ [NEXT]: [{ status: 200, body: task }, { status: 204 }], 'POST /worker/assignments/a1': [{ status: 200, body: {} }] });
    const el = await mount(api);
    expect(inTool(el, 'task-text')!.textContent).toBe('some text');
    press('3');
    press('1');
    press('3');
    await settle(el);
    expect(find(el, 'submit')!.hasAttribute('disabled')).toBe(false);
    press('Enter');
    await settle(el);
    expect(calls.find((c) => c.path === '/worker/assignments/a1')?.body).toEqual({ answerContent: { 'crowd-classifier-multi-select': { labels: ['a'] } } });
  });

  it('marks a named entity in code points across an emoji', async () => {
    const task = classificationTask('n1', {
      taskType: 'NamedEntityRecognition',
      taskInput: { taskObject: 'I 😀 Paris', labels: ['LOC', 'PER'] },
      ui: { element: 'crowd-entity-annotation', name: 'crowd-entity-annotation', labels: [{ label: 'LOC' }, { label: 'PER' }] },
    });
    const { api, calls } = fakeApi({ [NEXT]: [{ status: 200, body: task }, { status: 204 }], 'POST /worker/assignments/n1': [{ status: 200, body: {} }] });
    const el = await mount(api);
    const text = inTool(el, 'ner-text')!;
    const char = (i: number) => text.querySelector<HTMLElement>(`[data-g="${i}"]`)!;
    expect(char(2).textContent).toBe('😀');
    // Drag from the space before "Paris" to its end: the space is trimmed.
    char(3).dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, button: 0, clientX: 30, clientY: 5 }));
    char(8).dispatchEvent(new PointerEvent('pointermove', { bubbles: true, clientX: 90, clientY: 5 }));
    window.dispatchEvent(new PointerEvent('pointerup', { bubbles: true }));
    press('1');
    await settle(el);
    expect(inTool(el, 'entity-0')!.textContent).toContain('Paris');
    press('Enter');
    await settle(el);
    expect(calls.find((c) => c.path === '/worker/assignments/n1')?.body).toEqual({
      answerContent: { 'crowd-entity-annotation': { entities: [{ label: 'LOC', startOffset: 4, endOffset: 9 }] } },
    });
  });

  it('draws, relabels and deletes a bounding box in natural image pixels', async () => {
    const task = classificationTask('b1', {
      taskType: 'BoundingBox',
      taskInput: { taskObject: 'https://img/1.png', labels: ['cat', 'dog'] },
      ui: { element: 'crowd-bounding-box', name: 'boundingBox', labels: ['cat', 'dog'] },
    });
    const { api, calls } = fakeApi({ [NEXT]: [{ status: 200, body: task }, { status: 204 }], 'POST /worker/assignments/b1': [{ status: 200, body: {} }] });
    const el = await mount(api);
    expect(find(el, 'task')!.getAttribute('data-task-type')).toBe('BoundingBox');
    const root = el.tool!.shadowRoot!;
    const img = root.querySelector('img')!;
    Object.defineProperty(img, 'naturalWidth', { value: 200 });
    Object.defineProperty(img, 'naturalHeight', { value: 100 });
    img.dispatchEvent(new Event('load'));
    await settle(el);
    // The image is shown at half size: screen pixels map to twice as many image pixels.
    const surface = inTool(el, 'bbox-canvas')!;
    surface.getBoundingClientRect = () => ({ left: 0, top: 0, width: 100, height: 50, right: 100, bottom: 50, x: 0, y: 0, toJSON: () => ({}) }) as DOMRect;
    const viewport = root.querySelector('.viewport')!;
    const pointer = (type: string, x: number, y: number) => viewport.dispatchEvent(new PointerEvent(type, { bubbles: true, button: 0, clientX: x, clientY: y, pointerId: 1 }));
    pointer('pointerdown', 5, 5);
    pointer('pointermove', 30, 20);
    pointer('pointerup', 30.3, 20.2);
    await settle(el);
    expect(inTool(el, 'box-0')!.textContent).toContain('cat');
    press('2'); // relabels the selected (just drawn) box
    await settle(el);
    expect(inTool(el, 'box-0')!.textContent).toContain('dog');

    pointer('pointerdown', 60, 30);
    pointer('pointermove', 70, 45);
    pointer('pointerup', 70, 45);
    await settle(el);
    expect(inTool(el, 'box-1')).not.toBeNull();
    press('Delete');
    await settle(el);
    expect(inTool(el, 'box-1')).toBeNull();

    press('Enter');
    await settle(el);
    expect(calls.find((c) => c.path === '/worker/assignments/b1')?.body).toEqual({
      answerContent: {
        boundingBox: { boundingBoxes: [{ height: 30, label: 'dog', left: 10, top: 10, width: 51 }], inputImageProperties: { height: 100, width: 200 } },
      },
    });
  });

  it('reports initialValueModified for an adjustment task', async () => {
    const task = classificationTask('j1', {
      taskType: 'AdjustmentBoundingBox',
      taskInput: { taskObject: 'https://img/1.png', labels: ['cat', 'dog'], initialValue: [{ label: 'dog', left: 1, top: 2, width: 30, height: 40 }] },
      ui: { element: 'crowd-bounding-box', name: 'boundingBox', labels: ['cat', 'dog'] },
    });
    const { api, calls } = fakeApi({ [NEXT]: [{ status: 200, body: task }, { status: 204 }], 'POST /worker/assignments/j1': [{ status: 200, body: {} }] });
    const el = await mount(api);
    expect(find(el, 'task')!.getAttribute('data-task-type')).toBe('AdjustmentBoundingBox');
    const img = el.tool!.shadowRoot!.querySelector('img')!;
    Object.defineProperty(img, 'naturalWidth', { value: 200 });
    Object.defineProperty(img, 'naturalHeight', { value: 100 });
    img.dispatchEvent(new Event('load'));
    await settle(el);
    inTool(el, 'box-0')!.click();
    press('ArrowRight');
    press('Enter');
    await settle(el);
    expect(calls.find((c) => c.path === '/worker/assignments/j1')?.body).toEqual({
      answerContent: {
        boundingBox: {
          boundingBoxes: [{ height: 40, label: 'dog', left: 2, top: 2, width: 30 }],
          inputImageProperties: { height: 100, width: 200 },
          initialValueModified: true,
        },
      },
    });
  });

  it('submits a custom answer typed as JSON', async () => {
    const task = classificationTask('c1', { taskType: 'Custom', taskInput: { question: 'why?' }, ui: { element: 'custom', template: 's3://b/t.liquid' } });
    const { api, calls } = fakeApi({ [NEXT]: [{ status: 200, body: task }, { status: 204 }], 'POST /worker/assignments/c1': [{ status: 200, body: {} }] });
    const el = await mount(api);
    expect(find(el, 'submit')!.hasAttribute('disabled')).toBe(true);
    const editor = inTool(el, 'custom-answer') as HTMLTextAreaElement;
    editor.value = '{"answer": "because"}';
    editor.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await settle(el);
    find(el, 'submit')!.click();
    await settle(el);
    expect(calls.find((c) => c.path === '/worker/assignments/c1')?.body).toEqual({ answerContent: { answer: 'because' } });
  });
});

describe('worker home', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  async function mountHome(api: Api) {
    const el = document.createElement('verity-worker-home') as WorkerHome;
    el.api = api;
    document.body.appendChild(el);
    await settle(el);
    return el;
  }

  it('lists the open jobs and starts one', async () => {
    const { api } = fakeApi({
      'GET /worker/jobs': [
        { status: 200, body: { jobs: [{ jobName: 'pets', title: 'Cat or dog?', description: 'Pick one', objectsRemaining: 12, taskType: 'ImageMultiClass' }, { jobName: 'old', title: 'Old server' }] } },
      ],
    });
    const el = await mountHome(api);
    const row = find(el, 'job-pets')!;
    expect(row.textContent).toContain('Cat or dog?');
    expect(row.textContent).toContain('Pick one');
    expect(row.textContent).toContain('12 objects left');
    expect(row.textContent).toContain('Image classification');
    expect(find(el, 'job-old')!.textContent).toContain('Old server');
    find(el, 'start-pets')!.click();
    expect(location.hash).toBe('#/work/pets');
  });

  it('shows the empty state and refreshes', async () => {
    const { api, calls } = fakeApi({ 'GET /worker/jobs': [{ status: 200, body: { jobs: [] } }, { status: 200, body: { jobs: [{ jobName: 'new' }] } }] });
    const el = await mountHome(api);
    expect(find(el, 'no-jobs')).not.toBeNull();
    find(el, 'refresh')!.click();
    await settle(el);
    expect(calls).toHaveLength(2);
    expect(find(el, 'job-new')).not.toBeNull();
  });
});
