import type { Task } from './types';

/**
 * The requester's worker template (UiTemplateS3Uri) of a task, fetched once per task: withUsableTemplate's check and
 * the task frame's tool share the fetch.
 */
const sources = new WeakMap<Task, Promise<string>>();

/** A custom task type's task: its template is its only UI. */
function isCustom(task: Task): boolean {
  return task.taskType === 'Custom' || task.ui?.element === 'custom';
}

function templateSource(task: Task): Promise<string> {
  const url = task.ui?.templateUrl;
  if (!url) {
    return Promise.reject(new Error('the task has no template'));
  }
  let source = sources.get(task);
  if (!source) {
    // A presigned URL: it carries its own authorisation, so no cookies or tokens go with it.
    source = fetch(url, { credentials: 'omit' }).then((response) => {
      if (!response.ok) {
        throw new Error(`HTTP ${response.status}`);
      }
      return response.text();
    });
    sources.set(task, source);
  }
  return source;
}

/**
 * What the template sees as task.input. A custom task's is what its pre-annotation Lambda returned; a built-in task's
 * is Ground Truth's built-in pre-annotation output, whose taskObject is the object's S3 URI (the template opens it
 * with grant_read_access) where the portal's own tools get a browser URL.
 */
export function templateInput(task: Task): unknown {
  const input = task.taskInput ?? null;
  if (isCustom(task) || !input?.sourceRef) {
    return input;
  }
  const { sourceRef, ...rest } = input;
  return { ...rest, taskObject: sourceRef };
}

/**
 * The task's template rendered over its input. The renderer (mostly liquidjs) is loaded alongside the template: only
 * templated tasks need it, so the other tools' page does not carry it.
 *
 * @throws Error saying why the template cannot be shown (not loaded, or a TemplateError)
 */
export async function renderTaskTemplate(task: Task): Promise<string> {
  let source: string;
  let liquid: typeof import('./liquid');
  try {
    [source, liquid] = await Promise.all([templateSource(task), import('./liquid')]);
  } catch (e) {
    throw new Error(`it could not be loaded (${(e as Error)?.message ?? String(e)})`);
  }
  return liquid.renderTemplate(source, { task: { input: templateInput(task) } }, task.ui.readAccess ?? {});
}

/**
 * A built-in task is shown with the requester's template when it has one that loads and renders; otherwise (as for
 * jobs whose template is not there) with Verity's own tool for its type, so the template's link is dropped.
 */
export async function withUsableTemplate<T extends Task>(task: T): Promise<T> {
  if (!task.ui?.templateUrl || isCustom(task)) {
    return task;
  }
  try {
    await renderTaskTemplate(task);
    return task;
  } catch (e) {
    console.warn(`task ${task.assignmentId}: the job's template is not used: ${(e as Error).message}`);
    const { templateUrl: _unused, ...ui } = task.ui;
    return { ...task, ui };
  }
}
