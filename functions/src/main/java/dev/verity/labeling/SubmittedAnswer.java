package dev.verity.labeling;

import dev.verity.store.Assignment;

/**
 * A worker's answer as recorded: the assignment it answers, the assignment's status now (submitted) and its object.
 */
public record SubmittedAnswer(String assignmentId, Assignment.Status status, String datasetObjectId) {}
