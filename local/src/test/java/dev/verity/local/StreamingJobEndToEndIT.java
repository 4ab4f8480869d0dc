package dev.verity.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A streaming job through the whole local runtime (the state machine runs it), fed as a user would with
 * {@code aws sns publish}: thirty objects published to its input topic in three bursts, each with duplicates (the same
 * {@code dataset-objectid-attribute-name} id twice), labeled by workers as they arrive; the output topic's subscriber
 * gets one message per object, the output manifest grows burst by burst, and a stop ends the job and its
 * subscription.
 */
class StreamingJobEndToEndIT {

    private static final String JOB = "it-streaming";
    private static final List<String> LABELS = List.of("positive", "negative");
    private static final int BURSTS = 3;
    private static final int PER_BURST = 10;
    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void labelsWhatIsPublishedOnceEachAndEndsWhenStopped() throws Exception {
        VerityRuntime runtime = SharedRuntime.get();
        SnsClient sns = runtime.clients().sns();
        SqsClient sqs = runtime.clients().sqs();
        S3Client s3 = runtime.s3();
        String bucket = runtime.bucket();
        String input = sns.createTopic(b -> b.name("it-stream-in")).topicArn();
        String output = sns.createTopic(b -> b.name("it-stream-out")).topicArn();
        String subscriberUrl =
                sqs.createQueue(b -> b.queueName("it-stream-subscriber")).queueUrl();
        String subscriberArn = sqs.getQueueAttributes(
                        b -> b.queueUrl(subscriberUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
        sns.subscribe(b -> b.topicArn(output).protocol("sqs").endpoint(subscriberArn));
        ObjectNode categories = Json.object().put("document-version", "2018-11-28");
        LABELS.forEach(l -> categories.withArray("labels").addObject().put("label", l));
        s3.putObject(
                b -> b.bucket(bucket).key("it/" + JOB + "/categories.json"),
                RequestBody.fromString(Json.write(categories)));
        ApiClient requester = runtime.api(runtime.token("stream-requester", Set.of("requesters")));
        ApiClient worker = runtime.api(runtime.token("stream-worker", Set.of("workers")));

        // Refused as Ground Truth refuses: automated labeling of a stream; and a topic of another account.
        ObjectNode autoLabeled = request(bucket, input, output);
        autoLabeled
                .putObject("LabelingJobAlgorithmsConfig")
                .put(
                        "LabelingJobAlgorithmSpecificationArn",
                        "arn:aws:sagemaker:us-east-1:027400017018:labeling-job-algorithm-specification/"
                                + "text-classification");
        ApiClient.Response refused = requester.post("/jobs", autoLabeled);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().toString()).contains("LabelingJobAlgorithmsConfig", "streaming");
        ApiClient.Response foreign =
                requester.post("/jobs", request(bucket, "arn:aws:sns:us-east-1:111122223333:elsewhere", output));
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(foreign.body().toString()).contains("SnsTopicArn", "this account");

        requester.expect(requester.post("/jobs", request(bucket, input, output)), "create");
        assertThat(requester
                        .awaitJob(JOB, Set.of("InProgress"), WAIT)
                        .get("LabelingJobStatus")
                        .asText())
                .isEqualTo("InProgress");

        Map<String, String> labelOf = new HashMap<>();
        List<Long> manifestLines = new ArrayList<>();
        Map<String, Integer> published = new HashMap<>();
        for (int burst = 0; burst < BURSTS; burst++) {
            for (int i = 0; i < PER_BURST; i++) {
                int n = burst * PER_BURST + i;
                String line = Json.write(Json.object()
                        .put("source", "review number " + n)
                        .put("dataset-objectid-attribute-name", "review-id")
                        .put("review-id", "r-" + n));
                sns.publish(b -> b.topicArn(input).message(line));
                if (i % 3 == 0) {
                    sns.publish(b -> b.topicArn(input).message(line)); // a duplicate: labeled once
                }
            }
            int expected = (burst + 1) * PER_BURST;
            labelAll(worker, JOB, labelOf, expected);
            await("the output topic's messages of burst " + burst)
                    .atMost(WAIT)
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        receive(sqs, subscriberUrl, published);
                        return published.size() >= expected;
                    });
            await("the output manifest with burst " + burst)
                    .atMost(WAIT)
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> outputLines(s3, bucket, JOB) >= expected);
            manifestLines.add(outputLines(s3, bucket, JOB));
        }

        assertThat(labelOf).hasSize(BURSTS * PER_BURST);
        assertThat(manifestLines).containsExactly(10L, 20L, 30L);
        receive(sqs, subscriberUrl, published);
        assertThat(published)
                .hasSize(BURSTS * PER_BURST)
                .allSatisfy((id, times) -> assertThat(times).as(id).isEqualTo(1));

        requester.expect(requester.post("/jobs/" + JOB + "/stop", null), "stop");
        JsonNode stopped = requester.awaitJob(JOB, Set.of("Stopped"), WAIT);
        assertThat(stopped.get("LabelingJobStatus").asText()).isEqualTo("Stopped");
        assertThat(stopped.at("/LabelCounters/HumanLabeled").asInt()).isEqualTo(BURSTS * PER_BURST);
        assertThat(sns.listSubscriptionsByTopic(b -> b.topicArn(input)).subscriptions())
                .as("the intake queue's subscription ends with the job")
                .isEmpty();
        List<String> lines = outputManifest(s3, bucket, JOB);
        assertThat(lines).hasSize(BURSTS * PER_BURST);
        for (String text : lines) {
            JsonNode line = Json.parse(text);
            assertThat(line.path("sentiment-metadata").path("class-name").asText())
                    .isEqualTo(labelOf.get(line.get("source").asText()));
        }
    }

    @Test
    void labelsTheInitialManifestFirstAndThenWhatIsPublished() throws Exception {
        String job = "it-streaming-initial";
        VerityRuntime runtime = SharedRuntime.get();
        SnsClient sns = runtime.clients().sns();
        S3Client s3 = runtime.s3();
        String bucket = runtime.bucket();
        String input = sns.createTopic(b -> b.name("it-stream-initial-in")).topicArn();
        s3.putObject(
                b -> b.bucket(bucket).key("it/" + job + "/input.manifest"),
                RequestBody.fromString("{\"source\":\"first\"}\n{\"source\":\"second\"}\n"));
        ObjectNode categories = Json.object().put("document-version", "2018-11-28");
        LABELS.forEach(l -> categories.withArray("labels").addObject().put("label", l));
        s3.putObject(
                b -> b.bucket(bucket).key("it/" + job + "/categories.json"),
                RequestBody.fromString(Json.write(categories)));
        ObjectNode request = request(bucket, input, "unused");
        request.put("LabelingJobName", job);
        request.put("LabelCategoryConfigS3Uri", "s3://" + bucket + "/it/" + job + "/categories.json");
        ((ObjectNode) request.get("OutputConfig")).remove("SnsTopicArn");
        ((ObjectNode) request.at("/InputConfig/DataSource"))
                .putObject("S3DataSource")
                .put("ManifestS3Uri", "s3://" + bucket + "/it/" + job + "/input.manifest");
        ApiClient requester = runtime.api(runtime.token("stream-requester", Set.of("requesters")));
        ApiClient worker = runtime.api(runtime.token("stream-worker-2", Set.of("workers")));
        requester.expect(requester.post("/jobs", request), "create");
        requester.awaitJob(job, Set.of("InProgress"), WAIT);

        Map<String, String> labelOf = new HashMap<>();
        labelAll(worker, job, labelOf, 2);
        assertThat(labelOf).containsOnlyKeys("first", "second");
        sns.publish(b -> b.topicArn(input).message("{\"source\":\"third\"}"));
        labelAll(worker, job, labelOf, 3);
        await("the third object in the output manifest")
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> outputLines(s3, bucket, job) == 3);

        requester.expect(requester.post("/jobs/" + job + "/stop", null), "stop");
        JsonNode stopped = requester.awaitJob(job, Set.of("Stopped"), WAIT);
        assertThat(stopped.at("/LabelCounters/HumanLabeled").asInt()).isEqualTo(3);
        assertThat(outputManifest(s3, bucket, job))
                .extracting(text -> Json.parse(text).get("source").asText())
                .containsExactly("first", "second", "third");
    }

    @Test
    void aJobWhoseInputTopicDoesNotExistFailsNamingIt() throws Exception {
        String job = "it-streaming-no-topic";
        VerityRuntime runtime = SharedRuntime.get();
        String missing = "arn:aws:sns:us-east-1:000000000000:it-stream-never-made";
        ObjectNode request = request(runtime.bucket(), missing, "unused");
        request.put("LabelingJobName", job);
        ((ObjectNode) request.get("OutputConfig")).remove("SnsTopicArn");
        ApiClient requester = runtime.api(runtime.token("stream-requester", Set.of("requesters")));

        requester.expect(requester.post("/jobs", request), "create");
        JsonNode failed = requester.awaitJob(job, Set.of("Failed"), WAIT);

        assertThat(failed.get("LabelingJobStatus").asText()).isEqualTo("Failed");
        assertThat(failed.get("FailureReason").asText()).contains("it-stream-never-made");
    }

    /** Takes and answers tasks until {@code expected} objects have a label. */
    private static void labelAll(ApiClient worker, String job, Map<String, String> labelOf, int expected)
            throws IOException {
        while (labelOf.size() < expected) {
            JsonNode task = LocalJobs.take(worker, job, WAIT.toMillis());
            assertThat(task)
                    .as("a task for object %d of %d", labelOf.size() + 1, expected)
                    .isNotNull();
            String text = task.at("/taskInput/taskObject").asText();
            String label = LABELS.get(text.hashCode() & 1);
            assertThat(labelOf.put(text, label))
                    .as("one task per object: " + text)
                    .isNull();
            ObjectNode body = Json.object();
            body.putObject("answerContent").putObject("crowd-classifier").put("label", label);
            worker.expect(
                    worker.post(
                            "/worker/assignments/" + task.get("assignmentId").asText(), body),
                    "submit");
        }
    }

    /** Counts the output topic's messages by the object's de-duplication id. */
    private static void receive(SqsClient sqs, String url, Map<String, Integer> published) {
        for (Message message :
                sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)).messages()) {
            JsonNode line = Json.parse(Json.parse(message.body()).get("Message").asText());
            published.merge(line.get("review-id").asText(), 1, Integer::sum);
            sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(message.receiptHandle()));
        }
    }

    private static long outputLines(S3Client s3, String bucket, String job) {
        try {
            return outputManifest(s3, bucket, job).size();
        } catch (software.amazon.awssdk.services.s3.model.NoSuchKeyException e) {
            return 0;
        }
    }

    private static List<String> outputManifest(S3Client s3, String bucket, String job) {
        String text = s3.getObjectAsBytes(
                        b -> b.bucket(bucket).key("it-output/" + job + "/manifests/output/output.manifest"))
                .asString(StandardCharsets.UTF_8);
        return text.lines().filter(l -> !l.isBlank()).toList();
    }

    private static ObjectNode request(String bucket, String inputTopic, String outputTopic) {
        return (ObjectNode) Json.parse("""
                {"LabelingJobName": "%1$s", "LabelAttributeName": "sentiment",
                 "InputConfig": {"DataSource": {"SnsDataSource": {"SnsTopicArn": "%3$s"}}},
                 "OutputConfig": {"S3OutputPath": "s3://%2$s/it-output", "SnsTopicArn": "%4$s"},
                 "RoleArn": "arn:aws:iam::000000000000:role/verity-it",
                 "LabelCategoryConfigS3Uri": "s3://%2$s/it/%1$s/categories.json",
                 "HumanTaskConfig": {
                   "WorkteamArn": "arn:aws:sagemaker:us-east-1:000000000000:workteam/private-crowd/Everyone-in-private-workforce",
                   "UiConfig": {"UiTemplateS3Uri": "s3://%2$s/templates/t.html"},
                   "PreHumanTaskLambdaArn": "arn:aws:lambda:us-east-1:432418664414:function:PRE-TextMultiClass",
                   "TaskTitle": "Positive or negative?", "TaskDescription": "Read the review",
                   "NumberOfHumanWorkersPerDataObject": 1, "TaskTimeLimitInSeconds": 60,
                   "TaskAvailabilityLifetimeInSeconds": 3600, "MaxConcurrentTaskCount": 8,
                   "AnnotationConsolidationConfig": {"AnnotationConsolidationLambdaArn": "arn:aws:lambda:us-east-1:432418664414:function:ACS-TextMultiClass"}}}
                """.formatted(JOB, bucket, inputTopic, outputTopic));
    }
}
