package dev.verity.labeling;

/** Where a job's output manifest is, and a URL that downloads it. */
public record OutputDownload(String manifestS3Uri, String url) {}
