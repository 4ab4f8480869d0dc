package dev.verity.labeling;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One job in full (Ground Truth's {@code DescribeLabelingJob}): its summary, the request it was created from (which
 * the answer echoes) and the figures of its dataset.
 *
 * @param request               the CreateLabelingJob request as stored with the job
 * @param rejectedManifestLines input manifest lines refused as invalid
 */
public record JobDescription(
        JobSummary summary,
        JsonNode request,
        String jobReferenceCode,
        long datasetObjects,
        long rejectedManifestLines) {}
