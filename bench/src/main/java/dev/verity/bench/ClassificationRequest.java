package dev.verity.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.json.Json;
import java.util.List;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * What the load and scale benchmarks' jobs share: a built-in single-label classification (image or text) for the
 * private workforce, human work only, its CreateLabelingJob request, its categories file and a worker's answer.
 *
 * @param kind          Ground Truth's built-in Lambda suffix, {@code ImageMultiClass} or {@code TextMultiClass}
 * @param element       the crowd element the answer is keyed by
 * @param timeLimit     {@code TaskTimeLimitInSeconds}: long enough that no task times out during a run (a timed-out
 *                      task would be handed out again)
 * @param lifetime      {@code TaskAvailabilityLifetimeInSeconds}
 * @param outputPrefix  the key prefix of the jobs' {@code S3OutputPath}
 */
record ClassificationRequest(
        String kind,
        String element,
        String labelAttribute,
        List<String> labels,
        String title,
        int timeLimit,
        int lifetime,
        String outputPrefix) {

    private static final String BUILT_IN_LAMBDAS = "arn:aws:lambda:us-east-1:432418664414:function:";

    /**
     * Uploads the manifest and the categories under {@code prefix}, then the request to {@code jobs/<name>.json},
     * which starts the job in the runtime.
     */
    void stage(LoadTarget target, String name, String prefix, String manifest, int workersPerObject, int window) {
        put(target, prefix + "dataset.manifest", manifest);
        ObjectNode categories = Json.object().put("document-version", "2018-11-28");
        labels.forEach(l -> categories.withArray("labels").addObject().put("label", l));
        put(target, prefix + "categories.json", Json.write(categories));
        String input = "s3://" + target.bucket() + "/" + prefix;
        put(target, "jobs/" + name + ".json", Json.write(request(target, name, input, workersPerObject, window)));
    }

    private ObjectNode request(LoadTarget target, String name, String input, int workersPerObject, int window) {
        ObjectNode request = Json.object();
        request.put("LabelingJobName", name);
        request.put("LabelAttributeName", labelAttribute);
        request.putObject("InputConfig")
                .putObject("DataSource")
                .putObject("S3DataSource")
                .put("ManifestS3Uri", input + "dataset.manifest");
        request.putObject("OutputConfig").put("S3OutputPath", "s3://" + target.bucket() + "/" + outputPrefix);
        request.put("RoleArn", "arn:aws:iam::000000000000:role/verity-bench");
        request.put("LabelCategoryConfigS3Uri", input + "categories.json");
        ObjectNode human = request.putObject("HumanTaskConfig");
        human.put(
                "WorkteamArn",
                "arn:aws:sagemaker:us-east-1:000000000000:workteam/private-crowd/Everyone-in-private-workforce");
        human.putObject("UiConfig").put("UiTemplateS3Uri", input + "template.html");
        human.put("PreHumanTaskLambdaArn", BUILT_IN_LAMBDAS + "PRE-" + kind);
        human.put("TaskTitle", title);
        human.put("TaskDescription", "Choose the one category that fits best");
        human.put("NumberOfHumanWorkersPerDataObject", workersPerObject);
        human.put("TaskTimeLimitInSeconds", timeLimit);
        human.put("TaskAvailabilityLifetimeInSeconds", lifetime);
        human.put("MaxConcurrentTaskCount", window);
        human.putObject("AnnotationConsolidationConfig")
                .put("AnnotationConsolidationLambdaArn", BUILT_IN_LAMBDAS + "ACS-" + kind);
        return request;
    }

    /** A worker's answer to an object: a label that depends on the object only. */
    ObjectNode answer(String objectId) {
        ObjectNode body = Json.object();
        body.putObject("answerContent")
                .putObject(element)
                .put("label", labels.get(Math.floorMod(objectId.hashCode(), labels.size())));
        return body;
    }

    private static void put(LoadTarget target, String key, String content) {
        target.s3().putObject(b -> b.bucket(target.bucket()).key(key), RequestBody.fromString(content));
    }
}
