package dev.verity.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.json.Json;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Valid CreateLabelingJob requests, and edits that break or stretch them one field at a time. */
final class RequestFixtures {

    /** Every field the API accepts, each with a valid value. */
    static final String FULL = """
            {
              "LabelingJobName": "identify-animal-species",
              "LabelAttributeName": "species",
              "InputConfig": {
                "DataSource": {"S3DataSource": {"ManifestS3Uri": "s3://my-bucket/input/dataset.manifest"}},
                "DataAttributes": {"ContentClassifiers": ["FreeOfPersonallyIdentifiableInformation", "FreeOfAdultContent"]}
              },
              "OutputConfig": {
                "S3OutputPath": "s3://my-bucket/output/",
                "KmsKeyId": "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
                "SnsTopicArn": "arn:aws:sns:us-east-1:111122223333:labels-out"
              },
              "RoleArn": "arn:aws:iam::111122223333:role/service-role/AmazonSageMaker-ExecutionRole",
              "LabelCategoryConfigS3Uri": "s3://my-bucket/input/categories.json",
              "StoppingConditions": {"MaxHumanLabeledObjectCount": 500, "MaxPercentageOfInputDatasetLabeled": 100},
              "HumanTaskConfig": {
                "WorkteamArn": "arn:aws:sagemaker:us-east-1:111122223333:workteam/private-crowd/labelers",
                "UiConfig": {"UiTemplateS3Uri": "s3://my-bucket/templates/image-classification.liquid.html"},
                "PreHumanTaskLambdaArn": "arn:aws:lambda:us-east-1:432418664414:function:PRE-ImageMultiClass",
                "TaskKeywords": ["Images", "image classification"],
                "TaskTitle": "Identify the animal",
                "TaskDescription": "Choose the species shown in the picture",
                "NumberOfHumanWorkersPerDataObject": 3,
                "TaskTimeLimitInSeconds": 300,
                "TaskAvailabilityLifetimeInSeconds": 21600,
                "MaxConcurrentTaskCount": 100,
                "AnnotationConsolidationConfig": {
                  "AnnotationConsolidationLambdaArn": "arn:aws:lambda:us-east-1:432418664414:function:ACS-ImageMultiClass"
                },
                "PublicWorkforceTaskPrice": {"AmountInUsd": {"Dollars": 0, "Cents": 3, "TenthFractionsOfACent": 6}}
              },
              "DataObjectSelection": {"Type": "RandomSample", "Count": 10, "Seed": 7},
              "Tags": [{"Key": "project", "Value": "animals"}, {"Key": "owner", "Value": ""}]
            }
            """;

    /** Only the required fields (and one task type Lambda). */
    static final String MINIMAL = """
            {
              "LabelingJobName": "j",
              "LabelAttributeName": "label",
              "InputConfig": {"DataSource": {"S3DataSource": {"ManifestS3Uri": "s3://my-bucket/in.manifest"}}},
              "OutputConfig": {"S3OutputPath": "s3://my-bucket"},
              "RoleArn": "arn:aws:iam::111122223333:role/labeling",
              "HumanTaskConfig": {
                "WorkteamArn": "arn:aws:sagemaker:us-east-1:111122223333:workteam/private-crowd/team",
                "UiConfig": {"UiTemplateS3Uri": "s3://my-bucket/template.html"},
                "PreHumanTaskLambdaArn": "arn:aws:lambda:us-east-1:432418664414:function:PRE-ImageMultiClass",
                "TaskTitle": "t",
                "TaskDescription": "d",
                "NumberOfHumanWorkersPerDataObject": 1,
                "TaskTimeLimitInSeconds": 30
              }
            }
            """;

    private static final Pattern SEGMENT = Pattern.compile("([^.\\[]+)(?:\\[(\\d+)])?");

    private RequestFixtures() {}

    static ObjectNode full() {
        return (ObjectNode) Json.parse(FULL);
    }

    static ObjectNode minimal() {
        return (ObjectNode) Json.parse(MINIMAL);
    }

    /** The full request with {@code edits} applied. */
    @SafeVarargs
    static ObjectNode fullWith(Consumer<ObjectNode>... edits) {
        ObjectNode request = full();
        for (Consumer<ObjectNode> edit : edits) {
            edit.accept(request);
        }
        return request;
    }

    /** Sets the field at a dotted path like {@code HumanTaskConfig.TaskKeywords} or {@code Tags[0].Key}. */
    static Consumer<ObjectNode> set(String path, Object value) {
        JsonNode node = value instanceof JsonNode json ? json : Json.MAPPER.valueToTree(value);
        return request -> {
            int dot = path.lastIndexOf('.');
            ObjectNode parent = dot < 0 ? request : (ObjectNode) navigate(request, path.substring(0, dot));
            parent.set(path.substring(dot + 1), node);
        };
    }

    /** Sets the field at a dotted path to JSON parsed from {@code json}. */
    static Consumer<ObjectNode> setJson(String path, String json) {
        return set(path, Json.parse(json));
    }

    static Consumer<ObjectNode> remove(String path) {
        return request -> {
            int dot = path.lastIndexOf('.');
            ObjectNode parent = dot < 0 ? request : (ObjectNode) navigate(request, path.substring(0, dot));
            parent.remove(path.substring(dot + 1));
        };
    }

    private static JsonNode navigate(JsonNode node, String path) {
        JsonNode current = node;
        for (String segment : path.split("\\.")) {
            Matcher matcher = SEGMENT.matcher(segment);
            if (!matcher.matches()) {
                throw new IllegalArgumentException("bad path segment " + segment);
            }
            current = current.get(matcher.group(1));
            if (matcher.group(2) != null) {
                current = ((ArrayNode) current).get(Integer.parseInt(matcher.group(2)));
            }
        }
        return current;
    }
}
