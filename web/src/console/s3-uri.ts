/** s3://bucket/key URIs, as the API and Ground Truth write them. */
export interface S3Location {
  bucket: string;
  key: string;
}

/** Bucket names: 3–63 lower-case letters, digits, dots and hyphens (what S3Uri accepts server-side, loosely). */
const S3_URI = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/;

export function parseS3Uri(uri: string): S3Location | null {
  const match = S3_URI.exec(uri.trim());
  return match ? { bucket: match[1], key: match[2] ?? '' } : null;
}

/** The default S3OutputPath: an "output/" folder in the data's bucket (Ground Truth then adds "<job name>/"). */
export function defaultOutputPath(dataUri: string): string | null {
  const location = parseS3Uri(dataUri);
  return location ? `s3://${location.bucket}/output/` : null;
}
