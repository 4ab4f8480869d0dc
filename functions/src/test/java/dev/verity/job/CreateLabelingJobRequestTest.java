package dev.verity.job;

import static dev.verity.job.RequestFixtures.fullWith;
import static dev.verity.job.RequestFixtures.remove;
import static dev.verity.job.RequestFixtures.set;
import static dev.verity.job.RequestFixtures.setJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.consolidation.ConsolidationMethod;
import dev.verity.it.SampleEvents;
import dev.verity.job.CreateLabelingJobRequest.HumanTaskConfig;
import dev.verity.job.CreateLabelingJobRequest.Tag;
import dev.verity.json.Json;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CreateLabelingJobRequestTest {

    private static final String PRE = "arn:aws:lambda:us-east-1:432418664414:function:PRE-";
    private static final String ACS = "arn:aws:lambda:us-east-1:432418664414:function:ACS-";
    private static final String PRE_ARN = "HumanTaskConfig.PreHumanTaskLambdaArn";
    private static final String ACS_ARN =
            "HumanTaskConfig.AnnotationConsolidationConfig.AnnotationConsolidationLambdaArn";
    private static final String CUSTOM_PRE =
            "arn:aws:lambda:us-east-1:111122223333:function:verity-custom-pre-annotation";

    @Test
    void aFullRequestIsReadIntoEveryField() {
        CreateLabelingJobRequest request = CreateLabelingJobRequest.parse(RequestFixtures.full());

        assertThat(request.labelingJobName()).isEqualTo("identify-animal-species");
        assertThat(request.labelAttributeName()).isEqualTo("species");
        assertThat(request.inputConfig().dataSource().s3DataSource().manifestS3Uri())
                .isEqualTo("s3://my-bucket/input/dataset.manifest");
        assertThat(request.inputConfig().dataSource().snsDataSource()).isNull();
        assertThat(request.inputConfig().dataAttributes())
                .isEqualTo(
                        Json.parse(
                                "{\"ContentClassifiers\":[\"FreeOfPersonallyIdentifiableInformation\",\"FreeOfAdultContent\"]}"));
        assertThat(request.manifestS3Uri()).isEqualTo("s3://my-bucket/input/dataset.manifest");
        assertThat(request.outputConfig())
                .isEqualTo(new CreateLabelingJobRequest.OutputConfig(
                        "s3://my-bucket/output/",
                        "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
                        "arn:aws:sns:us-east-1:111122223333:labels-out"));
        assertThat(request.roleArn())
                .isEqualTo("arn:aws:iam::111122223333:role/service-role/AmazonSageMaker-ExecutionRole");
        assertThat(request.labelCategoryConfigS3Uri()).isEqualTo("s3://my-bucket/input/categories.json");
        assertThat(request.stoppingConditions()).isEqualTo(new CreateLabelingJobRequest.StoppingConditions(500, 100));
        assertThat(request.dataObjectSelection())
                .isEqualTo(Json.parse("{\"Type\":\"RandomSample\",\"Count\":10,\"Seed\":7}"));
        assertThat(request.tags()).containsExactly(new Tag("project", "animals"), new Tag("owner", ""));

        HumanTaskConfig task = request.humanTaskConfig();
        assertThat(task.workteamArn())
                .isEqualTo("arn:aws:sagemaker:us-east-1:111122223333:workteam/private-crowd/labelers");
        assertThat(task.uiConfig())
                .isEqualTo(new CreateLabelingJobRequest.UiConfig(
                        "s3://my-bucket/templates/image-classification.liquid.html", null));
        assertThat(task.preHumanTaskLambdaArn()).isEqualTo(PRE + "ImageMultiClass");
        assertThat(task.taskKeywords()).containsExactly("Images", "image classification");
        assertThat(task.taskTitle()).isEqualTo("Identify the animal");
        assertThat(task.taskDescription()).isEqualTo("Choose the species shown in the picture");
        assertThat(task.numberOfHumanWorkersPerDataObject()).isEqualTo(3);
        assertThat(task.taskTimeLimitInSeconds()).isEqualTo(300);
        assertThat(task.taskAvailabilityLifetimeInSeconds()).isEqualTo(21600);
        assertThat(task.maxConcurrentTaskCount()).isEqualTo(100);
        assertThat(task.annotationConsolidationConfig().annotationConsolidationLambdaArn())
                .isEqualTo(ACS + "ImageMultiClass");
        assertThat(task.publicWorkforceTaskPrice())
                .isEqualTo(Json.parse("{\"AmountInUsd\":{\"Dollars\":0,\"Cents\":3,\"TenthFractionsOfACent\":6}}"));
        assertThat(request.taskTypeName()).isEqualTo("ImageMultiClass");
    }

    @Test
    void goldQuestionsNameTheAttributeHoldingTrueLabels() {
        com.fasterxml.jackson.databind.node.ObjectNode json = RequestFixtures.minimal();
        json.putObject("GoldStandard").put("AttributeName", "gold-label");
        CreateLabelingJobRequest request = CreateLabelingJobRequest.parse(json);
        assertThat(request.goldStandard().attributeName()).isEqualTo("gold-label");
        assertThat(CreateLabelingJobRequest.parse(request.toJson())).isEqualTo(request);

        json.putObject("GoldStandard")
                .put("AttributeName", json.get("LabelAttributeName").asText())
                .put("X", 1);
        assertThatThrownBy(() -> CreateLabelingJobRequest.parse(json))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("GoldStandard.AttributeName")
                .hasMessageContaining("cannot hold gold labels")
                .hasMessageContaining("GoldStandard.X");
        assertThat(CreateLabelingJobRequest.parse(RequestFixtures.minimal()).goldStandard())
                .isNull();
    }

    @Test
    void automatedLabelingIsReadWithItsModelAndResourceConfigAndWrittenBack() {
        ObjectNode json = RequestFixtures.minimal();
        json.set("LabelingJobAlgorithmsConfig", Json.parse("""
                {"LabelingJobAlgorithmSpecificationArn":
                   "arn:aws:sagemaker:us-west-2:081040173940:labeling-job-algorithm-specification/image-classification",
                 "InitialActiveLearningModelArn": "arn:aws:sagemaker:us-west-2:111122223333:model/cats-iteration-2",
                 "LabelingJobResourceConfig": {"VolumeKmsKeyId": "alias/training"}}
                """));
        CreateLabelingJobRequest request = CreateLabelingJobRequest.parse(json);

        assertThat(request.autoLabels()).isTrue();
        assertThat(request.labelingJobAlgorithmsConfig().initialActiveLearningModelArn())
                .isEqualTo("arn:aws:sagemaker:us-west-2:111122223333:model/cats-iteration-2");
        assertThat(request.toJson())
                .isEqualTo(CreateLabelingJobRequest.parse(request.toJson()).toJson());
        assertThat(request.toJson().get("LabelingJobAlgorithmsConfig"))
                .isEqualTo(json.get("LabelingJobAlgorithmsConfig"));
        assertThat(CreateLabelingJobRequest.parse(RequestFixtures.minimal()).autoLabels())
                .isFalse();
    }

    @Test
    void aStreamingJobNeedsNoManifestAndReadsBackEqual() {
        ObjectNode json = RequestFixtures.minimal();
        ObjectNode dataSource = (ObjectNode) json.at("/InputConfig/DataSource");
        dataSource.remove("S3DataSource");
        dataSource.set("SnsDataSource", Json.parse("{\"SnsTopicArn\":\"arn:aws:sns:us-east-1:111122223333:in\"}"));
        ((ObjectNode) json.get("OutputConfig")).put("SnsTopicArn", "arn:aws:sns:us-east-1:111122223333:out");

        CreateLabelingJobRequest request = CreateLabelingJobRequest.parse(json);

        assertThat(request.streaming()).isTrue();
        assertThat(request.inputTopicArn()).isEqualTo("arn:aws:sns:us-east-1:111122223333:in");
        assertThat(request.manifestS3Uri()).isNull();
        assertThat(CreateLabelingJobRequest.parse(request.toJson())).isEqualTo(request);
    }

    @Test
    void aJobWithoutAStreamNeedsAManifest() {
        ObjectNode json = RequestFixtures.minimal();
        ((ObjectNode) json.at("/InputConfig/DataSource")).remove("S3DataSource");

        assertThat(violations(json))
                .extracting(Violation::field)
                .containsExactly("InputConfig.DataSource.S3DataSource");
    }

    @Test
    void automatedLabelingOfAStreamingJobIsRefusedWithItsOwnReason() {
        ObjectNode json = RequestFixtures.minimal();
        json.set(
                "LabelingJobAlgorithmsConfig",
                Json.parse(
                        "{\"LabelingJobAlgorithmSpecificationArn\": "
                                + "\"arn:aws:sagemaker:us-east-1:027400017018:labeling-job-algorithm-specification/image-classification\"}"));
        ((ObjectNode) json.at("/InputConfig/DataSource"))
                .set("SnsDataSource", Json.parse("{\"SnsTopicArn\":\"arn:aws:sns:us-east-1:111122223333:in\"}"));

        assertThat(violations(json)).extracting(Violation::field).containsExactly("LabelingJobAlgorithmsConfig");
        assertThat(violations(json))
                .filteredOn(v -> v.field().equals("LabelingJobAlgorithmsConfig"))
                .singleElement()
                .extracting(Violation::message)
                .asString()
                .contains("is not allowed with a streaming job");
    }

    @Nested
    class TheConsolidationMethod {

        @Test
        void isVeritysOwnWhenTheRequestNamesNone() {
            CreateLabelingJobRequest request = CreateLabelingJobRequest.parse(RequestFixtures.minimal());

            assertThat(request.consolidationMethod()).isNull();
            assertThat(request.consolidation()).isEqualTo(ConsolidationMethod.VERITY);
            assertThat(request.toJson().has("ConsolidationMethod")).isFalse();
        }

        @Test
        void isReadByItsRequestNameAndWrittenBack() {
            for (ConsolidationMethod method : ConsolidationMethod.values()) {
                ObjectNode json = RequestFixtures.minimal().put("ConsolidationMethod", method.requestName());

                CreateLabelingJobRequest request = CreateLabelingJobRequest.parse(json);

                assertThat(request.consolidation()).isEqualTo(method);
                assertThat(request.toJson().get("ConsolidationMethod").textValue())
                        .isEqualTo(method.requestName());
                assertThat(CreateLabelingJobRequest.parse(request.toJson())).isEqualTo(request);
            }
        }

        @Test
        void anUnknownNameIsRefusedNamingTheFieldAndTheAllowedValues() {
            assertThat(violations(RequestFixtures.minimal().put("ConsolidationMethod", "groundtruth")))
                    .containsExactly(new Violation(
                            "ConsolidationMethod", "must be one of [Verity, GroundTruth], got \"groundtruth\""));
            assertThat(violations(RequestFixtures.minimal().put("ConsolidationMethod", 1)))
                    .containsExactly(new Violation("ConsolidationMethod", "must be a string, got number"));
        }
    }

    @Test
    void aMinimalRequestGetsGroundTruthsDefaults() {
        CreateLabelingJobRequest request = CreateLabelingJobRequest.parse(RequestFixtures.minimal());

        HumanTaskConfig task = request.humanTaskConfig();
        // Ground Truth's default for a private team is its maximum; Verity's maximum is 14 days
        assertThat(task.taskAvailabilityLifetimeInSeconds()).isEqualTo(1_209_600);
        assertThat(task.maxConcurrentTaskCount()).isEqualTo(1000);
        assertThat(task.taskKeywords()).isEmpty();
        assertThat(task.annotationConsolidationConfig()).isNull();
        assertThat(task.publicWorkforceTaskPrice()).isNull();
        assertThat(request.tags()).isEmpty();
        assertThat(request.stoppingConditions()).isNull();
        assertThat(request.labelCategoryConfigS3Uri()).isNull();
        assertThat(request.dataObjectSelection()).isNull();
        assertThat(request.inputConfig().dataAttributes()).isNull();
        assertThat(request.outputConfig().kmsKeyId()).isNull();
        assertThat(request.outputConfig().snsTopicArn()).isNull();
    }

    @Test
    void jsonNullIsReadAsAbsentForOptionalFields() {
        CreateLabelingJobRequest request = CreateLabelingJobRequest.parse(fullWith(
                set("OutputConfig.KmsKeyId", Json.MAPPER.nullNode()),
                set("HumanTaskConfig.MaxConcurrentTaskCount", Json.MAPPER.nullNode()),
                set("Tags", Json.MAPPER.nullNode())));

        assertThat(request.outputConfig().kmsKeyId()).isNull();
        assertThat(request.humanTaskConfig().maxConcurrentTaskCount()).isEqualTo(1000);
        assertThat(request.tags()).isEmpty();
    }

    @Test
    void jsonNullForARequiredFieldIsReportedAsMissing() {
        assertThat(violations(fullWith(set("HumanTaskConfig.TaskTitle", Json.MAPPER.nullNode()))))
                .containsExactly(new Violation("HumanTaskConfig.TaskTitle", "is required"));
    }

    @Nested
    class ToJson {

        @Test
        void writesTheFullRequestBackInItsOwnShape() {
            assertThat(CreateLabelingJobRequest.parse(RequestFixtures.full()).toJson())
                    .isEqualTo(RequestFixtures.full());
        }

        @Test
        void writesDefaultsExplicitlyAndOmitsAbsentFields() {
            ObjectNode expected = RequestFixtures.minimal();
            ((ObjectNode) expected.get("HumanTaskConfig"))
                    .put("TaskAvailabilityLifetimeInSeconds", 1_209_600)
                    .put("MaxConcurrentTaskCount", 1000);

            assertThat(CreateLabelingJobRequest.parse(RequestFixtures.minimal()).toJson())
                    .isEqualTo(expected);
        }

        @Test
        void roundTripsThroughParse() {
            for (ObjectNode json : List.of(RequestFixtures.full(), RequestFixtures.minimal())) {
                CreateLabelingJobRequest request = CreateLabelingJobRequest.parse(json);

                assertThat(CreateLabelingJobRequest.parse(request.toJson())).isEqualTo(request);
            }
        }

        @Test
        void isNotAffectedByLaterChangesToTheParsedJson() {
            ObjectNode json = RequestFixtures.full();
            CreateLabelingJobRequest request = CreateLabelingJobRequest.parse(json);
            ((ObjectNode) json.get("DataObjectSelection")).put("Count", 99);

            assertThat(request.dataObjectSelection().get("Count").intValue()).isEqualTo(10);
        }
    }

    @Nested
    class TaskType {

        @Test
        void isNamedByBothLambdasWhenTheyAgree() {
            assertThat(CreateLabelingJobRequest.parse(RequestFixtures.full()).taskTypeName())
                    .isEqualTo("ImageMultiClass");
        }

        @Test
        void isNamedByThePreAnnotationLambdaAlone() {
            CreateLabelingJobRequest request =
                    CreateLabelingJobRequest.parse(fullWith(remove("HumanTaskConfig.AnnotationConsolidationConfig")));

            assertThat(request.taskTypeName()).isEqualTo("ImageMultiClass");
        }

        @Test
        void isNamedByTheConsolidationLambdaAlone() {
            CreateLabelingJobRequest request =
                    CreateLabelingJobRequest.parse(fullWith(remove("HumanTaskConfig.PreHumanTaskLambdaArn")));

            assertThat(request.taskTypeName()).isEqualTo("ImageMultiClass");
        }

        @Test
        void isReadFromAnyPartitionRegionAndAccount() {
            CreateLabelingJobRequest request = CreateLabelingJobRequest.parse(fullWith(
                    set(
                            "HumanTaskConfig.PreHumanTaskLambdaArn",
                            "arn:aws-cn:lambda:cn-north-1:111122223333:function:PRE-3DPointCloudObjectDetection"),
                    remove("HumanTaskConfig.AnnotationConsolidationConfig")));

            assertThat(request.taskTypeName()).isEqualTo("3DPointCloudObjectDetection");
        }

        @Test
        void isNotCheckedForSupportHere() {
            CreateLabelingJobRequest request = CreateLabelingJobRequest.parse(fullWith(
                    set("HumanTaskConfig.PreHumanTaskLambdaArn", PRE + "BoundingBox"),
                    set(
                            "HumanTaskConfig.AnnotationConsolidationConfig.AnnotationConsolidationLambdaArn",
                            ACS + "BoundingBox")));

            assertThat(request.taskTypeName()).isEqualTo("BoundingBox");
        }

        @Test
        void mustBeNamedByAtLeastOneLambda() {
            assertThat(violations(fullWith(
                            remove("HumanTaskConfig.PreHumanTaskLambdaArn"),
                            remove("HumanTaskConfig.AnnotationConsolidationConfig"))))
                    .singleElement()
                    .satisfies(violation -> {
                        assertThat(violation.field()).isEqualTo(PRE_ARN);
                        assertThat(violation.message()).startsWith("is required to name the task type");
                    });
        }

        @Test
        void mustBeTheSameInBothLambdas() {
            assertThat(violations(fullWith(set(ACS_ARN, ACS + "TextMultiClass"))))
                    .containsExactly(
                            new Violation(
                                    ACS_ARN,
                                    "names task type \"TextMultiClass\" but "
                                            + "PreHumanTaskLambdaArn names \"ImageMultiClass\"; both must name the same task type"));
        }

        @Test
        void isCustomWhenThePreAnnotationLambdaIsTheRequestersOwn() {
            CreateLabelingJobRequest request = CreateLabelingJobRequest.parse(
                    fullWith(set(PRE_ARN, CUSTOM_PRE), remove("HumanTaskConfig.AnnotationConsolidationConfig")));

            assertThat(request.taskTypeName()).isEqualTo("Custom");
        }

        @Test
        void isCustomWithTheRequestersConsolidationLambdaToo() {
            CreateLabelingJobRequest request = CreateLabelingJobRequest.parse(fullWith(
                    set(PRE_ARN, CUSTOM_PRE),
                    set(ACS_ARN, CUSTOM_PRE.replace("pre-annotation", "consolidation:live"))));

            assertThat(request.taskTypeName()).isEqualTo("Custom");
        }

        @Test
        void aCustomJobNeedsItsPreAnnotationLambda() {
            assertThat(violations(fullWith(
                            remove("HumanTaskConfig.PreHumanTaskLambdaArn"),
                            set(ACS_ARN, CUSTOM_PRE.replace("pre-annotation", "consolidation")))))
                    .singleElement()
                    .satisfies(violation -> {
                        assertThat(violation.field()).isEqualTo(PRE_ARN);
                        assertThat(violation.message()).startsWith("is required for a custom task type");
                    });
        }

        @Test
        void aCustomJobCannotUseABuiltInConsolidationLambda() {
            assertThat(violations(fullWith(set(PRE_ARN, CUSTOM_PRE))))
                    .singleElement()
                    .satisfies(violation -> {
                        assertThat(violation.field()).isEqualTo(ACS_ARN);
                        assertThat(violation.message()).contains("your own function", "ACS-ImageMultiClass");
                    });
        }

        @Test
        void aBuiltInTypeCannotUseACustomConsolidationLambda() {
            assertThat(violations(fullWith(set(ACS_ARN, CUSTOM_PRE))))
                    .singleElement()
                    .satisfies(violation -> {
                        assertThat(violation.field()).isEqualTo(ACS_ARN);
                        assertThat(violation.message()).contains("must be the built-in", "function:ACS-<TaskType>");
                    });
        }

        @Test
        void refusesWhatIsNotALambdaFunctionArn() {
            assertThat(violations(fullWith(set(PRE_ARN, "my-pre-annotation"))))
                    .singleElement()
                    .satisfies(violation -> {
                        assertThat(violation.field()).isEqualTo(PRE_ARN);
                        assertThat(violation.message()).contains("must be a Lambda function ARN", "my-pre-annotation");
                    });
        }

        @Test
        void refusesAPreAnnotationArnInTheConsolidationSlot() {
            assertThat(violations(fullWith(set(ACS_ARN, PRE + "ImageMultiClass"))))
                    .singleElement()
                    .satisfies(violation -> {
                        assertThat(violation.field()).isEqualTo(ACS_ARN);
                        assertThat(violation.message()).contains("must be the built-in", "function:ACS-<TaskType>");
                    });
        }
    }

    static Stream<Arguments> wrongTypes() {
        return Stream.of(
                arguments(
                        set("HumanTaskConfig.NumberOfHumanWorkersPerDataObject", "3"),
                        "HumanTaskConfig.NumberOfHumanWorkersPerDataObject",
                        "must be an integer, got string"),
                arguments(
                        set("HumanTaskConfig.TaskTimeLimitInSeconds", 300.5),
                        "HumanTaskConfig.TaskTimeLimitInSeconds",
                        "must be an integer, got number 300.5"),
                arguments(
                        set("HumanTaskConfig.MaxConcurrentTaskCount", 99_999_999_999L),
                        "HumanTaskConfig.MaxConcurrentTaskCount",
                        "must be an integer, got number 99999999999"),
                arguments(
                        set("StoppingConditions.MaxHumanLabeledObjectCount", true),
                        "StoppingConditions.MaxHumanLabeledObjectCount",
                        "must be an integer, got boolean"),
                arguments(set("LabelingJobName", 42), "LabelingJobName", "must be a string, got number"),
                arguments(setJson("RoleArn", "{}"), "RoleArn", "must be a string, got object"),
                arguments(
                        set("InputConfig", "s3://my-bucket/in.manifest"),
                        "InputConfig",
                        "must be an object, got string"),
                arguments(
                        setJson("HumanTaskConfig.UiConfig", "[]"),
                        "HumanTaskConfig.UiConfig",
                        "must be an object, got array"),
                arguments(setJson("Tags", "{\"Key\":\"k\",\"Value\":\"v\"}"), "Tags", "must be an array, got object"),
                arguments(setJson("Tags", "[\"project=animals\"]"), "Tags[0]", "must be an object, got string"),
                arguments(
                        set("HumanTaskConfig.TaskKeywords", "Images"),
                        "HumanTaskConfig.TaskKeywords",
                        "must be an array, got string"),
                arguments(
                        setJson("HumanTaskConfig.TaskKeywords", "[\"Images\", 7]"),
                        "HumanTaskConfig.TaskKeywords[1]",
                        "must be a string, got number"));
    }

    @ParameterizedTest(name = "{1}: {2}")
    @MethodSource("wrongTypes")
    void aValueOfTheWrongJsonTypeIsNamedWithTheExpectedType(Consumer<ObjectNode> change, String field, String message) {
        assertThat(violations(fullWith(change))).containsExactly(new Violation(field, message));
    }

    @Test
    void unknownFieldsAreNamedAtEveryLevel() {
        List<Violation> violations = violations(fullWith(
                set("LabellingJobName", "typo"),
                set("InputConfig.DataSource.S3DataSource.S3Uri", "s3://my-bucket/x"),
                set("HumanTaskConfig.TaskPriority", 1),
                set("HumanTaskConfig.PublicWorkforceTaskPrice.AmountInUsd.Euros", 1),
                set("Tags[0].Owner", "me")));

        assertThat(violations)
                .extracting(Violation::field)
                .containsExactlyInAnyOrder(
                        "LabellingJobName",
                        "InputConfig.DataSource.S3DataSource.S3Uri",
                        "HumanTaskConfig.TaskPriority",
                        "HumanTaskConfig.PublicWorkforceTaskPrice.AmountInUsd.Euros",
                        "Tags[0].Owner");
        assertThat(violations)
                .allSatisfy(violation -> assertThat(violation.message()).startsWith("unknown field"));
    }

    @Test
    void anUnknownFieldsMessageListsTheAllowedFields() {
        assertThat(violations(fullWith(set("OutputConfig.Bucket", "b"))))
                .containsExactly(new Violation(
                        "OutputConfig.Bucket", "unknown field; expected one of [S3OutputPath, KmsKeyId, SnsTopicArn]"));
    }

    @Test
    void severalUnknownFieldsOfOneObjectAreNamedInOneViolationListingTheAllowedFieldsOnce() {
        List<Violation> violations = violations(fullWith(
                set("OutputConfig.Bucket", "b"), set("OutputConfig.Prefix", "p"), set("HumanTaskConfig.Priority", 1)));

        assertThat(violations)
                .containsExactly(
                        new Violation(
                                "OutputConfig",
                                "unknown fields \"Bucket\", \"Prefix\"; expected one of [S3OutputPath, KmsKeyId, "
                                        + "SnsTopicArn]"),
                        violations.get(1));
        assertThat(violations.get(1).field()).isEqualTo("HumanTaskConfig.Priority");
        assertThat(violations.get(0).describe()).containsOnlyOnce("S3OutputPath");
    }

    @Test
    void anApiGatewayEventIsRefusedInOneLineThatSaysToSendItsBody() {
        JsonNode event = SampleEvents.load("api-create-job.json");

        assertThat(violations((ObjectNode) event)).singleElement().satisfies(v -> {
            assertThat(v.field()).isEmpty();
            assertThat(v.message()).startsWith("this is an API Gateway event").contains("\"body\"");
        });
        assertThat(CreateLabelingJobRequest.parse(Json.parse(event.path("body").asText()))
                        .labelingJobName())
                .as("its body is a valid request")
                .isEqualTo("sample-animals");
    }

    @Test
    void theSampleRequestIsValidAndIsTheBodyOfTheSampleApiEvent() {
        JsonNode request = SampleEvents.load("create-job.json");

        assertThat(CreateLabelingJobRequest.parse(request).labelingJobName()).isEqualTo("sample-animals");
        assertThat(Json.parse(
                        SampleEvents.load("api-create-job.json").path("body").asText()))
                .isEqualTo(request);
    }

    @Test
    void everyViolationIsReportedAtOnce() {
        ObjectNode json = fullWith(
                set("LabelingJobName", "bad name"),
                remove("RoleArn"),
                set("HumanTaskConfig.NumberOfHumanWorkersPerDataObject", 0),
                set("HumanTaskConfig.TaskKeywords", List.of("ok", "not_ok")),
                set("Colour", "blue"));

        InvalidRequestException refusal =
                catchThrowableOfType(InvalidRequestException.class, () -> CreateLabelingJobRequest.parse(json));

        assertThat(refusal.violations())
                .extracting(Violation::field)
                .containsExactlyInAnyOrder(
                        "LabelingJobName",
                        "RoleArn",
                        "HumanTaskConfig.NumberOfHumanWorkersPerDataObject",
                        "HumanTaskConfig.TaskKeywords[1]",
                        "Colour");
        assertThat(refusal.getMessage())
                .isEqualTo(refusal.violations().stream()
                        .map(violation -> violation.field() + ": " + violation.message())
                        .collect(Collectors.joining("; ")));
    }

    @Test
    void aMissingObjectIsReportedOnceNotOncePerFieldInside() {
        assertThat(violations(fullWith(remove("HumanTaskConfig"), remove("InputConfig"))))
                .extracting(Violation::field, Violation::message)
                .containsExactly(tuple("InputConfig", "is required"), tuple("HumanTaskConfig", "is required"));
    }

    @Test
    void aRequestThatIsNotAJsonObjectIsRefusedAsAWhole() {
        for (JsonNode json : new JsonNode[] {Json.parse("[1, 2]"), Json.parse("\"job\""), null}) {
            InvalidRequestException refusal =
                    catchThrowableOfType(InvalidRequestException.class, () -> CreateLabelingJobRequest.parse(json));

            assertThat(refusal.violations()).singleElement().satisfies(violation -> {
                assertThat(violation.field()).isEmpty();
                assertThat(violation.message()).startsWith("a CreateLabelingJob request must be a JSON object, got ");
            });
            assertThat(refusal.getMessage())
                    .isEqualTo(refusal.violations().get(0).message());
        }
    }

    @Test
    void anInvalidRequestExceptionNeedsAViolation() {
        assertThatThrownBy(() -> new InvalidRequestException(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<Violation> violations(ObjectNode json) {
        InvalidRequestException refusal =
                catchThrowableOfType(InvalidRequestException.class, () -> CreateLabelingJobRequest.parse(json));
        assertThat(refusal).as("refused").isNotNull();
        return refusal.violations();
    }
}
