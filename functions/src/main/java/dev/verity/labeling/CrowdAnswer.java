package dev.verity.labeling;

/**
 * A public-crowd worker's answer as recorded, with what the task page needs to post it to Mechanical Turk next.
 *
 * @param answer    the answer as recorded; its assignment id is Mechanical Turk's
 * @param submitUrl Mechanical Turk's external-submit endpoint
 */
public record CrowdAnswer(SubmittedAnswer answer, String jobName, String submitUrl) {}
