package dev.verity.labeling;

/**
 * A task a worker declined for good.
 *
 * @param declines       how many workers declined the object so far
 * @param objectComplete the object needs no more answers: as many workers as it has slots declined it
 */
public record DeclinedTask(String assignmentId, String datasetObjectId, int declines, boolean objectComplete) {}
