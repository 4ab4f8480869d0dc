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
  LabelingJobOutput?: { OutputDatasetS3Uri: string };
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
