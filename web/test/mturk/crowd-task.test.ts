import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import '../../src/mturk/crowd-task';
import type { CrowdTask, CrowdTaskPage } from '../../src/mturk/crowd-task';

interface Call {
  method: string;
  path: string;
  body: unknown;
}

const TASK = '/mturk/jobs/pets/objects/0/task';
const ANSWERS = '/mturk/jobs/pets/objects/0/answers';
const VISIT = '?job=pets&object=0&hitId=H1&assignmentId=A1&workerId=W1&turkSubmitTo=https%3A%2F%2Fturk.example';

function crowdTask(extra: Partial<CrowdTask> = {}): CrowdTask {
  return {
    assignmentId: 'A1',
    hitId: 'H1',
    workerId: 'W1',
    jobName: 'pets',
    taskType: 'ImageMultiClass',
    datasetObjectId: '0',
    taskTimeLimitInSeconds: 600,
    title: 'Cat or dog?',
    description: 'Pick the animal',
    taskInput: { taskObject: 'https://img/1.png', labels: ['cat', 'dog'] },
    ui: { element: 'crowd-image-classifier', name: 'crowd-image-classifier', categories: ['cat', 'dog'] },
    preview: false,
    answered: false,
    submitUrl: 'https://turk.example/mturk/externalSubmit',
    ...extra,
  };
}

/** The page's fetches: config.json, then the crowd API, answered per "METHOD path" in order (the last one repeats). */
function fakeFetch(routes: Record<string, Array<{ status: number; body?: unknown }>>) {
  const calls: Call[] = [];
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    if (url === './config.json') {
      return new Response(JSON.stringify({ apiUrl: '', auth: { kind: 'local' } }), { status: 200 });
    }
    const method = init?.method ?? 'GET';
    const path = url.split('?')[0];
    calls.push({ method, path: url, body: init?.body ? JSON.parse(String(init.body)) : undefined });
    const queue = routes[`${method} ${path}`];
    if (!queue) {
      return new Response(JSON.stringify({ error: 'NotFound', message: `no route ${method} ${path}` }), { status: 404 });
    }
    const { status, body } = queue.length > 1 ? queue.shift()! : queue[0];
    return new Response(JSON.stringify(body ?? {}), { status });
  });
  return calls;
}

async function settle(el: CrowdTaskPage) {
  for (let i = 0; i < 8; i++) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    await el.updateComplete;
    if (el.tool) await el.tool.updateComplete;
  }
}

async function mount(search = VISIT) {
  history.replaceState(null, '', `/mturk.html${search}`);
  const el = document.createElement('verity-crowd-task') as CrowdTaskPage;
  document.body.appendChild(el);
  await settle(el);
  return el;
}

const find = (el: Element, testid: string) => el.shadowRoot!.querySelector<HTMLElement>(`[data-testid="${testid}"]`);
const inTool = (el: CrowdTaskPage, testid: string) => el.tool!.shadowRoot!.querySelector<HTMLElement>(`[data-testid="${testid}"]`);
const press = (key: string, init: KeyboardEventInit = {}) =>
  window.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true, ...init }));

describe('the crowd task page', () => {
  let posted: HTMLFormElement[];

  beforeEach(() => {
    document.body.innerHTML = '';
    posted = [];
    // The form post to Mechanical Turk would navigate the frame: record it instead.
    vi.spyOn(HTMLFormElement.prototype, 'submit').mockImplementation(function (this: HTMLFormElement) {
      posted.push(this);
    });
  });

  afterEach(() => {
    document.body.innerHTML = '';
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  const fields = (form: HTMLFormElement) =>
    Object.fromEntries([...form.querySelectorAll('input')].map((input) => [input.name, input.value]));

  it('loads the task with the visit, records the answer in Verity, then posts it to Mechanical Turk', async () => {
    const calls = fakeFetch({
      [`GET ${TASK}`]: [{ status: 200, body: crowdTask() }],
      [`POST ${ANSWERS}`]: [{ status: 200, body: { submitUrl: 'https://turk.example/mturk/externalSubmit' } }],
    });
    const el = await mount();
    expect(calls[0].path).toBe(`${TASK}?hitId=H1&assignmentId=A1&workerId=W1&turkSubmitTo=https%3A%2F%2Fturk.example`);
    expect(find(el, 'task-title')!.textContent).toBe('Cat or dog?');
    expect(find(el, 'short-instructions')!.textContent!.trim()).toBe('Pick the animal');
    expect(find(el, 'task')!.getAttribute('data-task-type')).toBe('ImageMultiClass');
    expect(find(el, 'submit')!.hasAttribute('disabled')).toBe(true);
    expect(find(el, 'submit-hint')!.textContent).toContain('pick a label');

    press('2');
    await settle(el);
    expect(inTool(el, 'label-1')!.getAttribute('aria-pressed')).toBe('true');
    expect(find(el, 'submit')!.hasAttribute('disabled')).toBe(false);
    press('Enter');
    await settle(el);

    const answerContent = { 'crowd-image-classifier': { label: 'dog' } };
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ hitId: 'H1', assignmentId: 'A1', workerId: 'W1', answerContent });
    expect(find(el, 'sending')).not.toBeNull();
    expect(posted).toHaveLength(1);
    expect(posted[0].action).toBe('https://turk.example/mturk/externalSubmit');
    expect(fields(posted[0])).toEqual({ assignmentId: 'A1', answer: JSON.stringify(answerContent) });
  });

  it('shows a preview without a way to submit', async () => {
    fakeFetch({ [`GET ${TASK}`]: [{ status: 200, body: crowdTask({ preview: true }) }] });
    const el = await mount(VISIT.replace('assignmentId=A1', 'assignmentId=ASSIGNMENT_ID_NOT_AVAILABLE'));
    expect(find(el, 'preview')).not.toBeNull();
    inTool(el, 'label-0')!.click();
    await settle(el);
    expect(find(el, 'submit')!.hasAttribute('disabled')).toBe(true);
    expect(find(el, 'submit-hint')!.textContent).toBe('accept the HIT to work on it');
  });

  it('keeps the answer when recording it fails, and sends nothing to Mechanical Turk', async () => {
    const calls = fakeFetch({
      [`GET ${TASK}`]: [{ status: 200, body: crowdTask() }],
      [`POST ${ANSWERS}`]: [{ status: 409, body: { error: 'Conflict', message: 'the HIT is no longer open' } }],
    });
    const el = await mount();
    press('1');
    await settle(el);
    find(el, 'submit')!.click();
    await settle(el);
    expect(find(el, 'submit-error')!.textContent).toBe('Not submitted: the HIT is no longer open (HTTP 409)');
    expect(inTool(el, 'label-0')!.getAttribute('aria-pressed')).toBe('true');
    expect(find(el, 'submit')!.hasAttribute('disabled')).toBe(false);
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1);
    expect(posted).toHaveLength(0);
  });

  it('finishes an answered HIT on Mechanical Turk without answering again', async () => {
    fakeFetch({ [`GET ${TASK}`]: [{ status: 200, body: crowdTask({ answered: true }) }] });
    const el = await mount();
    expect(find(el, 'answered')).not.toBeNull();
    find(el, 'finish')!.click();
    await settle(el);
    expect(find(el, 'sending')).not.toBeNull();
    expect(fields(posted[0])).toEqual({ assignmentId: 'A1', answer: '{"recordedInVerity":true}' });
  });

  it('says what is missing when the page is not opened from a HIT', async () => {
    fakeFetch({});
    const el = await mount('?job=pets');
    expect(find(el, 'load-error')!.textContent).toContain('lacks object, hitId, assignmentId');
  });

  it('names a task type it cannot show', async () => {
    fakeFetch({ [`GET ${TASK}`]: [{ status: 200, body: { ...crowdTask(), taskType: 'Nonsense' } }] });
    const el = await mount();
    expect(find(el, 'task-error')!.textContent).toContain('Return the HIT.');
    expect(find(el, 'task')).toBeNull();
  });
});
