import type { components } from '../core/api-types';

/**
 * What the worker API sends (GET /worker/jobs, POST /worker/jobs/{job}/tasks/next) and the task tools read, by the
 * portal's names: generated from the OpenAPI document (see core/api-types.ts).
 */
type Schemas = components['schemas'];

export type WorkerJob = Schemas['WorkerJob'];
export type WorkerJobs = Schemas['WorkerJobsResponse'];
export type Instructions = Schemas['Instructions'];
export type TaskUi = Schemas['TaskUi'];
export type TaskInput = Schemas['TaskInput'];
/** What the tools show: the worker API's task and the crowd API's share its content and an assignment id. */
export type Task = Schemas['TaskContent'] & { assignmentId: string };
/** The worker API's task: with when it was claimed and its deadline. */
export type WorkerTask = Schemas['WorkerTask'];
export type TaskTypeName = Schemas['TaskType'];

/** The task types this portal has a tool for: every one the API names (the record below must list them all). */
export const TASK_TYPES = [
  'ImageMultiClass',
  'TextMultiClass',
  'ImageMultiClassMultiLabel',
  'TextMultiClassMultiLabel',
  'NamedEntityRecognition',
  'BoundingBox',
  'AdjustmentBoundingBox',
  'VerificationBoundingBox',
  'SemanticSegmentation',
  'AdjustmentSemanticSegmentation',
  'Custom',
] as const;

const FRIENDLY: Record<TaskTypeName, string> = {
  ImageMultiClass: 'Image classification',
  TextMultiClass: 'Text classification',
  ImageMultiClassMultiLabel: 'Image classification (multi-label)',
  TextMultiClassMultiLabel: 'Text classification (multi-label)',
  NamedEntityRecognition: 'Named entities',
  BoundingBox: 'Bounding boxes',
  AdjustmentBoundingBox: 'Bounding box adjustment',
  VerificationBoundingBox: 'Bounding box verification',
  SemanticSegmentation: 'Semantic segmentation',
  AdjustmentSemanticSegmentation: 'Segmentation adjustment',
  Custom: 'Custom task',
};

/** A task type's display name; unknown names are shown as they are. */
export function taskTypeLabel(name: string | undefined): string {
  if (!name) {
    return '';
  }
  return (FRIENDLY as Record<string, string>)[name] ?? name;
}

/**
 * The task's type, as the server names it.
 *
 * @throws Error naming the type when this portal has no tool for it (a server newer than the portal)
 */
export function taskTypeOf(task: Task): TaskTypeName {
  if (!(TASK_TYPES as readonly string[]).includes(task.taskType)) {
    throw new Error(`this portal cannot show a task of type ${JSON.stringify(task.taskType)}`);
  }
  return task.taskType;
}

/** The task's label names, in category order: from the task input, else from the ui config. */
export function taskLabels(task: Task): string[] {
  if (Array.isArray(task.taskInput?.labels)) {
    return task.taskInput!.labels!.map(String);
  }
  if (Array.isArray(task.ui?.categories)) {
    return task.ui.categories.map(String);
  }
  if (Array.isArray(task.ui?.labels)) {
    return task.ui.labels.map((l) => (typeof l === 'string' ? l : l.label));
  }
  return [];
}

/** The key the answer goes under in answerContent: the ui config's name, else Ground Truth's built-in name. */
export function answerKey(task: Task, fallback: string): string {
  return task.ui?.name || fallback;
}
