package dev.verity.job;

import static dev.verity.job.RequestFixtures.fullWith;
import static dev.verity.job.RequestFixtures.remove;
import static dev.verity.job.RequestFixtures.set;
import static dev.verity.job.RequestFixtures.setJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.json.Json;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each Ground Truth constraint: a value at its limit is accepted, one past it is refused with the field named. */
class CreateLabelingJobRequestConstraintsTest {

    private static final String HTC = "HumanTaskConfig.";
    private static final String S3 = "InputConfig.DataSource.S3DataSource.";
    private static final String PRICE = HTC + "PublicWorkforceTaskPrice.AmountInUsd.";
    private static final String ALG = "LabelingJobAlgorithmsConfig.";

    static Stream<Arguments> refused() {
        return Stream.of(
                refused(
                        set("LabelingJobName", ""),
                        "LabelingJobName",
                        "must be between 1 and 63 characters long, got 0"),
                refused(
                        set("LabelingJobName", "a".repeat(64)),
                        "LabelingJobName",
                        "between 1 and 63 characters long, got 64"),
                refused(set("LabelingJobName", "-job"), "LabelingJobName", "letters, digits and inner hyphens"),
                refused(set("LabelingJobName", "job-"), "LabelingJobName", "got \"job-\""),
                refused(
                        set("LabelingJobName", "my_job"),
                        "LabelingJobName",
                        "pattern [a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}"),
                refused(remove("LabelingJobName"), "LabelingJobName", "is required"),
                refused(
                        set("LabelAttributeName", ""),
                        "LabelAttributeName",
                        "between 1 and 127 characters long, got 0"),
                refused(set("LabelAttributeName", "a".repeat(128)), "LabelAttributeName", "got 128"),
                refused(set("LabelAttributeName", "my_label"), "LabelAttributeName", "pattern"),
                refused(
                        set("LabelAttributeName", "species-metadata"),
                        "LabelAttributeName",
                        "must not end in \"-metadata\""),
                refused(set("LabelAttributeName", "source"), "LabelAttributeName", "\"source\" is reserved"),
                refused(set("LabelAttributeName", "source-ref"), "LabelAttributeName", "\"source-ref\" is reserved"),
                refused(remove("LabelAttributeName"), "LabelAttributeName", "is required"),
                refused(remove("InputConfig"), "InputConfig", "is required"),
                refused(remove("InputConfig.DataSource"), "InputConfig.DataSource", "is required"),
                refused(remove(S3.substring(0, S3.length() - 1)), "InputConfig.DataSource.S3DataSource", "is required"),
                refused(remove(S3 + "ManifestS3Uri"), S3 + "ManifestS3Uri", "is required"),
                refused(
                        set(S3 + "ManifestS3Uri", "https://my-bucket/in.manifest"),
                        S3 + "ManifestS3Uri",
                        "is not an s3:// URI"),
                refused(set(S3 + "ManifestS3Uri", "s3://my-bucket/"), S3 + "ManifestS3Uri", "has no object key"),
                refused(
                        set(S3 + "ManifestS3Uri", uriOfLength(1025)),
                        S3 + "ManifestS3Uri",
                        "between 1 and 1024 characters long, got 1025"),
                refused(
                        setJson("InputConfig.DataSource.SnsDataSource", "{\"SnsTopicArn\":\"in\"}"),
                        "InputConfig.DataSource.SnsDataSource.SnsTopicArn",
                        "an SNS topic ARN"),
                refused(
                        setJson("InputConfig.DataSource.SnsDataSource", "{}"),
                        "InputConfig.DataSource.SnsDataSource.SnsTopicArn",
                        "is required"),
                refused(
                        setJson(
                                "InputConfig.DataAttributes.ContentClassifiers",
                                "[\"FreeOfAdultContent\",\"FreeOfViruses\"]"),
                        "InputConfig.DataAttributes.ContentClassifiers[1]",
                        "must be one of [FreeOfPersonallyIdentifiableInformation, FreeOfAdultContent], got \"FreeOfViruses\""),
                refused(remove("OutputConfig"), "OutputConfig", "is required"),
                refused(remove("OutputConfig.S3OutputPath"), "OutputConfig.S3OutputPath", "is required"),
                refused(
                        set("OutputConfig.S3OutputPath", "my-bucket/output"),
                        "OutputConfig.S3OutputPath",
                        "is not an s3:// URI"),
                refused(
                        set("OutputConfig.S3OutputPath", "s3://My_Bucket/output"),
                        "OutputConfig.S3OutputPath",
                        "invalid bucket name"),
                refused(set("OutputConfig.SnsTopicArn", "labels-out"), "OutputConfig.SnsTopicArn", "an SNS topic ARN"),
                refused(set("OutputConfig.KmsKeyId", "k".repeat(2049)), "OutputConfig.KmsKeyId", "between 0 and 2048"),
                refused(remove("RoleArn"), "RoleArn", "is required"),
                refused(set("RoleArn", "arn:aws:iam::1234:role/labeling"), "RoleArn", "an IAM role ARN"),
                refused(set("RoleArn", "arn:aws:iam::111122223333:user/bob"), "RoleArn", "an IAM role ARN"),
                refused(set("RoleArn", "arn:aws:iam::1:role"), "RoleArn", "between 20 and 2048 characters long"),
                refused(
                        set("LabelCategoryConfigS3Uri", "s3://my-bucket"),
                        "LabelCategoryConfigS3Uri",
                        "has no object key"),
                refused(
                        set("LabelCategoryConfigS3Uri", "/tmp/categories.json"),
                        "LabelCategoryConfigS3Uri",
                        "is not an s3:// URI"),
                refused(
                        set("StoppingConditions.MaxHumanLabeledObjectCount", 0),
                        "StoppingConditions.MaxHumanLabeledObjectCount",
                        "must be at least 1, got 0"),
                refused(
                        set("StoppingConditions.MaxPercentageOfInputDatasetLabeled", 0),
                        "StoppingConditions.MaxPercentageOfInputDatasetLabeled",
                        "must be between 1 and 100, got 0"),
                refused(
                        set("StoppingConditions.MaxPercentageOfInputDatasetLabeled", 101),
                        "StoppingConditions.MaxPercentageOfInputDatasetLabeled",
                        "must be between 1 and 100, got 101"),
                refused(
                        algorithm("text-classification"),
                        ALG + "LabelingJobAlgorithmSpecificationArn",
                        "the algorithm text-classification does not label task type ImageMultiClass; use image-classification"),
                refused(
                        algorithm("object-detection"),
                        ALG + "LabelingJobAlgorithmSpecificationArn",
                        "automated labeling of bounding boxes (object-detection) is not supported yet"),
                refused(
                        algorithm("semantic-segmentation"),
                        ALG + "LabelingJobAlgorithmSpecificationArn",
                        "automated labeling of semantic segmentation masks (semantic-segmentation) is not supported yet"),
                refused(
                        algorithm("video-classification"),
                        ALG + "LabelingJobAlgorithmSpecificationArn",
                        "names the unknown algorithm \"video-classification\""),
                refused(
                        setJson(
                                "LabelingJobAlgorithmsConfig",
                                "{\"LabelingJobAlgorithmSpecificationArn\":\"image-classification\"}"),
                        ALG + "LabelingJobAlgorithmSpecificationArn",
                        "must be a labeling job algorithm specification ARN"),
                refused(
                        setJson("LabelingJobAlgorithmsConfig", "{}"),
                        ALG + "LabelingJobAlgorithmSpecificationArn",
                        "is required"),
                refused(
                        both(algorithm("image-classification"), taskType("ImageMultiClassMultiLabel")),
                        ALG + "LabelingJobAlgorithmSpecificationArn",
                        "automated data labeling is not available for task type ImageMultiClassMultiLabel"),
                refused(
                        both(algorithm("verity-classification"), taskType("NamedEntityRecognition")),
                        ALG + "LabelingJobAlgorithmSpecificationArn",
                        "automated data labeling is not available for task type NamedEntityRecognition"),
                refused(
                        both(
                                algorithm("verity-classification"),
                                set(
                                        HTC + "PreHumanTaskLambdaArn",
                                        "arn:aws:lambda:us-east-1:111122223333:function:verity-custom-pre"),
                                remove(HTC + "AnnotationConsolidationConfig")),
                        ALG + "LabelingJobAlgorithmSpecificationArn",
                        "not available for task type Custom"),
                refused(
                        both(
                                algorithm("image-classification"),
                                set(
                                        ALG + "InitialActiveLearningModelArn",
                                        "arn:aws:sagemaker:us-east-1:111122223333:endpoint/old")),
                        ALG + "InitialActiveLearningModelArn",
                        "a model ARN"),
                refused(
                        both(
                                algorithm("image-classification"),
                                setJson(
                                        ALG + "LabelingJobResourceConfig",
                                        "{\"VpcConfig\":{\"SecurityGroupIds\":[\"a\",\"b\",\"c\",\"d\",\"e\",\"f\"],\"Subnets\":[\"s\"]}}")),
                        ALG + "LabelingJobResourceConfig.VpcConfig.SecurityGroupIds",
                        "must have between 1 and 5 items, got 6"),
                refused(
                        both(
                                algorithm("image-classification"),
                                setJson(
                                        ALG + "LabelingJobResourceConfig",
                                        "{\"VpcConfig\":{\"SecurityGroupIds\":[\"sg-1\"]}}")),
                        ALG + "LabelingJobResourceConfig.VpcConfig.Subnets",
                        "is required"),
                refused(both(algorithm("image-classification"), set(ALG + "Model", "x")), ALG + "Model", "unknown"),
                refused(remove("HumanTaskConfig"), "HumanTaskConfig", "is required"),
                refused(remove(HTC + "WorkteamArn"), HTC + "WorkteamArn", "is required"),
                refused(
                        set(HTC + "WorkteamArn", "arn:aws:sagemaker:us-east-1:111122223333:team/labelers"),
                        HTC + "WorkteamArn",
                        "a SageMaker work team ARN"),
                refused(
                        set(
                                HTC + "WorkteamArn",
                                "arn:aws:sagemaker:us-east-1:111122223333:workteam/" + "x".repeat(250)),
                        HTC + "WorkteamArn",
                        "between 1 and 256 characters long"),
                refused(remove(HTC + "UiConfig"), HTC + "UiConfig", "is required"),
                refused(
                        setJson(HTC + "UiConfig", "{}"),
                        HTC + "UiConfig",
                        "must set exactly one of UiTemplateS3Uri and HumanTaskUiArn, got neither"),
                refused(
                        set(
                                HTC + "UiConfig.HumanTaskUiArn",
                                "arn:aws:sagemaker:us-east-1:394669845002:human-task-ui/NamedEntityRecognition"),
                        HTC + "UiConfig",
                        "must set exactly one of UiTemplateS3Uri and HumanTaskUiArn, not both"),
                refused(
                        set(HTC + "UiConfig.UiTemplateS3Uri", "https://example.com/t.html"),
                        HTC + "UiConfig.UiTemplateS3Uri",
                        "is not an s3:// URI"),
                refused(
                        setJson(
                                HTC + "UiConfig",
                                "{\"HumanTaskUiArn\":\"arn:aws:sagemaker:us-east-1:1:human-task-ui/X\"}"),
                        HTC + "UiConfig.HumanTaskUiArn",
                        "a SageMaker human task UI ARN"),
                refused(remove(HTC + "TaskTitle"), HTC + "TaskTitle", "is required"),
                refused(set(HTC + "TaskTitle", ""), HTC + "TaskTitle", "between 1 and 128 characters long, got 0"),
                refused(set(HTC + "TaskTitle", "t".repeat(129)), HTC + "TaskTitle", "got 129"),
                refused(remove(HTC + "TaskDescription"), HTC + "TaskDescription", "is required"),
                refused(
                        set(HTC + "TaskDescription", ""),
                        HTC + "TaskDescription",
                        "between 1 and 255 characters long, got 0"),
                refused(set(HTC + "TaskDescription", "d".repeat(256)), HTC + "TaskDescription", "got 256"),
                refused(
                        setJson(HTC + "TaskKeywords", "[]"),
                        HTC + "TaskKeywords",
                        "must have between 1 and 5 items, got 0"),
                refused(
                        set(HTC + "TaskKeywords", List.of("a", "b", "c", "d", "e", "f")),
                        HTC + "TaskKeywords",
                        "got 6"),
                refused(
                        set(HTC + "TaskKeywords", List.of("Images", "k".repeat(31))),
                        HTC + "TaskKeywords[1]",
                        "between 1 and 30 characters long, got 31"),
                refused(set(HTC + "TaskKeywords", List.of("")), HTC + "TaskKeywords[0]", "got 0"),
                refused(
                        set(HTC + "TaskKeywords", List.of("two  spaces")),
                        HTC + "TaskKeywords[0]",
                        "separated by single spaces"),
                refused(
                        set(HTC + "TaskKeywords", List.of("snake_case")),
                        HTC + "TaskKeywords[0]",
                        "got \"snake_case\""),
                refused(set(HTC + "TaskKeywords", List.of(" leading")), HTC + "TaskKeywords[0]", "pattern"),
                refused(
                        remove(HTC + "NumberOfHumanWorkersPerDataObject"),
                        HTC + "NumberOfHumanWorkersPerDataObject",
                        "is required"),
                refused(
                        set(HTC + "NumberOfHumanWorkersPerDataObject", 0),
                        HTC + "NumberOfHumanWorkersPerDataObject",
                        "must be between 1 and 9, got 0"),
                refused(
                        set(HTC + "NumberOfHumanWorkersPerDataObject", 10),
                        HTC + "NumberOfHumanWorkersPerDataObject",
                        "got 10"),
                refused(remove(HTC + "TaskTimeLimitInSeconds"), HTC + "TaskTimeLimitInSeconds", "is required"),
                refused(
                        set(HTC + "TaskTimeLimitInSeconds", 29),
                        HTC + "TaskTimeLimitInSeconds",
                        "must be between 30 and 28800, got 29"),
                refused(set(HTC + "TaskTimeLimitInSeconds", 28_801), HTC + "TaskTimeLimitInSeconds", "got 28801"),
                refused(
                        set(HTC + "TaskAvailabilityLifetimeInSeconds", 59),
                        HTC + "TaskAvailabilityLifetimeInSeconds",
                        "must be between 60 and 2592000, got 59"),
                refused(
                        set(HTC + "TaskAvailabilityLifetimeInSeconds", 2_592_001),
                        HTC + "TaskAvailabilityLifetimeInSeconds",
                        "got 2592001"),
                refused(
                        set(HTC + "TaskAvailabilityLifetimeInSeconds", 1_209_601),
                        HTC + "TaskAvailabilityLifetimeInSeconds",
                        "is at most 1209600 (14 days) in Verity, got 1209601: its task queue (SQS) keeps a task no longer"),
                refused(
                        set(HTC + "MaxConcurrentTaskCount", 0),
                        HTC + "MaxConcurrentTaskCount",
                        "must be between 1 and 5000, got 0"),
                refused(set(HTC + "MaxConcurrentTaskCount", 5001), HTC + "MaxConcurrentTaskCount", "got 5001"),
                refused(
                        setJson(HTC + "AnnotationConsolidationConfig", "{}"),
                        HTC + "AnnotationConsolidationConfig.AnnotationConsolidationLambdaArn",
                        "is required"),
                refused(set(PRICE + "Dollars", 3), PRICE + "Dollars", "must be between 0 and 2, got 3"),
                refused(set(PRICE + "Dollars", -1), PRICE + "Dollars", "got -1"),
                refused(set(PRICE + "Cents", 100), PRICE + "Cents", "must be between 0 and 99, got 100"),
                refused(
                        set(PRICE + "TenthFractionsOfACent", 10),
                        PRICE + "TenthFractionsOfACent",
                        "must be between 0 and 9, got 10"),
                refused(set("Tags", tags(51)), "Tags", "must have at most 50 items, got 51"),
                refused(remove("Tags[0].Key"), "Tags[0].Key", "is required"),
                refused(remove("Tags[1].Value"), "Tags[1].Value", "is required"),
                refused(set("Tags[0].Key", ""), "Tags[0].Key", "between 1 and 128 characters long, got 0"),
                refused(set("Tags[0].Key", "k".repeat(129)), "Tags[0].Key", "got 129"),
                refused(
                        set("Tags[0].Value", "v".repeat(257)),
                        "Tags[0].Value",
                        "between 0 and 256 characters long, got 257"),
                refused(set("Tags[0].Key", "cost#center"), "Tags[0].Key", "letters, digits, spaces and _.:/=+-@"));
    }

    static Stream<Arguments> accepted() {
        return Stream.of(
                accepted(set("LabelingJobName", "a")),
                accepted(set("LabelingJobName", "a".repeat(63))),
                accepted(set("LabelingJobName", "Job--2024-1")),
                accepted(set("LabelAttributeName", "a".repeat(127))),
                accepted(set("LabelAttributeName", "metadata")),
                accepted(set("LabelAttributeName", "source-refs")),
                // The "-ref" suffix is the task type's rule, not the request's.
                accepted(set("LabelAttributeName", "species-ref")),
                accepted(set(S3 + "ManifestS3Uri", uriOfLength(1024))),
                accepted(set("OutputConfig.S3OutputPath", "s3://my-bucket")),
                accepted(set("OutputConfig.S3OutputPath", "s3://my-bucket/")),
                accepted(set("OutputConfig.S3OutputPath", "s3://my-bucket/deep/prefix")),
                accepted(remove("OutputConfig.KmsKeyId"), remove("OutputConfig.SnsTopicArn")),
                accepted(set("RoleArn", "arn:aws-cn:iam::111122223333:role/labeling")),
                accepted(set("RoleArn", "arn:aws:iam::111122223333:role/path/to/Role+Name=,.@-_")),
                accepted(remove("LabelCategoryConfigS3Uri")),
                accepted(remove("StoppingConditions")),
                accepted(setJson("StoppingConditions", "{}")),
                accepted(set("StoppingConditions.MaxHumanLabeledObjectCount", 1)),
                accepted(set("StoppingConditions.MaxPercentageOfInputDatasetLabeled", 1)),
                // The public crowd pays Mechanical Turk's Reward: whole cents (see PublicCrowdRulesTest).
                accepted(
                        set(
                                HTC + "WorkteamArn",
                                "arn:aws:sagemaker:us-east-1:394669845002:workteam/public-crowd/default"),
                        set(PRICE + "Cents", 6),
                        set(PRICE + "TenthFractionsOfACent", 0)),
                accepted(
                        setJson(
                                HTC + "UiConfig",
                                "{\"HumanTaskUiArn\":\"arn:aws:sagemaker:us-east-1:394669845002:human-task-ui/NamedEntityRecognition\"}")),
                accepted(set(HTC + "TaskTitle", "t".repeat(128))),
                accepted(set(HTC + "TaskDescription", "d".repeat(255))),
                accepted(remove(HTC + "TaskKeywords")),
                accepted(set(HTC + "TaskKeywords", List.of("a", "b", "c", "d", "e"))),
                accepted(set(HTC + "TaskKeywords", List.of("k".repeat(30), "Image Classification 2"))),
                accepted(set(HTC + "NumberOfHumanWorkersPerDataObject", 1)),
                accepted(set(HTC + "NumberOfHumanWorkersPerDataObject", 9)),
                accepted(set(HTC + "TaskTimeLimitInSeconds", 30)),
                accepted(set(HTC + "TaskTimeLimitInSeconds", 28_800)),
                accepted(set(HTC + "TaskAvailabilityLifetimeInSeconds", 60)),
                accepted(set(HTC + "TaskAvailabilityLifetimeInSeconds", 1_209_600)),
                accepted(set(HTC + "MaxConcurrentTaskCount", 1)),
                accepted(set(HTC + "MaxConcurrentTaskCount", 5000)),
                accepted(setJson(
                        HTC + "PublicWorkforceTaskPrice.AmountInUsd",
                        "{\"Dollars\":2,\"Cents\":99,\"TenthFractionsOfACent\":9}")),
                accepted(setJson(
                        HTC + "PublicWorkforceTaskPrice.AmountInUsd",
                        "{\"Dollars\":0,\"Cents\":0,\"TenthFractionsOfACent\":0}")),
                accepted(setJson(HTC + "PublicWorkforceTaskPrice", "{}")),
                accepted(set("Tags", tags(50))),
                accepted(setJson("Tags", "[]")),
                accepted(set("Tags[0].Key", "k".repeat(128))),
                accepted(set("Tags[0].Value", "v".repeat(256))),
                accepted(set("Tags[0].Key", "aws:cost center/Team_1.x=+-@")),
                accepted(setJson("InputConfig.DataAttributes", "{}")),
                accepted(algorithm("image-classification")),
                accepted(algorithm("verity-classification")),
                accepted(algorithm("verity-classification"), taskType("TextMultiClass")),
                accepted(algorithm("text-classification"), taskType("TextMultiClass")),
                accepted(
                        algorithm("image-classification"),
                        set(
                                ALG + "InitialActiveLearningModelArn",
                                "arn:aws:sagemaker:us-east-1:111122223333:model/earlier-job-iteration-3"),
                        setJson(
                                ALG + "LabelingJobResourceConfig",
                                "{\"VolumeKmsKeyId\":\"k\",\"VpcConfig\":"
                                        + "{\"SecurityGroupIds\":[\"sg-0a1b\"],\"Subnets\":[\"subnet-1\",\"subnet-2\"]}}")),
                accepted(setJson("DataObjectSelection", "[\"anything\", {\"goes\": true}]")));
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @MethodSource("refused")
    void aValueBreakingAConstraintIsRefusedNamingTheField(
            String edit, String field, String message, Consumer<ObjectNode> change) {
        InvalidRequestException refusal = catchThrowableOfType(
                InvalidRequestException.class, () -> CreateLabelingJobRequest.parse(fullWith(change)));

        assertThat(refusal).as("refused").isNotNull();
        assertThat(refusal.violations()).singleElement().satisfies(violation -> {
            assertThat(violation.field()).isEqualTo(field);
            assertThat(violation.message()).contains(message);
        });
        assertThat(refusal.getMessage())
                .isEqualTo(field + ": " + refusal.violations().get(0).message());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void aValueWithinTheConstraintsIsAccepted(String edit, Consumer<ObjectNode> change) {
        assertThatCode(() -> CreateLabelingJobRequest.parse(fullWith(change))).doesNotThrowAnyException();
    }

    /** The deployment's custom-Lambda prefix these cases are checked against. */
    private static final String PREFIX = "verity-custom-";

    private static final String PRE = HTC + "PreHumanTaskLambdaArn";
    private static final String ACS = HTC + "AnnotationConsolidationConfig.AnnotationConsolidationLambdaArn";

    static Stream<Arguments> refusedCustomLambdas() {
        return Stream.of(
                // Another account's function, or one in this account that merely mentions SageMaker or Verity.
                refused(
                        custom("arn:aws:lambda:eu-west-1:999988887777:function:pre-annotation", null),
                        PRE,
                        "must name a function whose name starts with \"verity-custom-\""),
                refused(
                        custom("arn:aws:lambda:us-east-1:111122223333:function:sagemaker-pre", null),
                        PRE,
                        "\"sagemaker-pre\" does not"),
                refused(
                        custom("arn:aws:lambda:us-east-1:111122223333:function:LabelingFunction-pre", null),
                        PRE,
                        "starts with \"verity-custom-\""),
                refused(
                        custom(
                                "arn:aws:lambda:us-east-1:111122223333:function:verity-custom-pre",
                                "arn:aws:lambda:us-east-1:111122223333:function:my-Verity-post"),
                        ACS,
                        "\"my-Verity-post\" does not"),
                // Verity's own functions, of this deployment or of a stage beside it.
                refused(
                        custom("arn:aws:lambda:us-east-1:111122223333:function:verity-dispatch-tasks", null),
                        PRE,
                        "names Verity's own function \"verity-dispatch-tasks\""),
                refused(
                        custom(
                                "arn:aws:lambda:us-east-1:111122223333:function:verity-custom-pre",
                                "arn:aws:lambda:us-east-1:111122223333:function:verity-consolidate:live"),
                        ACS,
                        "names Verity's own function \"verity-consolidate\"; a custom task type's Lambda must be your "
                                + "own, named with the prefix \"verity-custom-\""),
                refused(
                        custom("arn:aws:lambda:us-east-1:111122223333:function:verity-dev-write-output", null),
                        PRE,
                        "Verity's own function"));
    }

    static Stream<Arguments> acceptedCustomLambdas() {
        return Stream.of(
                accepted(custom("arn:aws:lambda:us-east-1:111122223333:function:verity-custom-pre", null)),
                accepted(custom(
                        "arn:aws:lambda:us-east-1:111122223333:function:verity-custom-pre:live",
                        "arn:aws:lambda:us-east-1:111122223333:function:verity-custom-consolidate")),
                // Ground Truth's built-in task types name Ground Truth's functions, which Verity never calls.
                accepted(taskType("ImageMultiClass")),
                accepted(both(
                        set(PRE, "arn:aws:lambda:eu-west-1:649237412430:function:PRE-BoundingBox"),
                        set(ACS, "arn:aws:lambda:eu-west-1:649237412430:function:ACS-BoundingBox"))));
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @MethodSource("refusedCustomLambdas")
    void aCustomLambdaOutsideTheDeployTimePrefixIsRefusedNamingTheFieldAndThePrefix(
            String edit, String field, String message, Consumer<ObjectNode> change) {
        CreateLabelingJobRequest request = CreateLabelingJobRequest.parse(fullWith(change));

        assertThat(request.customLambdaViolations(PREFIX)).singleElement().satisfies(violation -> {
            assertThat(violation.field()).isEqualTo(field);
            assertThat(violation.message()).contains(message).contains(PREFIX);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptedCustomLambdas")
    void aCustomLambdaNamedWithThePrefixOrABuiltInOneIsAccepted(String edit, Consumer<ObjectNode> change) {
        assertThat(CreateLabelingJobRequest.parse(fullWith(change)).customLambdaViolations(PREFIX))
                .isEmpty();
    }

    /** A custom task type: the requester's pre-annotation Lambda, and a consolidation Lambda or none. */
    private static Consumer<ObjectNode> custom(String preArn, String acsArn) {
        return both(
                set(PRE, preArn), acsArn == null ? remove(HTC + "AnnotationConsolidationConfig") : set(ACS, acsArn));
    }

    private static Arguments refused(Consumer<ObjectNode> change, String field, String message) {
        return arguments(describe(change), field, message, change);
    }

    @SafeVarargs
    private static Arguments accepted(Consumer<ObjectNode>... changes) {
        Consumer<ObjectNode> all = request -> List.of(changes).forEach(change -> change.accept(request));
        return arguments(describe(all), all);
    }

    /** The edited request's difference from the full fixture, short enough for a test name. */
    private static String describe(Consumer<ObjectNode> change) {
        String edited = Json.write(fullWith(change));
        String original = Json.write(RequestFixtures.full());
        int start = 0;
        while (start < Math.min(edited.length(), original.length()) && edited.charAt(start) == original.charAt(start)) {
            start++;
        }
        String difference = edited.substring(Math.max(0, start - 40), Math.min(edited.length(), start + 40));
        return difference.isEmpty() ? "(unchanged)" : "…" + difference + "…";
    }

    /** Automated labeling with one of Ground Truth's algorithms (or Verity's), by its name. */
    private static Consumer<ObjectNode> algorithm(String name) {
        return setJson(
                "LabelingJobAlgorithmsConfig",
                "{\"LabelingJobAlgorithmSpecificationArn\":"
                        + "\"arn:aws:sagemaker:us-east-1:027400017018:labeling-job-algorithm-specification/" + name
                        + "\"}");
    }

    /** Both built-in Lambdas naming another task type. */
    private static Consumer<ObjectNode> taskType(String type) {
        return both(
                set(HTC + "PreHumanTaskLambdaArn", "arn:aws:lambda:us-east-1:432418664414:function:PRE-" + type),
                set(
                        HTC + "AnnotationConsolidationConfig.AnnotationConsolidationLambdaArn",
                        "arn:aws:lambda:us-east-1:432418664414:function:ACS-" + type));
    }

    @SafeVarargs
    private static Consumer<ObjectNode> both(Consumer<ObjectNode>... changes) {
        return request -> List.of(changes).forEach(change -> change.accept(request));
    }

    private static String uriOfLength(int length) {
        String prefix = "s3://my-bucket/";
        return prefix + String.join("", Collections.nCopies(length - prefix.length(), "k"));
    }

    private static List<ObjectNode> tags(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> Json.object().put("Key", "key" + i).put("Value", "v"))
                .toList();
    }
}
