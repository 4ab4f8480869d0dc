/** The requester API's JSON shapes the console reads (DescribeLabelingJob / ListLabelingJobs and Verity's routes). */

export type JobStatus = 'Initializing' | 'InProgress' | 'Completed' | 'Failed' | 'Stopping' | 'Stopped';

export interface LabelCounters {
  TotalLabeled: number;
  HumanLabeled: number;
  MachineLabeled: number;
  FailedNonRetryableError: number;
  Unlabeled: number;
}

export interface JobSummary {
  LabelingJobName: string;
  LabelingJobArn: string;
  /** Epoch seconds (with a fraction). */
  CreationTime: number;
  LastModifiedTime: number;
  LabelingJobStatus: JobStatus;
  LabelCounters: LabelCounters;
  WorkteamArn?: string;
  PreHumanTaskLambdaArn?: string;
  AnnotationConsolidationLambdaArn?: string;
  FailureReason?: string;
  /** FinalActiveLearningModelArn: set once a job with automated labeling completes. */
  LabelingJobOutput?: { OutputDatasetS3Uri: string; FinalActiveLearningModelArn?: string };
  InputConfig?: { DataSource?: { S3DataSource?: { ManifestS3Uri?: string } } };
}

export interface JobList {
  LabelingJobSummaryList: JobSummary[];
  NextToken?: string;
}

export interface JobDescription extends JobSummary {
  LabelAttributeName?: string;
  OutputConfig?: { S3OutputPath?: string };
  RoleArn?: string;
  LabelCategoryConfigS3Uri?: string;
  StoppingConditions?: { MaxHumanLabeledObjectCount?: number; MaxPercentageOfInputDatasetLabeled?: number };
  HumanTaskConfig?: {
    WorkteamArn?: string;
    PreHumanTaskLambdaArn?: string;
    TaskTitle?: string;
    TaskDescription?: string;
    NumberOfHumanWorkersPerDataObject?: number;
    TaskTimeLimitInSeconds?: number;
    TaskAvailabilityLifetimeInSeconds?: number;
    MaxConcurrentTaskCount?: number;
    AnnotationConsolidationConfig?: { AnnotationConsolidationLambdaArn?: string };
  };
  /** Present when the job labels automatically (active learning) as well as by humans. */
  LabelingJobAlgorithmsConfig?: {
    LabelingJobAlgorithmSpecificationArn: string;
    InitialActiveLearningModelArn?: string;
    LabelingJobResourceConfig?: unknown;
  };
  DataObjectSelection?: { Mode?: string; SampleSize?: number; SamplePercentage?: number; Seed?: number; FilterQuery?: string };
  JobReferenceCode?: string;
  DatasetObjects?: number;
  RejectedManifestLines?: number;
}

export interface WorkerStats {
  workerId: string;
  answers: number;
  goldAnswered?: number;
  goldCorrect?: number;
  goldAccuracy?: number;
  estimatedAccuracy?: number;
}

export interface WorkerReport {
  workers: WorkerStats[];
  /** False while the job runs: answers so far, without gold scores or estimates (those come with the output). */
  final?: boolean;
}

/** One finished round of automated labeling, as GET /jobs/{name}/rounds answers it. */
export interface LabelingRound {
  iteration: number;
  /** Objects humans labeled in this round's batch (round 1's includes the validation set). */
  humanBatch: number;
  humanLabeledTotal: number;
  /** Human labels the round's model was trained on. */
  trainingObjects: number;
  validationObjects: number;
  calibrationObjects: number;
  /** Confidence at or above which the model labeled objects; null: no threshold reached the target. */
  threshold: number | null;
  /** Accuracy of every machine label so far on the validation set, and its lower bound; null before any. */
  validationAccuracy: number | null;
  validationLowerBound: number | null;
  machineLabeled: number;
  machineLabeledTotal: number;
  /** Objects sent to humans after this round. */
  nextHumanBatch: number;
  /** Objects neither labeled nor sent. */
  left: number;
  /** True if no round follows. */
  done: boolean;
}

export interface RoundsReport {
  LabelingJobName?: string;
  /** False for a human-only job (rounds then empty). */
  autoLabeling: boolean;
  /** Finished rounds in order; empty until the first one finishes. */
  rounds: LabelingRound[];
}

/** One labeled (or not yet labeled) data object of a job, as GET /jobs/{name}/objects answers it. */
export interface DataObjectView {
  line: number;
  datasetObjectId: string;
  /** Inline text data (text types). */
  source?: string;
  /** The object's S3 URI (image types) and a presigned URL to show it. */
  sourceRef?: string;
  sourceUrl?: string;
  /** The output manifest's label attribute value (Ground Truth's per-type output); absent if not labeled. */
  label?: unknown;
  /** For segmentation: the mask's presigned URL. */
  labelUrl?: string;
  metadata?: Record<string, unknown>;
  confidence?: number;
  humanAnnotated?: boolean;
}

export interface ObjectPage {
  labelAttributeName: string;
  taskType: string;
  outputAvailable: boolean;
  /** The job's label categories, in their order (absent for jobs without categories). */
  labels?: string[];
  objects: DataObjectView[];
  nextToken?: string;
}

export interface WorkerAnswerView {
  workerId: string;
  submittedAt?: string;
  answer: unknown;
}

export interface UploadTicket {
  name: string;
  s3Uri: string;
  url: string;
  headers?: Record<string, string>;
}

export interface UploadResponse {
  uploads: UploadTicket[];
  s3Prefix: string;
}

export interface ManifestResponse {
  manifestS3Uri: string;
  objects: number;
}

export interface OutputLink {
  manifestS3Uri: string;
  url: string;
}
