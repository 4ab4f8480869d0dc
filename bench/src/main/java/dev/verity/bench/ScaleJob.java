package dev.verity.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.json.Json;
import java.util.List;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The scale benchmark's job: {@code objects} short texts inline in the manifest (no data objects to upload, so staging
 * a million objects is one manifest), built-in text classification, one worker per object and the largest window
 * Ground Truth allows; human work only, so every answer goes through the worker API.
 */
final class ScaleJob {

    static final List<String> LABELS = List.of("positive", "negative", "neutral");
    static final String ELEMENT = "crowd-classifier";
    /** Ground Truth's largest {@code MaxConcurrentTaskCount}. */
    static final int WINDOW = 5_000;

    private static final String BUILT_IN_LAMBDAS = "arn:aws:lambda:us-east-1:432418664414:function:";
    /** Long enough that no task times out during the run: a timed-out task would be handed out again. */
    private static final int TASK_TIME_LIMIT_SECONDS = 3_600;

    private final LoadTarget target;

    ScaleJob(LoadTarget target) {
        this.target = target;
    }

    /** Uploads the manifest, the categories and the request; the job then starts in the runtime. */
    void stage(String name, int objects) {
        String prefix = "scale/" + name + "/";
        StringBuilder manifest = new StringBuilder(objects * 32);
        for (int i = 0; i < objects; i++) {
            manifest.append(Json.write(Json.object().put("source", "review number " + i)))
                    .append('\n');
        }
        put(prefix + "dataset.manifest", manifest.toString());
        ObjectNode categories = Json.object().put("document-version", "2018-11-28");
        LABELS.forEach(l -> categories.withArray("labels").addObject().put("label", l));
        put(prefix + "categories.json", Json.write(categories));
        put("jobs/" + name + ".json", Json.write(request(name, "s3://" + target.bucket() + "/" + prefix)));
    }

    private ObjectNode request(String name, String input) {
        ObjectNode request = Json.object();
        request.put("LabelingJobName", name);
        request.put("LabelAttributeName", "sentiment");
        request.putObject("InputConfig")
                .putObject("DataSource")
                .putObject("S3DataSource")
                .put("ManifestS3Uri", input + "dataset.manifest");
        request.putObject("OutputConfig").put("S3OutputPath", "s3://" + target.bucket() + "/scale-output/");
        request.put("RoleArn", "arn:aws:iam::000000000000:role/verity-scale");
        request.put("LabelCategoryConfigS3Uri", input + "categories.json");
        ObjectNode human = request.putObject("HumanTaskConfig");
        human.put(
                "WorkteamArn",
                "arn:aws:sagemaker:us-east-1:000000000000:workteam/private-crowd/Everyone-in-private-workforce");
        human.putObject("UiConfig").put("UiTemplateS3Uri", input + "template.html");
        human.put("PreHumanTaskLambdaArn", BUILT_IN_LAMBDAS + "PRE-TextMultiClass");
        human.put("TaskTitle", "What is the review's sentiment?");
        human.put("TaskDescription", "Choose the one category that fits best");
        human.put("NumberOfHumanWorkersPerDataObject", 1);
        human.put("TaskTimeLimitInSeconds", TASK_TIME_LIMIT_SECONDS);
        human.put("TaskAvailabilityLifetimeInSeconds", 864_000);
        human.put("MaxConcurrentTaskCount", WINDOW);
        human.putObject("AnnotationConsolidationConfig")
                .put("AnnotationConsolidationLambdaArn", BUILT_IN_LAMBDAS + "ACS-TextMultiClass");
        return request;
    }

    /** A worker's answer: a label that depends on the object only. */
    static ObjectNode answer(String objectId) {
        ObjectNode body = Json.object();
        body.putObject("answerContent")
                .putObject(ELEMENT)
                .put("label", LABELS.get(Math.floorMod(objectId.hashCode(), LABELS.size())));
        return body;
    }

    private void put(String key, String content) {
        target.s3().putObject(b -> b.bucket(target.bucket()).key(key), RequestBody.fromString(content));
    }
}
