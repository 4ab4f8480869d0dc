package dev.verity.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
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

    static final List<String> LABELS = List.of("circle", "square", "triangle");
    static final String ELEMENT = "crowd-image-classifier";
    static final String OUTPUT_PREFIX = "load-output/";
    private static final String BUILT_IN_LAMBDAS = "arn:aws:lambda:us-east-1:432418664414:function:";
    /** Long enough that no task times out during the run: a timed-out task would be handed out again. */
    private static final int TASK_TIME_LIMIT_SECONDS = 600;

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
        put(prefix + "dataset.manifest", manifest.toString());
        ObjectNode categories = Json.object().put("document-version", "2018-11-28");
        LABELS.forEach(l -> categories.withArray("labels").addObject().put("label", l));
        put(prefix + "categories.json", Json.write(categories));
        String input = "s3://" + target.bucket() + "/" + prefix;
        put("jobs/" + settings.name() + ".json", Json.write(request(settings, input)));
    }

    /** CreateLabelingJob for Ground Truth's built-in single-label image classification. */
    private ObjectNode request(Settings settings, String input) {
        ObjectNode request = Json.object();
        request.put("LabelingJobName", settings.name());
        request.put("LabelAttributeName", "shape");
        request.putObject("InputConfig")
                .putObject("DataSource")
                .putObject("S3DataSource")
                .put("ManifestS3Uri", input + "dataset.manifest");
        request.putObject("OutputConfig").put("S3OutputPath", "s3://" + target.bucket() + "/" + OUTPUT_PREFIX);
        request.put("RoleArn", "arn:aws:iam::000000000000:role/verity-load");
        request.put("LabelCategoryConfigS3Uri", input + "categories.json");
        ObjectNode human = request.putObject("HumanTaskConfig");
        human.put(
                "WorkteamArn",
                "arn:aws:sagemaker:us-east-1:000000000000:workteam/private-crowd/Everyone-in-private-workforce");
        human.putObject("UiConfig").put("UiTemplateS3Uri", input + "template.html");
        human.put("PreHumanTaskLambdaArn", BUILT_IN_LAMBDAS + "PRE-ImageMultiClass");
        human.put("TaskTitle", "Which shape is it?");
        human.put("TaskDescription", "Choose the one category that fits best");
        human.put("NumberOfHumanWorkersPerDataObject", settings.workersPerObject());
        human.put("TaskTimeLimitInSeconds", TASK_TIME_LIMIT_SECONDS);
        human.put("TaskAvailabilityLifetimeInSeconds", 86_400);
        human.put("MaxConcurrentTaskCount", settings.window());
        human.putObject("AnnotationConsolidationConfig")
                .put("AnnotationConsolidationLambdaArn", BUILT_IN_LAMBDAS + "ACS-ImageMultiClass");
        return request;
    }

    /** A worker's answer to an object: a label that depends on the object only. */
    static ObjectNode answer(String objectId) {
        ObjectNode body = Json.object();
        body.putObject("answerContent")
                .putObject(ELEMENT)
                .put("label", LABELS.get(Math.floorMod(objectId.hashCode(), LABELS.size())));
        return body;
    }

    private static byte[] png() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }

    private void put(String key, String content) {
        target.s3().putObject(b -> b.bucket(target.bucket()).key(key), RequestBody.fromString(content));
    }
}
