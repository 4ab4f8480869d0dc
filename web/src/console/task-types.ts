/**
 * The task types Verity supports (functions' TaskTypes), with the facts the console needs: a friendly name, whether
 * the data is images or text, how many label categories Ground Truth requires and allows, and the label attribute's
 * "-ref" rule (groundtruth.md §2.2).
 */
export interface TaskTypeInfo {
  /** Ground Truth's name, as in the PRE-/ACS- Lambda ARNs. */
  id: string;
  title: string;
  data: 'image' | 'text' | 'any';
  minLabels: number;
  /** Infinity where neither Ground Truth nor Verity sets a limit. */
  maxLabels: number;
  /** Segmentation label attributes must end in "-ref"; every other built-in type's must not. */
  refSuffix: 'required' | 'forbidden' | 'any';
  /** Adjustment and verification jobs start from an earlier label, so their manifest must carry one. */
  needsEarlierLabel: boolean;
  /** Ground Truth requires worker instructions in the label category file for NER. */
  needsInstructions: boolean;
}

export const CUSTOM = 'Custom';

export const TASK_TYPES: readonly TaskTypeInfo[] = [
  type('ImageMultiClass', 'Image classification (single label)', 'image', 2, Infinity),
  type('ImageMultiClassMultiLabel', 'Image classification (multi-label)', 'image', 2, 50),
  type('BoundingBox', 'Bounding box', 'image', 1, 50),
  type('AdjustmentBoundingBox', 'Bounding box adjustment', 'image', 1, 50, { needsEarlierLabel: true }),
  type('VerificationBoundingBox', 'Bounding box verification', 'image', 2, Infinity, { needsEarlierLabel: true }),
  type('SemanticSegmentation', 'Semantic segmentation', 'image', 1, 255, { refSuffix: 'required' }),
  type('AdjustmentSemanticSegmentation', 'Semantic segmentation adjustment', 'image', 1, 255, {
    refSuffix: 'required',
    needsEarlierLabel: true,
  }),
  type('TextMultiClass', 'Text classification (single label)', 'text', 2, Infinity),
  type('TextMultiClassMultiLabel', 'Text classification (multi-label)', 'text', 2, 50),
  type('NamedEntityRecognition', 'Named entity recognition', 'text', 1, Infinity, { needsInstructions: true }),
  type(CUSTOM, 'Custom (your own template and Lambdas)', 'any', 0, Infinity, { refSuffix: 'any' }),
];

function type(
  id: string,
  title: string,
  data: TaskTypeInfo['data'],
  minLabels: number,
  maxLabels: number,
  extra: Partial<TaskTypeInfo> = {},
): TaskTypeInfo {
  return { id, title, data, minLabels, maxLabels, refSuffix: 'forbidden', needsEarlierLabel: false, needsInstructions: false, ...extra };
}

export function taskTypeInfo(id: string): TaskTypeInfo | undefined {
  return TASK_TYPES.find((t) => t.id === id);
}

/** A friendly name for a task type id; unknown ids are shown as they are. */
export function taskTypeTitle(id: string | undefined): string {
  if (!id) {
    return '—';
  }
  return taskTypeInfo(id)?.title ?? id;
}

/** Where Ground Truth's built-in Lambdas live in us-east-1; Verity accepts any Region and account for them. */
export const BUILT_IN_LAMBDA_PREFIX = 'arn:aws:lambda:us-east-1:432418664414:function:';

const BUILT_IN = /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:[0-9]{12}:function:(PRE|ACS)-([A-Za-z0-9]+)$/;

/**
 * The task type a job's Lambda ARNs name, by the server's rule (BuiltInLambdaArns): a built-in PRE- ARN names its
 * type; any other pre-annotation ARN makes the job Custom; without one, a built-in ACS- ARN names the type.
 */
export function taskTypeOfArns(preHumanTaskLambdaArn?: string, consolidationLambdaArn?: string): string | undefined {
  if (preHumanTaskLambdaArn) {
    const match = BUILT_IN.exec(preHumanTaskLambdaArn);
    return match && match[1] === 'PRE' ? match[2] : CUSTOM;
  }
  if (consolidationLambdaArn) {
    const match = BUILT_IN.exec(consolidationLambdaArn);
    return match && match[1] === 'ACS' ? match[2] : undefined;
  }
  return undefined;
}
