package dev.verity.labeling;

import dev.verity.manifest.S3Uri;

/**
 * The input manifest a crawl wrote.
 *
 * @param objects     lines written to the manifest
 * @param files       image or text files found under the prefix
 * @param skippedRows text rows left out for being over the manifest's attribute limit
 */
public record CrawledManifest(S3Uri manifest, long objects, long files, long skippedRows) {}
