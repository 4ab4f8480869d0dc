package dev.verity.bench;

import dev.verity.json.Json;
import java.util.List;

/**
 * The scale benchmark's job: {@code objects} short texts inline in the manifest (no data objects to upload, so staging
 * a million objects is one manifest), built-in text classification, one worker per object and the largest window
 * Ground Truth allows; human work only, so every answer goes through the worker API.
 */
final class ScaleJob {

    /** Ground Truth's largest {@code MaxConcurrentTaskCount}. */
    static final int WINDOW = 5_000;

    static final ClassificationRequest REQUEST = new ClassificationRequest(
            "TextMultiClass",
            "crowd-classifier",
            "sentiment",
            List.of("positive", "negative", "neutral"),
            "What is the review's sentiment?",
            3_600,
            864_000,
            "scale-output/");

    private final LoadTarget target;

    ScaleJob(LoadTarget target) {
        this.target = target;
    }

    /** Uploads the manifest, the categories and the request; the job then starts in the runtime. */
    void stage(String name, int objects) {
        StringBuilder manifest = new StringBuilder(objects * 32);
        for (int i = 0; i < objects; i++) {
            manifest.append(Json.write(Json.object().put("source", "review number " + i)))
                    .append('\n');
        }
        REQUEST.stage(target, name, "scale/" + name + "/", manifest.toString(), 1, WINDOW);
    }
}
