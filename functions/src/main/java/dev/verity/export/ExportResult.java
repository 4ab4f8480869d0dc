package dev.verity.export;

import java.time.Duration;

/**
 * An export written: where, a URL that downloads it, and what went in.
 *
 * @param s3Uri    the file under the job's output prefix, {@code <output>/<job>/exports/<format>/<file>}
 * @param url      a presigned GET that downloads it as {@code <job>-<format>-<file>}
 * @param validity how long {@code url} works
 */
public record ExportResult(
        String jobName,
        ExportFormat format,
        String s3Uri,
        String url,
        String fileName,
        Duration validity,
        ExportCounts counts) {}
