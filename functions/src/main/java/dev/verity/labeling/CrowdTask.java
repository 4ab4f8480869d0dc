package dev.verity.labeling;

/**
 * A public-crowd task page's task: Mechanical Turk's parameters as the page got them, whether this worker answered it
 * already, where the answer goes, and the task itself.
 *
 * @param workerId  null in a preview
 * @param submitUrl Mechanical Turk's external-submit endpoint
 */
public record CrowdTask(
        String assignmentId,
        String hitId,
        String workerId,
        boolean preview,
        boolean answered,
        String submitUrl,
        TaskContent content) {}
