import type { components } from '../core/api-types';

/**
 * The requester API's JSON shapes the console reads, by the console's names: generated from the OpenAPI document
 * (see core/api-types.ts), so the console compiles against the API's contract.
 */
type Schemas = components['schemas'];

export type JobStatus = Schemas['LabelingJobStatus'];
export type LabelCounters = Schemas['LabelCounters'];
export type JobSummary = Schemas['LabelingJobSummary'];
export type JobList = Schemas['ListLabelingJobsResponse'];
export type JobDescription = Schemas['DescribeLabelingJobResponse'];
export type WorkerStats = Schemas['WorkerStats'];
export type WorkerReport = Schemas['WorkerReport'];
/** One finished round of automated labeling, as GET /jobs/{name}/rounds answers it. */
export type LabelingRound = Schemas['LabelingRound'];
export type RoundsReport = Schemas['RoundsReport'];
export type JobCost = Schemas['JobCost'];
/** A job's metric totals, as GET /jobs/{name}/metrics answers them. */
export type JobMetrics = Schemas['JobMetrics'];
/** One labeled (or not yet labeled) data object of a job, as GET /jobs/{name}/objects answers it. */
export type DataObjectView = Schemas['DataObjectView'];
export type ObjectPage = Schemas['ObjectPage'];
export type ObjectAnswers = Schemas['ObjectAnswers'];
export type WorkerAnswerView = ObjectAnswers['answers'][number];
export type UploadTicket = Schemas['UploadTicket'];
export type UploadResponse = Schemas['UploadResponse'];
export type ManifestResponse = Schemas['CrawlResponse'];
export type OutputLink = Schemas['OutputLink'];
/** A job's labels exported to a training format, as GET /jobs/{name}/export answers. */
export type LabelExport = Schemas['LabelExport'];
/** Annotations imported as pre-labels, as POST /datasets/import answers. */
export type ImportResponse = Schemas['ImportResponse'];
export type CreateLabelingJobRequest = Schemas['CreateLabelingJobRequest'];
export type Workteam = Schemas['Workteam'];
export type ListWorkteamsResponse = Schemas['ListWorkteamsResponse'];
export type DescribeWorkteamResponse = Schemas['DescribeWorkteamResponse'];
export type Member = Schemas['Member'];
export type MembersResponse = Schemas['MembersResponse'];
export type InvitedMembersResponse = Schemas['InvitedMembersResponse'];
