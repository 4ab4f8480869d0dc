import type { Api } from '../core/api';
import type { OutputLink } from './types';

/** The presigned URL of a job's output manifest (GET /jobs/{name}/output; 409 until the job wrote it). */
export async function outputManifestUrl(api: Api, job: string): Promise<string> {
  const link = await api.get<OutputLink>(`/jobs/${encodeURIComponent(job)}/output`);
  return link.url;
}
