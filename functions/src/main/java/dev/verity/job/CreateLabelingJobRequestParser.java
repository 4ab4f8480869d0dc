package dev.verity.job;

import static dev.verity.job.CreateLabelingJobRequest.DEFAULT_MAX_CONCURRENT_TASK_COUNT;
import static dev.verity.job.CreateLabelingJobRequest.DEFAULT_TASK_AVAILABILITY_LIFETIME_SECONDS;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.consolidation.ConsolidationMethod;
import dev.verity.job.CreateLabelingJobRequest.AnnotationConsolidationConfig;
import dev.verity.job.CreateLabelingJobRequest.DataSource;
import dev.verity.job.CreateLabelingJobRequest.GoldStandard;
import dev.verity.job.CreateLabelingJobRequest.HumanTaskConfig;
import dev.verity.job.CreateLabelingJobRequest.InputConfig;
import dev.verity.job.CreateLabelingJobRequest.LabelingJobAlgorithmsConfig;
import dev.verity.job.CreateLabelingJobRequest.OutputConfig;
import dev.verity.job.CreateLabelingJobRequest.S3DataSource;
import dev.verity.job.CreateLabelingJobRequest.SnsDataSource;
import dev.verity.job.CreateLabelingJobRequest.StoppingConditions;
import dev.verity.job.CreateLabelingJobRequest.Tag;
import dev.verity.job.CreateLabelingJobRequest.UiConfig;
import dev.verity.manifest.S3Uri;
import dev.verity.queue.TaskQueue;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads a {@code CreateLabelingJob} request with Ground Truth's constraints, collecting every violation. */
final class CreateLabelingJobRequestParser {

    private static final Pattern JOB_NAME = Pattern.compile("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}");
    private static final Pattern LABEL_ATTRIBUTE_NAME = Pattern.compile("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,126}");
    private static final Set<String> RESERVED_ATTRIBUTE_NAMES = Set.of("source", "source-ref");
    private static final Pattern ROLE_ARN =
            Pattern.compile("arn:aws[a-z\\-]*:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+");
    private static final Pattern WORKTEAM_ARN =
            Pattern.compile("arn:aws[a-z\\-]*:sagemaker:[a-z0-9\\-]*:[0-9]{12}:workteam/.*");
    private static final Pattern HUMAN_TASK_UI_ARN =
            Pattern.compile("arn:aws[a-z\\-]*:sagemaker:[a-z0-9\\-]*:[0-9]{12}:human-task-ui/.*");
    private static final Pattern SNS_TOPIC_ARN =
            Pattern.compile("arn:aws[a-z\\-]*:sns:[a-z0-9\\-]*:[0-9]{12}:[a-zA-Z0-9_.-]+");
    private static final Pattern MODEL_ARN =
            Pattern.compile("arn:aws[a-z\\-]*:sagemaker:[a-z0-9\\-]*:[0-9]{12}:model/.*");
    private static final Pattern VPC_ID = Pattern.compile("[-0-9a-zA-Z]+");
    private static final Pattern TASK_KEYWORD = Pattern.compile("[A-Za-z0-9]+( [A-Za-z0-9]+)*");
    private static final Pattern TAG_TEXT = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");
    private static final List<String> CONTENT_CLASSIFIERS =
            List.of("FreeOfPersonallyIdentifiableInformation", "FreeOfAdultContent");
    private static final int MAX_S3_URI_LENGTH = 1024;

    private CreateLabelingJobRequestParser() {}

    static CreateLabelingJobRequest parse(JsonNode json) {
        Violations violations = new Violations();
        if (CreateLabelingJobRequest.isApiGatewayEvent(json)) {
            // One line instead of every missing and unknown field of a document of another kind.
            violations.add(
                    "",
                    "this is an API Gateway event (the HTTP API's Lambda event), not a CreateLabelingJob request: "
                            + "send the request its \"body\" holds");
            violations.throwIfAny();
        }
        FieldReader request = FieldReader.root(json, "a CreateLabelingJob request", violations);

        String jobName = request.requiredString("LabelingJobName");
        if (request.length("LabelingJobName", jobName, 1, 63)) {
            request.matches("LabelingJobName", jobName, JOB_NAME, "letters, digits and inner hyphens");
        }
        String labelAttributeName = labelAttributeName(request);
        InputConfig inputConfig = inputConfig(request.requiredObject("InputConfig"));
        OutputConfig outputConfig = outputConfig(request.requiredObject("OutputConfig"));
        String roleArn = request.requiredString("RoleArn");
        if (request.length("RoleArn", roleArn, 20, 2048)) {
            request.matches("RoleArn", roleArn, ROLE_ARN, "an IAM role ARN");
        }
        String labelCategoryConfigS3Uri = request.optionalString("LabelCategoryConfigS3Uri");
        s3Uri(request, "LabelCategoryConfigS3Uri", labelCategoryConfigS3Uri, false);
        StoppingConditions stoppingConditions = request.optionalObject("StoppingConditions")
                .map(CreateLabelingJobRequestParser::stoppingConditions)
                .orElse(null);
        HumanTaskConfig humanTaskConfig = humanTaskConfig(request.requiredObject("HumanTaskConfig"));
        String taskType = BuiltInLambdaArns.taskTypeName(
                        humanTaskConfig.preHumanTaskLambdaArn(),
                        humanTaskConfig.annotationConsolidationConfig() == null
                                ? null
                                : humanTaskConfig
                                        .annotationConsolidationConfig()
                                        .annotationConsolidationLambdaArn())
                .orElse(null);
        if (PublicCrowd.isPublicCrowd(humanTaskConfig.workteamArn())) {
            publicCrowd(request, json, humanTaskConfig, taskType);
        }
        LabelingJobAlgorithmsConfig algorithms = request.optionalObject("LabelingJobAlgorithmsConfig")
                .map(config -> algorithmsConfig(config, taskType))
                .orElse(null);
        if (algorithms != null
                && json.at("/InputConfig/DataSource/SnsDataSource").isObject()) {
            request.add(
                    "LabelingJobAlgorithmsConfig",
                    "is not allowed with a streaming job "
                            + "(InputConfig.DataSource.SnsDataSource), as with Ground Truth");
        }
        JsonNode dataObjectSelection = request.raw("DataObjectSelection");
        GoldStandard goldStandard = request.optionalObject("GoldStandard")
                .map(gold -> goldStandard(gold, labelAttributeName))
                .orElse(null);
        ConsolidationMethod consolidationMethod = consolidationMethod(request);
        List<Tag> tags = request.optionalObjects("Tags")
                .map(tagReaders -> tags(request, tagReaders))
                .orElse(List.of());
        request.rejectUnknownFields();

        violations.throwIfAny();
        return new CreateLabelingJobRequest(
                jobName,
                labelAttributeName,
                inputConfig,
                outputConfig,
                roleArn,
                labelCategoryConfigS3Uri,
                stoppingConditions,
                algorithms,
                humanTaskConfig,
                dataObjectSelection == null ? null : dataObjectSelection.deepCopy(),
                goldStandard,
                consolidationMethod,
                tags);
    }

    /** Verity's {@code "ConsolidationMethod"}: one of the methods' request names, or null when absent. */
    private static ConsolidationMethod consolidationMethod(FieldReader request) {
        String name = request.optionalString("ConsolidationMethod");
        if (name == null) {
            return null;
        }
        Optional<ConsolidationMethod> method = ConsolidationMethod.fromRequestName(name);
        if (method.isEmpty()) {
            request.add(
                    "ConsolidationMethod",
                    "must be one of "
                            + Arrays.stream(ConsolidationMethod.values())
                                    .map(ConsolidationMethod::requestName)
                                    .toList()
                            + ", got \"" + name + "\"");
        }
        return method.orElse(null);
    }

    private static GoldStandard goldStandard(FieldReader gold, String labelAttributeName) {
        String attribute = gold.requiredString("AttributeName");
        if (gold.length("AttributeName", attribute, 1, 127)
                && gold.matches(
                        "AttributeName", attribute, LABEL_ATTRIBUTE_NAME, "letters, digits and inner hyphens")) {
            if (attribute.equals(labelAttributeName) || RESERVED_ATTRIBUTE_NAMES.contains(attribute)) {
                gold.add(
                        "AttributeName",
                        "\"" + attribute + "\" cannot hold gold labels: it is the job's label "
                                + "attribute or the data object");
            }
        }
        gold.rejectUnknownFields();
        return new GoldStandard(attribute);
    }

    /** Rules common to every task type; whether it must or must not end in "-ref" is the task type's to say. */
    private static String labelAttributeName(FieldReader request) {
        String name = request.requiredString("LabelAttributeName");
        if (request.length("LabelAttributeName", name, 1, 127)
                && request.matches(
                        "LabelAttributeName", name, LABEL_ATTRIBUTE_NAME, "letters, digits and inner hyphens")) {
            if (name.endsWith("-metadata")) {
                request.add("LabelAttributeName", "must not end in \"-metadata\", got \"" + name + "\"");
            }
            if (RESERVED_ATTRIBUTE_NAMES.contains(name)) {
                request.add("LabelAttributeName", "\"" + name + "\" is reserved for the data object");
            }
        }
        return name;
    }

    private static InputConfig inputConfig(FieldReader input) {
        FieldReader dataSource = input.requiredObject("DataSource");
        SnsDataSource sns = dataSource
                .optionalObject("SnsDataSource")
                .map(CreateLabelingJobRequestParser::snsDataSource)
                .orElse(null);
        // A streaming job may start with a manifest of initial objects; any other job needs one.
        S3DataSource s3 = sns != null
                ? dataSource
                        .optionalObject("S3DataSource")
                        .map(CreateLabelingJobRequestParser::s3DataSource)
                        .orElse(null)
                : s3DataSource(dataSource.requiredObject("S3DataSource"));
        dataSource.rejectUnknownFields();

        JsonNode dataAttributes = input.raw("DataAttributes");
        input.optionalObject("DataAttributes").ifPresent(CreateLabelingJobRequestParser::dataAttributes);
        input.rejectUnknownFields();
        return new InputConfig(new DataSource(s3, sns), dataAttributes == null ? null : dataAttributes.deepCopy());
    }

    private static S3DataSource s3DataSource(FieldReader s3) {
        String manifestS3Uri = s3.requiredString("ManifestS3Uri");
        s3Uri(s3, "ManifestS3Uri", manifestS3Uri, false);
        s3.rejectUnknownFields();
        return new S3DataSource(manifestS3Uri);
    }

    private static SnsDataSource snsDataSource(FieldReader sns) {
        String topicArn = sns.requiredString("SnsTopicArn");
        if (sns.length("SnsTopicArn", topicArn, 1, 2048)) {
            sns.matches("SnsTopicArn", topicArn, SNS_TOPIC_ARN, "an SNS topic ARN");
        }
        sns.rejectUnknownFields();
        return new SnsDataSource(topicArn);
    }

    private static void dataAttributes(FieldReader attributes) {
        List<String> classifiers =
                attributes.optionalStrings("ContentClassifiers").orElse(List.of());
        for (int i = 0; i < classifiers.size(); i++) {
            String classifier = classifiers.get(i);
            if (classifier != null && !CONTENT_CLASSIFIERS.contains(classifier)) {
                attributes.add(
                        "ContentClassifiers[" + i + "]",
                        "must be one of " + CONTENT_CLASSIFIERS + ", got \"" + classifier + "\"");
            }
        }
        attributes.rejectUnknownFields();
    }

    private static OutputConfig outputConfig(FieldReader output) {
        String s3OutputPath = output.requiredString("S3OutputPath");
        s3Uri(output, "S3OutputPath", s3OutputPath, true);
        String kmsKeyId = output.optionalString("KmsKeyId");
        output.length("KmsKeyId", kmsKeyId, 0, 2048);
        String snsTopicArn = output.optionalString("SnsTopicArn");
        if (output.length("SnsTopicArn", snsTopicArn, 0, 2048)) {
            output.matches("SnsTopicArn", snsTopicArn, SNS_TOPIC_ARN, "an SNS topic ARN");
        }
        output.rejectUnknownFields();
        return new OutputConfig(s3OutputPath, kmsKeyId, snsTopicArn);
    }

    private static StoppingConditions stoppingConditions(FieldReader stopping) {
        Integer maxCount = stopping.optionalInt("MaxHumanLabeledObjectCount");
        stopping.range("MaxHumanLabeledObjectCount", maxCount, 1, Integer.MAX_VALUE);
        Integer maxPercentage = stopping.optionalInt("MaxPercentageOfInputDatasetLabeled");
        stopping.range("MaxPercentageOfInputDatasetLabeled", maxPercentage, 1, 100);
        stopping.rejectUnknownFields();
        return new StoppingConditions(maxCount, maxPercentage);
    }

    /** Automated labeling's request fields; {@code taskType} (null if the request names none) must fit the algorithm. */
    private static LabelingJobAlgorithmsConfig algorithmsConfig(FieldReader config, String taskType) {
        String field = "LabelingJobAlgorithmSpecificationArn";
        String arn = config.requiredString(field);
        if (config.length(field, arn, 1, 2048)) {
            LabelingAlgorithms.algorithmOf(arn)
                    .ifPresentOrElse(
                            algorithm -> LabelingAlgorithms.problem(algorithm, taskType)
                                    .ifPresent(problem -> config.add(field, problem)),
                            () -> config.add(
                                    field,
                                    "must be a labeling job algorithm specification ARN (" + LabelingAlgorithms.SHAPE
                                            + "), got \"" + arn + "\""));
        }
        String model = config.optionalString("InitialActiveLearningModelArn");
        if (config.length("InitialActiveLearningModelArn", model, 20, 2048)) {
            config.matches(
                    "InitialActiveLearningModelArn",
                    model,
                    MODEL_ARN,
                    "a model ARN (a job's LabelingJobOutput.FinalActiveLearningModelArn)");
        }
        JsonNode resources = config.raw("LabelingJobResourceConfig");
        config.optionalObject("LabelingJobResourceConfig").ifPresent(CreateLabelingJobRequestParser::resourceConfig);
        config.rejectUnknownFields();
        return new LabelingJobAlgorithmsConfig(arn, model, resources == null ? null : resources.deepCopy());
    }

    /** Ground Truth's training volume key and VPC: checked for shape, then left unused (no training instances here). */
    private static void resourceConfig(FieldReader resources) {
        resources.length("VolumeKmsKeyId", resources.optionalString("VolumeKmsKeyId"), 0, 2048);
        resources.optionalObject("VpcConfig").ifPresent(vpc -> {
            vpcIds(vpc, "SecurityGroupIds", 5);
            vpcIds(vpc, "Subnets", 16);
            vpc.rejectUnknownFields();
        });
        resources.rejectUnknownFields();
    }

    private static void vpcIds(FieldReader vpc, String field, int max) {
        if (vpc.raw(field) == null) {
            vpc.add(field, "is required");
            return;
        }
        List<String> ids = vpc.optionalStrings(field).orElse(List.of()); // not an array: recorded already
        if (vpc.raw(field).isArray() && (ids.isEmpty() || ids.size() > max)) {
            vpc.add(field, "must have between 1 and " + max + " items, got " + ids.size());
        }
        for (int i = 0; i < ids.size(); i++) {
            if (vpc.length(field + "[" + i + "]", ids.get(i), 1, 32)) {
                vpc.matches(field + "[" + i + "]", ids.get(i), VPC_ID, "letters, digits and hyphens");
            }
        }
    }

    private static HumanTaskConfig humanTaskConfig(FieldReader task) {
        String workteamArn = task.requiredString("WorkteamArn");
        if (task.length("WorkteamArn", workteamArn, 1, 256)) {
            task.matches("WorkteamArn", workteamArn, WORKTEAM_ARN, "a SageMaker work team ARN");
        }
        UiConfig uiConfig = uiConfig(task.requiredObject("UiConfig"));
        String preHumanTaskLambdaArn = task.optionalString("PreHumanTaskLambdaArn");
        List<String> taskKeywords = taskKeywords(task);
        String taskTitle = task.requiredString("TaskTitle");
        task.length("TaskTitle", taskTitle, 1, 128);
        String taskDescription = task.requiredString("TaskDescription");
        task.length("TaskDescription", taskDescription, 1, 255);
        Integer workers = task.requiredInt("NumberOfHumanWorkersPerDataObject");
        task.range("NumberOfHumanWorkersPerDataObject", workers, 1, 9);
        Integer timeLimit = task.requiredInt("TaskTimeLimitInSeconds");
        task.range("TaskTimeLimitInSeconds", timeLimit, 30, 28_800);
        Integer lifetime = task.optionalInt("TaskAvailabilityLifetimeInSeconds");
        task.range("TaskAvailabilityLifetimeInSeconds", lifetime, 60, 2_592_000);
        if (lifetime != null && lifetime > TaskQueue.MAX_RETENTION_SECONDS && lifetime <= 2_592_000) {
            task.add(
                    "TaskAvailabilityLifetimeInSeconds",
                    "is at most " + TaskQueue.MAX_RETENTION_SECONDS + " (14 days) in Verity, got " + lifetime
                            + ": its task queue (SQS) keeps a task no longer");
        }
        Integer maxConcurrent = task.optionalInt("MaxConcurrentTaskCount");
        task.range("MaxConcurrentTaskCount", maxConcurrent, 1, 5000);
        AnnotationConsolidationConfig consolidation = task.optionalObject("AnnotationConsolidationConfig")
                .map(CreateLabelingJobRequestParser::annotationConsolidationConfig)
                .orElse(null);
        JsonNode price = task.raw("PublicWorkforceTaskPrice");
        task.optionalObject("PublicWorkforceTaskPrice").ifPresent(CreateLabelingJobRequestParser::taskPrice);
        taskType(
                task,
                preHumanTaskLambdaArn,
                consolidation == null ? null : consolidation.annotationConsolidationLambdaArn());
        task.rejectUnknownFields();

        return new HumanTaskConfig(
                workteamArn,
                uiConfig,
                preHumanTaskLambdaArn,
                taskKeywords,
                taskTitle,
                taskDescription,
                recorded(workers),
                recorded(timeLimit),
                Objects.requireNonNullElse(
                        lifetime,
                        PublicCrowd.isPublicCrowd(workteamArn)
                                ? PublicCrowd.DEFAULT_TASK_AVAILABILITY_LIFETIME_SECONDS
                                : DEFAULT_TASK_AVAILABILITY_LIFETIME_SECONDS),
                Objects.requireNonNullElse(maxConcurrent, DEFAULT_MAX_CONCURRENT_TASK_COUNT),
                consolidation,
                price == null ? null : price.deepCopy());
    }

    private static UiConfig uiConfig(FieldReader ui) {
        String templateUri = ui.optionalString("UiTemplateS3Uri");
        s3Uri(ui, "UiTemplateS3Uri", templateUri, false);
        String humanTaskUiArn = ui.optionalString("HumanTaskUiArn");
        if (ui.length("HumanTaskUiArn", humanTaskUiArn, 1, 1024)) {
            ui.matches("HumanTaskUiArn", humanTaskUiArn, HUMAN_TASK_UI_ARN, "a SageMaker human task UI ARN");
        }
        boolean hasTemplate = ui.raw("UiTemplateS3Uri") != null;
        boolean hasUiArn = ui.raw("HumanTaskUiArn") != null;
        if (hasTemplate == hasUiArn && ui.isPresent()) {
            ui.add(
                    "",
                    "must set exactly one of UiTemplateS3Uri and HumanTaskUiArn, "
                            + (hasTemplate ? "not both" : "got neither"));
        }
        ui.rejectUnknownFields();
        return new UiConfig(templateUri, humanTaskUiArn);
    }

    private static List<String> taskKeywords(FieldReader task) {
        Optional<List<String>> keywords = task.optionalStrings("TaskKeywords");
        keywords.ifPresent(list -> {
            if (list.isEmpty() || list.size() > 5) {
                task.add("TaskKeywords", "must have between 1 and 5 items, got " + list.size());
            }
            for (int i = 0; i < list.size(); i++) {
                String field = "TaskKeywords[" + i + "]";
                if (task.length(field, list.get(i), 1, 30)) {
                    task.matches(
                            field, list.get(i), TASK_KEYWORD, "words of letters and digits separated by single spaces");
                }
            }
        });
        // Elements that were not strings are null and already recorded; the request will be refused.
        return keywords.map(list -> list.stream().filter(Objects::nonNull).toList())
                .orElse(List.of());
    }

    private static AnnotationConsolidationConfig annotationConsolidationConfig(FieldReader consolidation) {
        String arn = consolidation.requiredString("AnnotationConsolidationLambdaArn");
        consolidation.rejectUnknownFields();
        return new AnnotationConsolidationConfig(arn);
    }

    /**
     * Ground Truth's rules for the public crowd (Mechanical Turk): a price per task, one of those it lists for the task
     * type; data declared free of personally identifiable information; tasks that wait at most 12 hours. Verity pays
     * through Mechanical Turk's own Reward, which is whole cents, so a price with a fraction of a cent is refused.
     */
    private static void publicCrowd(FieldReader request, JsonNode json, HumanTaskConfig human, String taskType) {
        String priceField = "HumanTaskConfig.PublicWorkforceTaskPrice";
        JsonNode price = human.publicWorkforceTaskPrice();
        if (price == null || !price.path("AmountInUsd").isObject()) {
            request.add(
                    priceField + ".AmountInUsd",
                    "is required for the public crowd (Mechanical Turk): the amount paid for each task");
        } else {
            int mills = PublicCrowd.mills(price);
            List<Integer> allowed = PublicCrowd.allowedPrices(taskType);
            if (!allowed.contains(mills)) {
                request.add(
                        priceField + ".AmountInUsd",
                        "must be one of the prices Ground Truth allows for "
                                + (taskType == null ? "this task type" : taskType) + " tasks ("
                                + String.join(
                                        ", ",
                                        allowed.stream()
                                                .map(PublicCrowd::dollars)
                                                .toList())
                                + " USD), got " + PublicCrowd.dollars(mills));
            } else if (mills % 10 != 0) {
                request.add(
                        priceField + ".AmountInUsd",
                        "must be whole cents in Verity, got " + PublicCrowd.dollars(mills) + ": Mechanical Turk's"
                                + " Reward is dollars and cents, so use one of "
                                + String.join(
                                        ", ",
                                        allowed.stream()
                                                .filter(m -> m % 10 == 0)
                                                .map(PublicCrowd::dollars)
                                                .toList()));
            }
        }
        JsonNode classifiers = json.at("/InputConfig/DataAttributes/ContentClassifiers");
        boolean declared = false;
        for (JsonNode classifier : classifiers) {
            declared |= PublicCrowd.REQUIRED_CLASSIFIER.equals(classifier.asText());
        }
        if (!declared) {
            request.add(
                    "InputConfig.DataAttributes.ContentClassifiers",
                    "must contain \"" + PublicCrowd.REQUIRED_CLASSIFIER + "\" for the public crowd: Mechanical Turk"
                            + " workers may only see data free of personally identifiable information");
        }
        int lifetime = human.taskAvailabilityLifetimeInSeconds();
        if (lifetime > PublicCrowd.MAX_TASK_AVAILABILITY_LIFETIME_SECONDS) {
            request.add(
                    "HumanTaskConfig.TaskAvailabilityLifetimeInSeconds",
                    "is at most " + PublicCrowd.MAX_TASK_AVAILABILITY_LIFETIME_SECONDS
                            + " (12 hours) for the public crowd (Mechanical Turk), got " + lifetime);
        }
    }

    private static void taskPrice(FieldReader price) {
        price.optionalObject("AmountInUsd").ifPresent(amount -> {
            amount.range("Dollars", amount.optionalInt("Dollars"), 0, 2);
            amount.range("Cents", amount.optionalInt("Cents"), 0, 99);
            amount.range("TenthFractionsOfACent", amount.optionalInt("TenthFractionsOfACent"), 0, 9);
            amount.rejectUnknownFields();
        });
        price.rejectUnknownFields();
    }

    /**
     * The Lambda ARNs name the task type ({@link BuiltInLambdaArns}): both must be function ARNs; a custom job (the
     * requester's own pre-annotation Lambda) may have the requester's consolidation Lambda or none, and a built-in
     * type's consolidation Lambda, if given, must be the built-in one of the same type.
     */
    private static void taskType(FieldReader task, String preArn, String acsArn) {
        String preField = "PreHumanTaskLambdaArn";
        String acsField = "AnnotationConsolidationConfig.AnnotationConsolidationLambdaArn";
        boolean preValid = functionArn(task, preField, preArn);
        boolean acsValid = functionArn(task, acsField, acsArn);
        if (preArn == null && acsArn == null) {
            if (task.isPresent()) {
                task.add(
                        preField,
                        "is required to name the task type (a built-in "
                                + BuiltInLambdaArns.shape(BuiltInLambdaArns.PRE)
                                + " or your own function for a custom task "
                                + "type), unless " + acsField + " names a built-in one");
            }
            return;
        }
        if (!preValid || !acsValid) {
            return;
        }
        boolean preBuiltIn = BuiltInLambdaArns.isBuiltIn(preArn, BuiltInLambdaArns.PRE);
        boolean acsBuiltIn = BuiltInLambdaArns.isBuiltIn(acsArn, BuiltInLambdaArns.ACS);
        if (preArn == null && !acsBuiltIn) {
            task.add(
                    preField,
                    "is required for a custom task type (its pre-annotation Lambda); " + acsField
                            + " alone names a task type only when it is a built-in "
                            + BuiltInLambdaArns.shape(BuiltInLambdaArns.ACS));
        } else if (preArn != null && acsArn != null && preBuiltIn != acsBuiltIn) {
            task.add(
                    acsField,
                    preBuiltIn
                            ? "must be the built-in " + BuiltInLambdaArns.shape(BuiltInLambdaArns.ACS)
                                    + " of the task type " + "PreHumanTaskLambdaArn names, got \"" + acsArn + "\""
                            : "must be your own function (or left out) for a custom task type, not the built-in \""
                                    + acsArn + "\"");
        } else if (preBuiltIn && acsBuiltIn) {
            String preType =
                    BuiltInLambdaArns.taskTypeOf(preArn, BuiltInLambdaArns.PRE).orElseThrow();
            String acsType =
                    BuiltInLambdaArns.taskTypeOf(acsArn, BuiltInLambdaArns.ACS).orElseThrow();
            if (!preType.equals(acsType)) {
                task.add(
                        acsField,
                        "names task type \"" + acsType + "\" but PreHumanTaskLambdaArn names \"" + preType
                                + "\"; both must name the same task type");
            }
        }
    }

    /** True if the ARN is absent or a syntactically valid Lambda function ARN; false (recorded) otherwise. */
    private static boolean functionArn(FieldReader task, String field, String arn) {
        return arn == null
                || (task.length(field, arn, 1, 2048)
                        && task.matches(
                                field,
                                arn,
                                BuiltInLambdaArns.ANY_FUNCTION,
                                "a Lambda function ARN " + "(arn:aws:lambda:<region>:<account>:function:<name>)"));
    }

    private static List<Tag> tags(FieldReader request, List<FieldReader> tagReaders) {
        if (tagReaders.size() > 50) {
            request.add("Tags", "must have at most 50 items, got " + tagReaders.size());
        }
        return tagReaders.stream()
                .map(tag -> {
                    String key = tag.requiredString("Key");
                    if (tag.length("Key", key, 1, 128)) {
                        tag.matches("Key", key, TAG_TEXT, "letters, digits, spaces and _.:/=+-@");
                    }
                    String value = tag.requiredString("Value");
                    if (tag.length("Value", value, 0, 256)) {
                        tag.matches("Value", value, TAG_TEXT, "letters, digits, spaces and _.:/=+-@");
                    }
                    tag.rejectUnknownFields();
                    return new Tag(key, value);
                })
                .toList();
    }

    /** Checks an s3:// URI of at most 1024 characters; a prefix may stop at the bucket when {@code prefix}. */
    private static void s3Uri(FieldReader reader, String field, String uri, boolean prefix) {
        if (reader.length(field, uri, 1, MAX_S3_URI_LENGTH)) {
            try {
                S3Uri.parse(uri, prefix);
            } catch (IllegalArgumentException e) {
                reader.add(field, e.getMessage());
            }
        }
    }

    /** A missing required number is already recorded as a violation; 0 only stands in until parse() throws. */
    private static int recorded(Integer value) {
        return value == null ? 0 : value;
    }
}
