import type { CreateLabelingJobRequest } from './types';
import { BUILT_IN_LAMBDA_PREFIX, CUSTOM, taskTypeInfo, type TaskTypeInfo } from './task-types';
import { parseS3Uri } from './s3-uri';

/** The create-job form's values, as typed (strings), keyed by the inputs' `name`s. */
export interface JobForm {
  name: string;
  taskType: string;
  labelAttributeName: string;
  labels: string;
  shortInstructions: string;
  fullInstructions: string;
  workersPerObject: string;
  taskTimeLimit: string;
  availabilityLifetime: string;
  taskTitle: string;
  taskDescription: string;
  selectionMode: 'all' | 'sample' | 'filter';
  sampleSize: string;
  samplePercent: string;
  filter: string;
  dataSource: 'upload' | 'prefix' | 'manifest' | 'import';
  s3Prefix: string;
  dataType: 'image' | 'text';
  manifestUri: string;
  /** Import (POST /datasets/import): the annotations' format, their file, and the images' prefix. */
  importFormat: 'coco' | 'yolo' | 'voc';
  importAnnotationsUri: string;
  importImagesPrefix: string;
  outputPath: string;
  preLambdaArn: string;
  postLambdaArn: string;
  uiTemplateUri: string;
  roleArn: string;
  workteamArn: string;
}

/** The task types whose jobs start from imported boxes (POST /datasets/import writes bounding-box labels). */
export const IMPORT_TYPES: readonly string[] = ['AdjustmentBoundingBox', 'VerificationBoundingBox'];

export function emptyForm(): JobForm {
  return {
    name: '',
    taskType: 'ImageMultiClass',
    labelAttributeName: '',
    labels: '',
    shortInstructions: '',
    fullInstructions: '',
    workersPerObject: '3',
    taskTimeLimit: '300',
    availabilityLifetime: '864000',
    taskTitle: '',
    taskDescription: '',
    selectionMode: 'all',
    sampleSize: '',
    samplePercent: '',
    filter: '',
    dataSource: 'upload',
    s3Prefix: '',
    dataType: 'image',
    manifestUri: '',
    importFormat: 'coco',
    importAnnotationsUri: '',
    importImagesPrefix: '',
    outputPath: '',
    preLambdaArn: '',
    postLambdaArn: '',
    uiTemplateUri: '',
    // Ground Truth requires both; Verity checks their form but does not assume the role or look up the team.
    roleArn: 'arn:aws:iam::000000000000:role/verity-labeling',
    workteamArn: 'arn:aws:sagemaker:us-east-1:000000000000:workteam/private-crowd/Everyone-in-private-workforce',
  };
}

/** How each field is called on the page, so that messages name the field the way the user sees it. */
export const FIELD_LABELS: Record<keyof JobForm | 'files', string> = {
  name: 'Job name',
  taskType: 'Task type',
  labelAttributeName: 'Label attribute name',
  labels: 'Labels',
  shortInstructions: 'Short instructions',
  fullInstructions: 'Full instructions',
  workersPerObject: 'Workers per object',
  taskTimeLimit: 'Task time limit',
  availabilityLifetime: 'Task availability lifetime',
  taskTitle: 'Task title',
  taskDescription: 'Task description',
  selectionMode: 'Objects to label',
  sampleSize: 'Sample size',
  samplePercent: 'Sample percentage',
  filter: 'Filter',
  dataSource: 'Data source',
  files: 'Files',
  s3Prefix: 'S3 prefix',
  dataType: 'Data type',
  manifestUri: 'Manifest S3 URI',
  importFormat: 'Annotation format',
  importAnnotationsUri: 'Annotations S3 URI',
  importImagesPrefix: 'Images S3 prefix',
  outputPath: 'Output S3 path',
  preLambdaArn: 'Pre-annotation Lambda ARN',
  postLambdaArn: 'Post-annotation Lambda ARN',
  uiTemplateUri: 'Worker task template S3 URI',
  roleArn: 'IAM role ARN',
  workteamArn: 'Work team ARN',
};

export interface FieldError {
  field: keyof JobForm | 'files';
  message: string;
}

/** "Job name: is required" — the field as the page labels it, then what is wrong. */
export function describeError(error: FieldError): string {
  return `${FIELD_LABELS[error.field]}: ${error.message}`;
}

const JOB_NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;
const ATTRIBUTE_NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,126}$/;
const LAMBDA_ARN = /^arn:aws[a-z-]*:lambda:[a-z0-9-]*:[0-9]{12}:function:.+$/;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/?[a-zA-Z_0-9+=,.@\-/]+$/;
const WORKTEAM_ARN = /^arn:aws[a-z-]*:sagemaker:[a-z0-9-]*:[0-9]{12}:workteam\/.*$/;

/** The label categories typed one per line: trimmed, blank lines dropped. */
export function parseLabels(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

/** The label attribute a blank field stands for: the job name (as in Ground Truth's console), with the type's "-ref" rule. */
export function defaultLabelAttributeName(jobName: string, type: TaskTypeInfo | undefined): string {
  const name = jobName.trim();
  if (type?.refSuffix === 'required' && !name.endsWith('-ref')) {
    return `${name}-ref`;
  }
  if (type?.refSuffix === 'forbidden' && name.endsWith('-ref')) {
    return `${name}-labels`;
  }
  return name;
}

/** The S3 Select query for a WHERE clause; a full "SELECT ..." query is taken as it is. */
export function filterQuery(where: string): string {
  const text = where.trim();
  if (/^select\s/i.test(text)) {
    return text;
  }
  return `SELECT * FROM S3Object s WHERE ${text.replace(/^where\s+/i, '')}`;
}

/** What the page knows besides the typed values: the chosen files, and whether they were uploaded already. */
export interface FormContext {
  files: readonly { name: string; type: string }[];
  uploaded: boolean;
}

/** Every obvious mistake in the form, each naming its field; the server checks the rest and says so. */
export function validateForm(form: JobForm, context: FormContext): FieldError[] {
  const errors: FieldError[] = [];
  const add = (field: FieldError['field'], message: string) => errors.push({ field, message });
  const type = taskTypeInfo(form.taskType);

  const name = form.name.trim();
  if (!name) {
    add('name', 'is required');
  } else if (!JOB_NAME.test(name)) {
    add('name', 'must be 1–63 letters, digits and inner hyphens (no spaces, no leading or trailing hyphen)');
  }
  if (!type) {
    add('taskType', `"${form.taskType}" is not a supported task type`);
  }

  const attribute = form.labelAttributeName.trim();
  if (attribute) {
    if (!ATTRIBUTE_NAME.test(attribute)) {
      add('labelAttributeName', 'must be 1–127 letters, digits and inner hyphens');
    } else if (attribute.endsWith('-metadata')) {
      add('labelAttributeName', 'must not end in "-metadata"');
    } else if (attribute === 'source' || attribute === 'source-ref') {
      add('labelAttributeName', `"${attribute}" is reserved for the data object`);
    } else if (type?.refSuffix === 'required' && !attribute.endsWith('-ref')) {
      add('labelAttributeName', `must end in "-ref" for ${type.title}`);
    } else if (type?.refSuffix === 'forbidden' && attribute.endsWith('-ref')) {
      add('labelAttributeName', `must not end in "-ref" for ${type.title}`);
    }
  }

  const labels = parseLabels(form.labels);
  // an import brings its own categories: an empty list takes them
  if (type && !(form.dataSource === 'import' && labels.length === 0)) {
    if (labels.length < type.minLabels) {
      add('labels', `${type.title} needs at least ${type.minLabels} label${type.minLabels === 1 ? '' : 's'}, one per line (got ${labels.length})`);
    } else if (labels.length > type.maxLabels) {
      add('labels', `${type.title} allows at most ${type.maxLabels} labels (got ${labels.length})`);
    }
  }
  const seen = new Set<string>();
  for (const label of labels) {
    if (seen.has(label)) {
      add('labels', `"${label}" is listed twice`);
    }
    seen.add(label);
    if ([...label].length > 256) {
      add('labels', `"${label.slice(0, 20)}…" is longer than 256 characters`);
    }
  }
  if (type?.needsInstructions) {
    if (!form.shortInstructions.trim()) {
      add('shortInstructions', `are required for ${type.title}`);
    }
    if (!form.fullInstructions.trim()) {
      add('fullInstructions', `are required for ${type.title}`);
    }
  }

  integer(form.workersPerObject, 1, 9, 'workersPerObject', add);
  integer(form.taskTimeLimit, 30, 28_800, 'taskTimeLimit', add, ' seconds');
  integer(form.availabilityLifetime, 60, 1_209_600, 'availabilityLifetime', add, ' seconds');
  text(form.taskTitle, 128, 'taskTitle', add);
  text(form.taskDescription, 255, 'taskDescription', add);

  if (form.selectionMode === 'sample') {
    const size = form.sampleSize.trim();
    const percent = form.samplePercent.trim();
    if ((size === '') === (percent === '')) {
      add('sampleSize', 'give either a sample size or a sample percentage, not both');
    } else if (size !== '') {
      integer(size, 1, Number.MAX_SAFE_INTEGER, 'sampleSize', add);
    } else {
      const value = Number(percent);
      if (!Number.isFinite(value) || value <= 0 || value > 100) {
        add('samplePercent', `must be a number above 0 and at most 100, got "${percent}"`);
      }
    }
  } else if (form.selectionMode === 'filter' && !form.filter.trim()) {
    add('filter', 'is required: the WHERE clause that picks the objects, e.g. s."source-ref" LIKE \'%.png\'');
  }

  if (form.dataSource === 'import' && !IMPORT_TYPES.includes(form.taskType)) {
    add('dataSource', 'imported annotations are pre-labels for a bounding box adjustment or verification job: choose one of those task types');
  } else if (form.dataSource === 'import') {
    s3(form.importAnnotationsUri, 'importAnnotationsUri', add, true);
    s3(form.importImagesPrefix, 'importImagesPrefix', add, false);
  } else if (type?.needsEarlierLabel && form.dataSource !== 'manifest') {
    add('dataSource', `${type.title} starts from earlier labels, so it needs a manifest whose lines carry them: choose "Manifest" or "Import annotations"`);
  } else if (form.dataSource === 'upload') {
    if (!context.uploaded) {
      const dataType = dataTypeOfFiles(context.files);
      if (context.files.length === 0) {
        add('files', 'choose at least one file to upload');
      } else if (!dataType) {
        add('files', 'choose either images (.png, .jpg, …) or text files (.txt: one object a line; .csv: one a row), not a mix');
      } else if (type && type.data !== 'any' && type.data !== dataType) {
        add('files', `${type.title} labels ${type.data === 'image' ? 'images' : 'text'}, but these files are ${dataType}`);
      }
    }
  } else if (form.dataSource === 'prefix') {
    s3(form.s3Prefix, 's3Prefix', add, false);
    if (type && type.data !== 'any' && type.data !== form.dataType) {
      add('dataType', `${type.title} labels ${type.data === 'image' ? 'images' : 'text'}, not ${form.dataType}`);
    }
  } else if (form.dataSource === 'manifest') {
    s3(form.manifestUri, 'manifestUri', add, true);
  }
  if (form.outputPath.trim()) {
    s3(form.outputPath, 'outputPath', add, false);
  }

  if (form.taskType === CUSTOM) {
    lambdaArn(form.preLambdaArn, 'preLambdaArn', true, add);
    lambdaArn(form.postLambdaArn, 'postLambdaArn', false, add);
    s3(form.uiTemplateUri, 'uiTemplateUri', add, true);
  } else if (form.uiTemplateUri.trim()) {
    s3(form.uiTemplateUri, 'uiTemplateUri', add, false);
  }
  if (!ROLE_ARN.test(form.roleArn.trim())) {
    add('roleArn', 'must be an IAM role ARN, arn:aws:iam::<account>:role/<name>');
  }
  if (!WORKTEAM_ARN.test(form.workteamArn.trim())) {
    add('workteamArn', 'must be a work team ARN, arn:aws:sagemaker:<region>:<account>:workteam/<name>');
  }
  return errors;
}

type Add = (field: FieldError['field'], message: string) => void;

function integer(value: string, min: number, max: number, field: keyof JobForm, add: Add, unit = ''): void {
  const text = value.trim();
  if (!/^-?\d+$/.test(text)) {
    add(field, text ? `must be a whole number, got "${text}"` : 'is required');
    return;
  }
  const n = Number(text);
  if (n < min || n > max) {
    add(field, max === Number.MAX_SAFE_INTEGER ? `must be at least ${min}${unit}, got ${n}` : `must be between ${min} and ${max}${unit}, got ${n}`);
  }
}

function text(value: string, max: number, field: keyof JobForm, add: Add): void {
  const length = [...value.trim()].length;
  if (length === 0) {
    add(field, 'is required');
  } else if (length > max) {
    add(field, `must be at most ${max} characters, got ${length}`);
  }
}

function s3(value: string, field: keyof JobForm, add: Add, needsKey: boolean): void {
  const text = value.trim();
  if (!text) {
    add(field, 'is required');
    return;
  }
  const location = parseS3Uri(text);
  if (!location) {
    add(field, `must be an S3 URI, s3://bucket/${needsKey ? 'key' : 'prefix/'}, got "${text}"`);
  } else if (needsKey && (location.key === '' || location.key.endsWith('/'))) {
    add(field, `must name an object (s3://bucket/key), got "${text}"`);
  }
}

function lambdaArn(value: string, field: keyof JobForm, required: boolean, add: Add): void {
  const text = value.trim();
  if (!text) {
    if (required) {
      add(field, 'is required for a custom task type');
    }
    return;
  }
  if (!LAMBDA_ARN.test(text)) {
    add(field, `must be the function's ARN, arn:aws:lambda:<region>:<account>:function:<name>, got "${text}"`);
  }
  // The name's prefix is the deployment's setting: the server checks it and its refusal says which it is.
}

/** The label category configuration file for the form, or null if the job needs none (custom, nothing given). */
export function labelCategoryConfig(form: JobForm): Record<string, unknown> | null {
  const labels = parseLabels(form.labels);
  const instructions: Record<string, string> = {};
  if (form.shortInstructions.trim()) {
    instructions.shortInstruction = form.shortInstructions.trim();
  }
  if (form.fullInstructions.trim()) {
    instructions.fullInstruction = form.fullInstructions.trim();
  }
  const hasInstructions = Object.keys(instructions).length > 0;
  if (labels.length === 0 && !hasInstructions && form.taskType === CUSTOM) {
    return null;
  }
  const file: Record<string, unknown> = { 'document-version': '2018-11-28', labels: labels.map((label) => ({ label })) };
  if (hasInstructions) {
    file.instructions = instructions;
  }
  return file;
}

/** Where the data and the label categories ended up, found or uploaded before the request is sent. */
export interface ResolvedInputs {
  manifestS3Uri: string;
  /** null when the job has no label category file (labelCategoryConfig returned null). */
  labelCategoryConfigS3Uri: string | null;
  outputPath: string;
}

/** The CreateLabelingJob request for a valid form (validateForm found nothing), in SageMaker's JSON shape. */
export function buildRequest(form: JobForm, inputs: ResolvedInputs): CreateLabelingJobRequest {
  const type = taskTypeInfo(form.taskType);
  const name = form.name.trim();
  const custom = form.taskType === CUSTOM;
  const human: CreateLabelingJobRequest['HumanTaskConfig'] = {
    WorkteamArn: form.workteamArn.trim(),
    // A custom type brings its own template; a built-in type may (workers then see it), or else names the type's
    // built-in worker UI, as Ground Truth's NER jobs do, which Verity shows with its own tool for the type.
    UiConfig:
      custom || form.uiTemplateUri.trim()
        ? { UiTemplateS3Uri: form.uiTemplateUri.trim() }
        : { HumanTaskUiArn: `arn:aws:sagemaker:us-east-1:394669845002:human-task-ui/${form.taskType}` },
    PreHumanTaskLambdaArn: custom ? form.preLambdaArn.trim() : `${BUILT_IN_LAMBDA_PREFIX}PRE-${form.taskType}`,
    TaskTitle: form.taskTitle.trim(),
    TaskDescription: form.taskDescription.trim(),
    NumberOfHumanWorkersPerDataObject: Number(form.workersPerObject.trim()),
    TaskTimeLimitInSeconds: Number(form.taskTimeLimit.trim()),
    TaskAvailabilityLifetimeInSeconds: Number(form.availabilityLifetime.trim()),
  };
  const consolidation = custom ? form.postLambdaArn.trim() : `${BUILT_IN_LAMBDA_PREFIX}ACS-${form.taskType}`;
  if (consolidation) {
    human.AnnotationConsolidationConfig = { AnnotationConsolidationLambdaArn: consolidation };
  }
  const request: CreateLabelingJobRequest = {
    LabelingJobName: name,
    LabelAttributeName: form.labelAttributeName.trim() || defaultLabelAttributeName(name, type),
    InputConfig: { DataSource: { S3DataSource: { ManifestS3Uri: inputs.manifestS3Uri } } },
    OutputConfig: { S3OutputPath: inputs.outputPath },
    RoleArn: form.roleArn.trim(),
    HumanTaskConfig: human,
  };
  if (inputs.labelCategoryConfigS3Uri) {
    request.LabelCategoryConfigS3Uri = inputs.labelCategoryConfigS3Uri;
  }
  if (form.selectionMode === 'sample') {
    request.DataObjectSelection = form.sampleSize.trim()
      ? { Mode: 'RandomSample', SampleSize: Number(form.sampleSize.trim()) }
      : { Mode: 'RandomSample', SamplePercentage: Number(form.samplePercent.trim()) };
  } else if (form.selectionMode === 'filter') {
    request.DataObjectSelection = { Mode: 'Filter', FilterQuery: filterQuery(form.filter) };
  }
  return request;
}

/** The crawl's data type for uploaded files: images or text (.txt/.csv); null if mixed or neither. */
export function dataTypeOfFiles(files: readonly { name: string; type: string }[]): 'image' | 'text' | null {
  const kinds = new Set(
    files.map((file) => {
      if (file.type.startsWith('image/') || /\.(png|jpe?g|gif|bmp|webp|tiff?)$/i.test(file.name)) {
        return 'image';
      }
      if (/\.(txt|csv)$/i.test(file.name) || file.type === 'text/plain' || file.type === 'text/csv') {
        return 'text';
      }
      return 'other';
    }),
  );
  if (kinds.size !== 1 || kinds.has('other')) {
    return null;
  }
  return kinds.has('image') ? 'image' : 'text';
}
