package dev.verity.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.consolidation.ConsolidationMethod;
import dev.verity.json.Json;
import java.util.List;

/**
 * SageMaker's {@code CreateLabelingJob} request in its JSON shape, validated with Ground Truth's constraints.
 * Build one with {@link #parse}; the canonical constructor does not validate.
 *
 * @param labelingJobAlgorithmsConfig automated data labeling, or null for a human-only job
 * @param dataObjectSelection a Verity extension choosing which manifest objects to label; validated elsewhere
 * @param goldStandard        a Verity extension naming the manifest attribute that holds known true labels, or null
 * @param consolidationMethod a Verity extension choosing how single-label answers are consolidated, or null (absent:
 *                            {@link #consolidation()} gives Verity's own method)
 * @param tags                never null; empty when the request has none
 */
public record CreateLabelingJobRequest(
        String labelingJobName,
        String labelAttributeName,
        InputConfig inputConfig,
        OutputConfig outputConfig,
        String roleArn,
        String labelCategoryConfigS3Uri,
        StoppingConditions stoppingConditions,
        LabelingJobAlgorithmsConfig labelingJobAlgorithmsConfig,
        HumanTaskConfig humanTaskConfig,
        JsonNode dataObjectSelection,
        GoldStandard goldStandard,
        ConsolidationMethod consolidationMethod,
        List<Tag> tags) {

    /**
     * How long a task of a private or vendor team waits for a worker when the request does not say: Ground Truth's
     * default there is its maximum (30 days); Verity's maximum, and so its default, is 14 days, as long as its task
     * queue (SQS) keeps a message ({@link dev.verity.queue.TaskQueue#MAX_RETENTION_SECONDS}). The public crowd's
     * default is Ground Truth's 6 hours ({@link PublicCrowd#DEFAULT_TASK_AVAILABILITY_LIFETIME_SECONDS}).
     */
    public static final int DEFAULT_TASK_AVAILABILITY_LIFETIME_SECONDS =
            dev.verity.queue.TaskQueue.MAX_RETENTION_SECONDS;

    public static final int DEFAULT_MAX_CONCURRENT_TASK_COUNT = 1000;

    public CreateLabelingJobRequest {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /**
     * Parses and validates a request, applying the defaults of optional numbers.
     *
     * @throws InvalidRequestException naming every violation found, unknown fields included
     */
    public static CreateLabelingJobRequest parse(JsonNode json) {
        return CreateLabelingJobRequestParser.parse(json);
    }

    /**
     * The task type: the one a built-in PRE- Lambda ARN names (e.g. {@code ImageMultiClass}); {@code Custom} when the
     * PreHumanTaskLambdaArn is the requester's own function; else the one a built-in ACS- ARN names.
     */
    public String taskTypeName() {
        return BuiltInLambdaArns.taskTypeName(
                        humanTaskConfig.preHumanTaskLambdaArn(),
                        humanTaskConfig.annotationConsolidationConfig() == null
                                ? null
                                : humanTaskConfig
                                        .annotationConsolidationConfig()
                                        .annotationConsolidationLambdaArn())
                .orElseThrow(() -> new IllegalStateException("the request names no task type Lambda"));
    }

    /**
     * Why Verity may not invoke the requester's own Lambdas this request names: each must be named with
     * {@code customLambdaPrefix} (set at deploy time) and not be one of Verity's functions. Built-in ARNs pass.
     * Not part of {@link #parse}: stored requests are parsed again later, when the prefix may have changed.
     */
    public List<Violation> customLambdaViolations(String customLambdaPrefix) {
        return CustomLambdaArns.check(this, customLambdaPrefix);
    }

    /**
     * Whether {@code json} is an HTTP API Lambda event (as events/api-create-job.json) rather than the request its
     * {@code body} holds: it has a request context and a body, and no request fields.
     */
    public static boolean isApiGatewayEvent(JsonNode json) {
        return json != null
                && json.isObject()
                && json.has("requestContext")
                && json.has("body")
                && !json.has("LabelingJobName");
    }

    /**
     * How the job consolidates single-label answers (classification, bounding-box verification): the request's
     * {@code ConsolidationMethod}, else Verity's own method.
     */
    public ConsolidationMethod consolidation() {
        return consolidationMethod == null ? ConsolidationMethod.VERITY : consolidationMethod;
    }

    /** The input manifest; null for a streaming job without an initial one. */
    public String manifestS3Uri() {
        S3DataSource s3 = inputConfig.dataSource().s3DataSource();
        return s3 == null ? null : s3.manifestS3Uri();
    }

    /** True for a streaming job: objects arrive as messages on {@link #inputTopicArn()} while it runs. */
    public boolean streaming() {
        return inputConfig.dataSource().snsDataSource() != null;
    }

    /** A streaming job's input topic, else null. */
    public String inputTopicArn() {
        SnsDataSource sns = inputConfig.dataSource().snsDataSource();
        return sns == null ? null : sns.snsTopicArn();
    }

    /** The request in its PascalCase JSON shape, absent fields omitted; {@link #parse} reads it back equal. */
    public ObjectNode toJson() {
        ObjectNode json = Json.object();
        json.put("LabelingJobName", labelingJobName);
        json.put("LabelAttributeName", labelAttributeName);
        json.set("InputConfig", inputConfig.toJson());
        json.set("OutputConfig", outputConfig.toJson());
        json.put("RoleArn", roleArn);
        putIfPresent(json, "LabelCategoryConfigS3Uri", labelCategoryConfigS3Uri);
        if (stoppingConditions != null) {
            json.set("StoppingConditions", stoppingConditions.toJson());
        }
        if (labelingJobAlgorithmsConfig != null) {
            json.set("LabelingJobAlgorithmsConfig", labelingJobAlgorithmsConfig.toJson());
        }
        json.set("HumanTaskConfig", humanTaskConfig.toJson());
        if (dataObjectSelection != null) {
            json.set("DataObjectSelection", dataObjectSelection.deepCopy());
        }
        if (goldStandard != null) {
            json.putObject("GoldStandard").put("AttributeName", goldStandard.attributeName());
        }
        if (consolidationMethod != null) {
            json.put("ConsolidationMethod", consolidationMethod.requestName());
        }
        if (!tags.isEmpty()) {
            tags.forEach(tag -> json.withArray("Tags").add(tag.toJson()));
        }
        return json;
    }

    /**
     * Gold questions (a Verity extension, {@code "GoldStandard": {"AttributeName": "..."}}): manifest lines with this
     * attribute carry their true label (a category name); workers' answers on them are scored and measure the workers.
     */
    public record GoldStandard(String attributeName) {}

    /** @param dataAttributes {@code {"ContentClassifiers":[...]}} as given, or null */
    public record InputConfig(DataSource dataSource, JsonNode dataAttributes) {
        ObjectNode toJson() {
            ObjectNode json = Json.object();
            json.set("DataSource", dataSource.toJson());
            if (dataAttributes != null) {
                json.set("DataAttributes", dataAttributes.deepCopy());
            }
            return json;
        }
    }

    /**
     * @param s3DataSource  the input manifest; for a streaming job optional (its initial objects), else required
     * @param snsDataSource a streaming job's input topic, else null
     */
    public record DataSource(S3DataSource s3DataSource, SnsDataSource snsDataSource) {
        ObjectNode toJson() {
            ObjectNode json = Json.object();
            if (s3DataSource != null) {
                json.set("S3DataSource", s3DataSource.toJson());
            }
            if (snsDataSource != null) {
                json.putObject("SnsDataSource").put("SnsTopicArn", snsDataSource.snsTopicArn());
            }
            return json;
        }
    }

    public record S3DataSource(String manifestS3Uri) {
        ObjectNode toJson() {
            return Json.object().put("ManifestS3Uri", manifestS3Uri);
        }
    }

    public record SnsDataSource(String snsTopicArn) {}

    public record OutputConfig(String s3OutputPath, String kmsKeyId, String snsTopicArn) {
        ObjectNode toJson() {
            ObjectNode json = Json.object().put("S3OutputPath", s3OutputPath);
            putIfPresent(json, "KmsKeyId", kmsKeyId);
            putIfPresent(json, "SnsTopicArn", snsTopicArn);
            return json;
        }
    }

    /** True if the job labels with a model as well as with humans (automated data labeling). */
    public boolean autoLabels() {
        return labelingJobAlgorithmsConfig != null;
    }

    /**
     * Automated data labeling. The algorithm is Ground Truth's ({@code image-classification},
     * {@code text-classification}) or Verity's ({@code verity-classification}); both run Verity's built-in models.
     *
     * @param labelingJobResourceConfig Ground Truth's training volume key and VPC, as given (accepted, not used: the
     *                                  models run inside Verity's own functions), or null
     */
    public record LabelingJobAlgorithmsConfig(
            String labelingJobAlgorithmSpecificationArn,
            String initialActiveLearningModelArn,
            JsonNode labelingJobResourceConfig) {
        ObjectNode toJson() {
            ObjectNode json =
                    Json.object().put("LabelingJobAlgorithmSpecificationArn", labelingJobAlgorithmSpecificationArn);
            putIfPresent(json, "InitialActiveLearningModelArn", initialActiveLearningModelArn);
            if (labelingJobResourceConfig != null) {
                json.set("LabelingJobResourceConfig", labelingJobResourceConfig.deepCopy());
            }
            return json;
        }
    }

    /** Either bound may be null (absent). */
    public record StoppingConditions(Integer maxHumanLabeledObjectCount, Integer maxPercentageOfInputDatasetLabeled) {
        ObjectNode toJson() {
            ObjectNode json = Json.object();
            if (maxHumanLabeledObjectCount != null) {
                json.put("MaxHumanLabeledObjectCount", maxHumanLabeledObjectCount);
            }
            if (maxPercentageOfInputDatasetLabeled != null) {
                json.put("MaxPercentageOfInputDatasetLabeled", maxPercentageOfInputDatasetLabeled);
            }
            return json;
        }
    }

    /**
     * @param taskKeywords             never null; empty when the request has none
     * @param publicWorkforceTaskPrice {@code {"AmountInUsd":{...}}} as given, or null
     */
    public record HumanTaskConfig(
            String workteamArn,
            UiConfig uiConfig,
            String preHumanTaskLambdaArn,
            List<String> taskKeywords,
            String taskTitle,
            String taskDescription,
            int numberOfHumanWorkersPerDataObject,
            int taskTimeLimitInSeconds,
            int taskAvailabilityLifetimeInSeconds,
            int maxConcurrentTaskCount,
            AnnotationConsolidationConfig annotationConsolidationConfig,
            JsonNode publicWorkforceTaskPrice) {

        public HumanTaskConfig {
            taskKeywords = taskKeywords == null ? List.of() : List.copyOf(taskKeywords);
        }

        ObjectNode toJson() {
            ObjectNode json = Json.object().put("WorkteamArn", workteamArn);
            json.set("UiConfig", uiConfig.toJson());
            putIfPresent(json, "PreHumanTaskLambdaArn", preHumanTaskLambdaArn);
            if (!taskKeywords.isEmpty()) {
                taskKeywords.forEach(json.withArray("TaskKeywords")::add);
            }
            json.put("TaskTitle", taskTitle);
            json.put("TaskDescription", taskDescription);
            json.put("NumberOfHumanWorkersPerDataObject", numberOfHumanWorkersPerDataObject);
            json.put("TaskTimeLimitInSeconds", taskTimeLimitInSeconds);
            json.put("TaskAvailabilityLifetimeInSeconds", taskAvailabilityLifetimeInSeconds);
            json.put("MaxConcurrentTaskCount", maxConcurrentTaskCount);
            if (annotationConsolidationConfig != null) {
                json.set("AnnotationConsolidationConfig", annotationConsolidationConfig.toJson());
            }
            if (publicWorkforceTaskPrice != null) {
                json.set("PublicWorkforceTaskPrice", publicWorkforceTaskPrice.deepCopy());
            }
            return json;
        }
    }

    /** Exactly one of the two is set. */
    public record UiConfig(String uiTemplateS3Uri, String humanTaskUiArn) {
        ObjectNode toJson() {
            ObjectNode json = Json.object();
            putIfPresent(json, "UiTemplateS3Uri", uiTemplateS3Uri);
            putIfPresent(json, "HumanTaskUiArn", humanTaskUiArn);
            return json;
        }
    }

    public record AnnotationConsolidationConfig(String annotationConsolidationLambdaArn) {
        ObjectNode toJson() {
            return Json.object().put("AnnotationConsolidationLambdaArn", annotationConsolidationLambdaArn);
        }
    }

    public record Tag(String key, String value) {
        ObjectNode toJson() {
            return Json.object().put("Key", key).put("Value", value);
        }
    }

    private static void putIfPresent(ObjectNode json, String name, String value) {
        if (value != null) {
            json.put(name, value);
        }
    }
}
