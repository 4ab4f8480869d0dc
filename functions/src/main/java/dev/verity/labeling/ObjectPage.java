package dev.verity.labeling;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One page of a job's output objects for the requester console.
 *
 * @param labels          the job's labels in its own order; null for a job without label categories
 * @param outputAvailable false until the job has written its output manifest (the page then holds no objects)
 * @param nextToken       where the next page starts; null on the last
 */
public record ObjectPage(
        String labelAttributeName,
        String taskType,
        List<String> labels,
        boolean outputAvailable,
        List<Item> objects,
        String nextToken) {

    /**
     * One output manifest line: where its data is, its label and metadata as the manifest has them.
     *
     * @param line            1-based line of the output manifest
     * @param datasetObjectId null if the line has none
     * @param source          the inline text object; null for an {@code s3://} one
     * @param sourceRef       the object's {@code s3://} URI; null for inline text
     * @param sourceUrl       a presigned URL of {@code sourceRef}; null if there is none
     * @param label           the label attribute's value; null if the object has no label
     * @param labelUrl        a presigned URL of the label, when the label is an {@code s3://} URI (a mask)
     * @param metadata        the label's {@code -metadata}; null if none
     * @param confidence      the label's confidence; null if it has none
     */
    public record Item(
            long line,
            String datasetObjectId,
            String source,
            String sourceRef,
            String sourceUrl,
            JsonNode label,
            String labelUrl,
            JsonNode metadata,
            Double confidence,
            boolean humanAnnotated) {}
}
