package dev.verity.labeling;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Where the public crowd's task pages are and whom they answer to.
 *
 * @param webUrl     the base URL of Verity's web UI (ending in {@code /}): a HIT's ExternalQuestion opens its
 *                   {@value #TASK_PAGE} page; null where none is configured
 * @param workerSite Mechanical Turk's worker site ({@code https://www.mturk.com}, or the sandbox's), the only
 *                   {@code turkSubmitTo} a task page posts answers to
 */
public record CrowdSettings(URI webUrl, URI workerSite) {

    /** The web UI's page for one public-crowd task, opened in Mechanical Turk's frame. */
    public static final String TASK_PAGE = "mturk.html";

    /** The task page of one object: Mechanical Turk adds assignmentId, hitId, turkSubmitTo and workerId to it. */
    URI taskPage(String jobName, String objectId) {
        if (webUrl == null) {
            throw new IllegalStateException("no web UI URL is configured (VERITY_WEB_URL): a public-crowd HIT needs"
                    + " one for its ExternalQuestion page");
        }
        return webUrl.resolve(TASK_PAGE + "?job=" + URLEncoder.encode(jobName, StandardCharsets.UTF_8) + "&object="
                + URLEncoder.encode(objectId, StandardCharsets.UTF_8));
    }

    /** Where the task page posts the worker's answer to Mechanical Turk. */
    String submitUrl() {
        return base(workerSite.toString()) + "/mturk/externalSubmit";
    }

    /** Whether a {@code turkSubmitTo} a page was given is this deployment's worker site. */
    boolean isWorkerSite(String turkSubmitTo) {
        return base(turkSubmitTo).equalsIgnoreCase(base(workerSite.toString()));
    }

    private static String base(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
