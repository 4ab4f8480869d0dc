package dev.verity.bench;

import dev.verity.json.Json;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The one image-classification job the load benchmark runs: {@code objects} small images, a manifest and the
 * categories uploaded to the runtime's S3, then the request to {@code jobs/<name>.json}, which starts the job (as
 * {@code verity demo} does). Human work only, so every answer goes through the worker API.
 */
final class LoadJob {

    static final String OUTPUT_PREFIX = "load-output/";
    static final ClassificationRequest REQUEST = new ClassificationRequest(
            "ImageMultiClass",
            "crowd-image-classifier",
            "shape",
            List.of("circle", "square", "triangle"),
            "Which shape is it?",
            600,
            86_400,
            OUTPUT_PREFIX);

    private static final int UPLOAD_THREADS = 4;

    /**
     * @param objects          data objects in the manifest
     * @param workersPerObject {@code NumberOfHumanWorkersPerDataObject}
     * @param window           {@code MaxConcurrentTaskCount}: objects open to workers at once
     */
    record Settings(String name, int objects, int workersPerObject, int window) {}

    private final LoadTarget target;

    LoadJob(LoadTarget target) {
        this.target = target;
    }

    /** Uploads the data and the request; the job then starts in the runtime. */
    void stage(Settings settings) throws Exception {
        String prefix = "load/" + settings.name() + "/";
        // One picture for every object: the workers never look at it, and the job checks only that it is there.
        byte[] png = png();
        StringBuilder manifest = new StringBuilder();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < settings.objects(); i++) {
            String key = prefix + "objects/object-" + i + ".png";
            keys.add(key);
            manifest.append(Json.write(Json.object().put("source-ref", "s3://" + target.bucket() + "/" + key)))
                    .append('\n');
        }
        ExecutorService pool = Executors.newFixedThreadPool(UPLOAD_THREADS);
        try {
            List<Future<?>> uploads = new ArrayList<>();
            for (String key : keys) {
                uploads.add(pool.submit(() -> target.s3()
                        .putObject(
                                b -> b.bucket(target.bucket()).key(key).contentType("image/png"),
                                RequestBody.fromBytes(png))));
            }
            for (Future<?> upload : uploads) {
                upload.get();
            }
        } finally {
            pool.shutdownNow();
        }
        REQUEST.stage(
                target, settings.name(), prefix, manifest.toString(), settings.workersPerObject(), settings.window());
    }

    private static byte[] png() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }
}
