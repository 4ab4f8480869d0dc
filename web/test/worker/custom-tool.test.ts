import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { Api } from '../../src/core/api';
import '../../src/worker/index';
import type { CustomTool } from '../../src/worker/custom-tool';
import type { LabelingSession } from '../../src/worker/labeling-session';
import type { Task, WorkerTask } from '../../src/worker/types';

type Message = { type: string; [key: string]: unknown };

const TEMPLATE_URL = 'https://bucket.s3.example/template.liquid.html?X-Amz-Signature=abc';

const TEMPLATE = `<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>
<crowd-form>
  <img src="{{ task.input.image | grant_read_access }}">
  <p>{{ task.input.text }}</p>
  <crowd-classifier name="sentiment" categories="{{ task.input.labels | to_json | escape }}" header="Tone?"></crowd-classifier>
</crowd-form>`;

function customTask(ui: Record<string, unknown> = {}, id = 'c1'): WorkerTask {
  return {
    assignmentId: id,
    jobName: 'reviews',
    taskType: 'Custom',
    datasetObjectId: '0',
    title: 'Tone',
    description: 'How does the review sound?',
    taskTimeLimitInSeconds: 600,
    acceptedAt: new Date().toISOString(),
    deadline: new Date(Date.now() + 600_000).toISOString(),
    taskInput: { text: 'Great <b>value</b>', image: 's3://data/1.jpg', labels: ['good', 'bad'] },
    ui: {
      element: 'custom',
      template: 's3://bucket/template.liquid.html',
      templateUrl: TEMPLATE_URL,
      readAccess: { 's3://data/1.jpg': 'https://data.s3.example/1.jpg?sig=1' },
      ...ui,
    } as Task['ui'],
  };
}

/** Serves the template (or a failure) to the tool's fetch, recording the URLs asked for. */
function serveTemplate(reply: () => Response | Promise<Response>) {
  const fetched: string[] = [];
  vi.stubGlobal('fetch', async (input: RequestInfo | URL) => {
    fetched.push(String(input));
    return reply();
  });
  return fetched;
}

async function settle(el: { updateComplete: Promise<boolean> }) {
  for (let i = 0; i < 5; i++) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    await el.updateComplete;
  }
}

async function mountTool(task: Task) {
  const tool = document.createElement('verity-custom-tool') as CustomTool;
  tool.task = task;
  document.body.appendChild(tool);
  await settle(tool);
  return tool;
}

const inTool = (tool: CustomTool, testid: string) => tool.shadowRoot!.querySelector<HTMLElement>(`[data-testid="${testid}"]`);

/** Stands in for the iframe's window (happy-dom loads no iframe pages): records what the tool posts to it. */
function fakeFrameWindow(tool: CustomTool) {
  const received: Message[] = [];
  const win = { postMessage: (message: Message) => received.push(message) };
  Object.defineProperty(tool.frame!, 'contentWindow', { value: win, configurable: true });
  const send = (data: Message, source: unknown = win) => window.dispatchEvent(new MessageEvent('message', { data, source: source as Window }));
  return { received, send };
}

describe('custom tool', () => {
  // The tool imports the renderer when it first needs it; loaded once here, that import resolves within settle().
  beforeAll(() => import('../../src/worker/liquid'));

  beforeEach(() => {
    document.body.innerHTML = '';
  });

  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('shows the JSON fallback, without fetching anything, when the task has no template URL', async () => {
    const fetched = serveTemplate(() => new Response('unused'));
    const tool = await mountTool(customTask({ templateUrl: undefined }));
    expect(fetched).toEqual([]);
    expect(inTool(tool, 'custom-frame')).toBeNull();
    expect(inTool(tool, 'custom-error')).toBeNull();
    expect(tool.hint()).toBe('type the answer: the JSON object is empty');
    const editor = inTool(tool, 'custom-answer') as HTMLTextAreaElement;
    editor.value = '{"a": 1}';
    editor.dispatchEvent(new Event('input'));
    expect(tool.hint()).toBeNull();
    await expect(tool.answerContent()).resolves.toEqual({ a: 1 });
  });

  it('falls back to JSON, saying why, when the template cannot be rendered', async () => {
    const fetched = serveTemplate(() => new Response('<crowd-form>\n{% include "header" %}\n</crowd-form>'));
    const tool = await mountTool(customTask());
    expect(fetched).toEqual([TEMPLATE_URL]);
    expect(inTool(tool, 'custom-frame')).toBeNull();
    expect(inTool(tool, 'custom-error')!.textContent).toBe('This template cannot be shown: line 2: unsupported tag {% include %}: a worker template cannot read other files');
    expect(inTool(tool, 'custom-answer')).not.toBeNull();
    expect(inTool(tool, 'custom-input')!.textContent).toContain('"text": "Great <b>value</b>"');
  });

  it('falls back to JSON when the template cannot be fetched', async () => {
    serveTemplate(() => new Response('denied', { status: 403 }));
    const tool = await mountTool(customTask());
    expect(inTool(tool, 'custom-error')!.textContent).toBe('This template cannot be shown: it could not be loaded (HTTP 403)');
    expect(inTool(tool, 'custom-answer')).not.toBeNull();
  });

  it('renders the template into the sandboxed task frame once the frame is ready', async () => {
    serveTemplate(() => new Response(TEMPLATE));
    const tool = await mountTool(customTask());
    const frame = inTool(tool, 'custom-frame') as HTMLIFrameElement;
    expect(frame.getAttribute('sandbox')).toBe('allow-scripts allow-forms');
    expect(frame.getAttribute('src')).toBe('./task-frame.html');
    expect(inTool(tool, 'custom-answer')).toBeNull();
    expect(tool.hint()).toBe('the task is loading');

    const { received, send } = fakeFrameWindow(tool);
    send({ type: 'verity:ready' });

    expect(received).toHaveLength(1);
    expect(received[0].type).toBe('verity:render');
    const rendered = received[0].html as string;
    expect(rendered).toContain('<img src="https://data.s3.example/1.jpg?sig=1">');
    expect(rendered).toContain('<p>Great &lt;b&gt;value&lt;/b&gt;</p>');
    expect(rendered).toContain('categories="[&quot;good&quot;,&quot;bad&quot;]"');
    expect(tool.hint()).toBeNull();
  });

  it("resolves the answer with the frame's crowd-form answer, and rejects with the frame's reason", async () => {
    serveTemplate(() => new Response(TEMPLATE));
    const tool = await mountTool(customTask());
    const { received, send } = fakeFrameWindow(tool);
    send({ type: 'verity:ready' });

    const refused = tool.answerContent();
    expect(received.at(-1)).toEqual({ type: 'verity:submit' });
    send({ type: 'verity:invalid', message: 'choose a category for "Tone?"' });
    await expect(refused).rejects.toThrow('choose a category for "Tone?"');

    const answered = tool.answerContent();
    send({ type: 'verity:answer', answerContent: { sentiment: { label: 'good' } } });
    await expect(answered).resolves.toEqual({ sentiment: { label: 'good' } });
  });

  it('reads messages only from its own frame', async () => {
    serveTemplate(() => new Response(TEMPLATE));
    const tool = await mountTool(customTask());
    const { received, send } = fakeFrameWindow(tool);
    const stranger = { postMessage() {} };

    send({ type: 'verity:ready' }, stranger);
    send({ type: 'verity:ready' }, window);
    expect(received).toEqual([]);
    expect(tool.hint()).toBe('the task is loading');

    send({ type: 'verity:ready' });
    let settled = false;
    const answer = tool.answerContent().then(() => (settled = true));
    send({ type: 'verity:answer', answerContent: { forged: true } }, stranger);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(settled).toBe(false);
    send({ type: 'verity:answer', answerContent: { real: true } });
    await answer;
    expect(settled).toBe(true);
  });

  it("sizes the frame to its content, hands back the portal's keys, and picks labels in the frame", async () => {
    serveTemplate(() => new Response(TEMPLATE));
    const tool = await mountTool(customTask());
    const { received, send } = fakeFrameWindow(tool);
    send({ type: 'verity:ready' });

    send({ type: 'verity:height', height: 812.4 });
    await tool.updateComplete;
    expect(tool.frame!.style.height).toBe('813px');

    const keys: string[] = [];
    const listener = (e: KeyboardEvent) => keys.push(`${e.shiftKey ? 'Shift+' : ''}${e.key}`);
    window.addEventListener('keydown', listener);
    send({ type: 'verity:key', key: 'R', shiftKey: true });
    send({ type: 'verity:key', key: 'Delete' }); // not a portal shortcut
    window.removeEventListener('keydown', listener);
    expect(keys).toEqual(['Shift+R']);

    tool.pickLabel(2);
    expect(received.at(-1)).toEqual({ type: 'verity:pick', index: 2 });
  });

  it('asks the session to submit when the worker presses a submit button inside the task', async () => {
    serveTemplate(() => new Response(TEMPLATE));
    const tool = await mountTool(customTask());
    const { send } = fakeFrameWindow(tool);
    send({ type: 'verity:ready' });
    const asked: Event[] = [];
    tool.addEventListener('tool-submit', (e) => asked.push(e));
    send({ type: 'verity:answer', answerContent: { sentiment: { label: 'bad' } }, fromFrame: true });
    expect(asked).toHaveLength(1);
  });
});

describe('custom task in the labeling session', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it("shows the frame's refusal as the submit error, and submits its answer", async () => {
    serveTemplate(() => new Response(TEMPLATE));
    const posts: Array<{ path: string; body: unknown }> = [];
    const task = customTask();
    const apiFetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      const path = String(input);
      posts.push({ path, body: init?.body ? JSON.parse(String(init.body)) : undefined });
      if (path === '/worker/jobs/reviews/tasks/next') {
        return posts.filter((p) => p.path === path).length === 1 ? new Response(JSON.stringify(task), { status: 200 }) : new Response(null, { status: 204 });
      }
      return new Response('{}', { status: 200 });
    };
    const session = document.createElement('verity-labeling-session') as LabelingSession;
    session.api = new Api('', () => 't', apiFetch as typeof fetch);
    session.job = 'reviews';
    document.body.appendChild(session);
    const settleSession = async () => {
      for (let i = 0; i < 6; i++) {
        await settle(session);
        if (session.tool) await session.tool.updateComplete;
      }
    };
    await settleSession();
    const tool = session.tool as CustomTool;
    const find = (testid: string) => session.shadowRoot!.querySelector<HTMLButtonElement>(`[data-testid="${testid}"]`);
    expect(find('submit')!.disabled).toBe(true);
    const { send } = fakeFrameWindow(tool);
    send({ type: 'verity:ready' });
    await settleSession();
    expect(find('submit')!.disabled).toBe(false);

    find('submit')!.click();
    send({ type: 'verity:invalid', message: 'choose a category for "Tone?"' });
    await settleSession();
    expect(find('submit-error')!.textContent).toBe('Not submitted: choose a category for "Tone?"');
    expect(posts.some((p) => p.path === '/worker/assignments/c1')).toBe(false);

    find('submit')!.click();
    send({ type: 'verity:answer', answerContent: { sentiment: { label: 'good' } } });
    await settleSession();
    expect(posts.find((p) => p.path === '/worker/assignments/c1')?.body).toEqual({ answerContent: { sentiment: { label: 'good' } } });
  });
});
