import type { Api } from '../core/api';
import type { UploadResponse, UploadTicket } from './types';

/** A file's content type for the upload: the browser's, else one guessed from the name. */
export function contentTypeOf(file: { name: string; type: string }): string {
  if (file.type) {
    return file.type;
  }
  const extension = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase();
  const known: Record<string, string> = {
    png: 'image/png',
    jpg: 'image/jpeg',
    jpeg: 'image/jpeg',
    gif: 'image/gif',
    bmp: 'image/bmp',
    webp: 'image/webp',
    tif: 'image/tiff',
    tiff: 'image/tiff',
    txt: 'text/plain',
    csv: 'text/csv',
    json: 'application/json',
  };
  return (extension && known[extension]) || 'application/octet-stream';
}

export interface UploadProgress {
  files: number;
  filesDone: number;
  bytes: number;
  bytesDone: number;
}

/**
 * Files going to one S3 prefix through presigned PUTs. It remembers which went up, so that running it again (a retry
 * after a failure) puts only the rest, and asks the API for upload URLs once.
 */
export class Upload {
  private tickets: Map<string, UploadTicket> | null = null;
  private readonly done = new Set<string>();
  s3Prefix: string | null = null;

  constructor(
    private readonly api: Api,
    private readonly prefix: string,
    readonly files: readonly File[],
    private readonly put: typeof fetch,
  ) {}

  /** True once every file is in S3. */
  get complete(): boolean {
    return this.files.every((f) => this.done.has(f.name));
  }

  /** Uploads what is not up yet, a few at a time, reporting progress; throws naming the file that failed. */
  async run(onProgress: (progress: UploadProgress) => void = () => {}): Promise<string> {
    if (!this.tickets) {
      const response = await this.api.post<UploadResponse>('/uploads', {
        prefix: this.prefix,
        files: this.files.map((f) => ({ name: f.name, contentType: contentTypeOf(f) })),
      });
      this.tickets = new Map(response.uploads.map((u) => [u.name, u]));
      this.s3Prefix = response.s3Prefix;
    }
    const bytes = this.files.reduce((sum, f) => sum + f.size, 0);
    const progress = (): UploadProgress => ({
      files: this.files.length,
      filesDone: this.done.size,
      bytes,
      bytesDone: this.files.filter((f) => this.done.has(f.name)).reduce((sum, f) => sum + f.size, 0),
    });
    onProgress(progress());
    const queue = this.files.filter((f) => !this.done.has(f.name));
    const failures: string[] = [];
    const worker = async () => {
      for (let file = queue.shift(); file; file = queue.shift()) {
        try {
          await this.putOne(file);
          this.done.add(file.name);
          onProgress(progress());
        } catch (e) {
          failures.push(`${file.name}: ${(e as Error).message}`);
        }
      }
    };
    await Promise.all([worker(), worker(), worker()]);
    if (failures.length > 0) {
      throw new Error(`${failures.length} of ${this.files.length} files did not upload (submit again to retry just those):\n${failures.join('\n')}`);
    }
    return this.s3Prefix!;
  }

  private async putOne(file: File): Promise<void> {
    const ticket = this.tickets!.get(file.name);
    if (!ticket) {
      throw new Error('the API gave no upload URL for this file');
    }
    let response: Response;
    try {
      response = await this.put(ticket.url, { method: 'PUT', headers: ticket.headers ?? {}, body: file });
    } catch (e) {
      throw new Error(`could not reach S3 (${(e as Error).message})`);
    }
    if (!response.ok) {
      const text = await response.text().catch(() => '');
      throw new Error(`S3 answered HTTP ${response.status}${text ? `: ${text.slice(0, 300)}` : ''}`);
    }
  }
}

/** "1.2 MB" */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) {
    return `${bytes} B`;
  }
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}
