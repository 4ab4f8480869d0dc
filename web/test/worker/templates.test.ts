import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderTaskTemplate, templateInput, withUsableTemplate } from '../../src/worker/templates';
import type { Task } from '../../src/worker/types';

const TEMPLATE = `<crowd-bounding-box name="boundingBox" src="{{ task.input.taskObject | grant_read_access }}"
  labels="{{ task.input.labels | to_json | escape }}"></crowd-bounding-box>`;

/** A bounding-box task as the worker API sends it for a job with a UiTemplateS3Uri. */
function boxTask(ui: Partial<Task['ui']> = {}): Task {
  return {
    assignmentId: 'a1',
    jobName: 'boxes',
    taskType: 'BoundingBox',
    taskInput: {
      taskObject: 'https://data.s3.example/1.png?sig=1',
      sourceRef: 's3://data/1.png',
      labels: ['square', 'circle'],
    },
    ui: {
      element: 'crowd-bounding-box',
      name: 'boundingBox',
      template: 's3://data/template.html',
      templateUrl: 'https://data.s3.example/template.html?sig=2',
      readAccess: { 's3://data/1.png': 'https://data.s3.example/1.png?sig=1' },
      ...ui,
    },
  } as Task;
}

function serve(reply: () => Response) {
  const fetched: string[] = [];
  vi.stubGlobal('fetch', async (input: RequestInfo | URL) => {
    fetched.push(String(input));
    return reply();
  });
  return fetched;
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('the requester\'s template for a built-in task', () => {
  it('sees Ground Truth\'s built-in task input: the object as its S3 URI, opened by grant_read_access', async () => {
    expect(templateInput(boxTask())).toEqual({ taskObject: 's3://data/1.png', labels: ['square', 'circle'] });
    serve(() => new Response(TEMPLATE));

    const html = await renderTaskTemplate(boxTask());

    expect(html).toContain('src="https://data.s3.example/1.png?sig=1"');
    expect(html).toContain('labels="[&quot;square&quot;,&quot;circle&quot;]"');
  });

  it('is kept when it loads and renders, and fetched once for the check and the frame', async () => {
    const fetched = serve(() => new Response(TEMPLATE));
    const task = boxTask();

    const shown = await withUsableTemplate(task);
    await renderTaskTemplate(shown);

    expect(shown).toBe(task);
    expect(fetched).toEqual(['https://data.s3.example/template.html?sig=2']);
  });

  it('gives way to the type\'s own tool when it is not there', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    serve(() => new Response('NoSuchKey', { status: 404 }));

    const shown = await withUsableTemplate(boxTask());

    expect(shown.ui.templateUrl).toBeUndefined();
    expect(shown.ui.name).toBe('boundingBox');
    expect(shown.taskInput).toEqual(boxTask().taskInput);
  });

  it('gives way to the type\'s own tool when it cannot be rendered', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    serve(() => new Response('{% include "other.html" %}'));

    const shown = await withUsableTemplate(boxTask());

    expect(shown.ui.templateUrl).toBeUndefined();
    expect(String(warn.mock.calls[0][0])).toContain('unsupported tag {% include %}');
  });

  it('leaves a custom task as it is: its template is its only UI, and its input is the Lambda\'s', async () => {
    const fetched = serve(() => new Response('', { status: 404 }));
    const custom = { ...boxTask({ element: 'custom' }), taskType: 'Custom' } as Task;

    expect(await withUsableTemplate(custom)).toBe(custom);
    expect(fetched).toEqual([]);
    expect(templateInput(custom)).toBe(custom.taskInput);
  });
});
