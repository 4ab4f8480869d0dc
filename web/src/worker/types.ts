/** What the worker API sends: GET /worker/jobs and POST /worker/jobs/{job}/tasks/next (TaskService.describeTask). */

export interface WorkerJob {
  jobName: string;
  title?: string;
  description?: string;
  objectsRemaining?: number;
  /** Ground Truth's task type name; older servers leave it out. */
  taskType?: string;
  taskTimeLimitInSeconds?: number;
  workersPerObject?: number;
}

export interface Instructions {
  shortInstruction?: string;
  fullInstruction?: string;
}

export interface TaskUi {
  /** The crowd element, e.g. crowd-bounding-box, or "custom". */
  element?: string;
  /** The answerContent key, e.g. boundingBox. */
  name?: string;
  categories?: string[];
  labels?: Array<string | { label: string; shortDisplayName?: string; fullDisplayName?: string }>;
  overlay?: string;
  template?: string;
  humanTaskUiArn?: string;
  /** Custom tasks: a presigned https GET of the Liquid template; absent when the server cannot give one. */
  templateUrl?: string;
  /** Custom tasks: a presigned https GET for every s3:// string in taskInput, for grant_read_access. */
  readAccess?: Record<string, string>;
}

export interface TaskInput {
  /** A presigned image URL or the text itself. */
  taskObject?: string;
  sourceRef?: string;
  labels?: string[];
  initialValue?: unknown;
  manifestLine?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface Task {
  assignmentId: string;
  jobName: string;
  datasetObjectId?: string;
  title?: string;
  description?: string;
  acceptedAt?: string;
  /** ISO instant after which the task goes back to the queue. */
  deadline?: string;
  taskTimeLimitInSeconds?: number;
  /** Present if the server names it; otherwise inferred from the ui config (see taskTypeOf). */
  taskType?: string;
  taskInput: TaskInput | null;
  instructions?: Instructions | null;
  ui: TaskUi;
}

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

export type TaskTypeName = (typeof TASK_TYPES)[number];

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
 * The task's type: as the server names it, or else from the crowd element the type's uiConfig names (adjustment
 * types differ from their base type only by carrying an initial value).
 *
 * @throws Error naming the element when it is none Verity's types use
 */
export function taskTypeOf(task: Task): TaskTypeName {
  if (task.taskType && (TASK_TYPES as readonly string[]).includes(task.taskType)) {
    return task.taskType as TaskTypeName;
  }
  const adjusting = task.taskInput?.initialValue !== undefined && task.taskInput?.initialValue !== null;
  switch (task.ui?.element) {
    case 'crowd-image-classifier':
      return task.ui.overlay === 'boundingBox' ? 'VerificationBoundingBox' : 'ImageMultiClass';
    case 'crowd-classifier':
      return 'TextMultiClass';
    case 'crowd-image-classifier-multi-select':
      return 'ImageMultiClassMultiLabel';
    case 'crowd-classifier-multi-select':
      return 'TextMultiClassMultiLabel';
    case 'crowd-entity-annotation':
      return 'NamedEntityRecognition';
    case 'crowd-bounding-box':
      return adjusting ? 'AdjustmentBoundingBox' : 'BoundingBox';
    case 'crowd-semantic-segmentation':
      return adjusting ? 'AdjustmentSemanticSegmentation' : 'SemanticSegmentation';
    case 'custom':
      return 'Custom';
    default:
      throw new Error(`this portal cannot show a task with the element ${JSON.stringify(task.ui?.element)}${task.taskType ? ` (task type ${task.taskType})` : ''}`);
  }
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
