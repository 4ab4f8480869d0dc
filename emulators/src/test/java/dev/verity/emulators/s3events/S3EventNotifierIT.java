package dev.verity.emulators.s3events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.emulators.S3Emulator;
import dev.verity.emulators.SqsEmulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** Real SDK clients against an S3Proxy decorated with the notifier, delivering to ElasticMQ. */
class S3EventNotifierIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REGION = "eu-central-1";
    private static final Set<String> ALL_EVENTS = Set.of("s3:ObjectCreated:*", "s3:ObjectRemoved:*");

    /** The example of AWS's "Event message structure" page (S3 user guide), for its shape. */
    private static final String AWS_EXAMPLE = """
      {"Records":[{
        "eventVersion":"2.1",
        "eventSource":"aws:s3",
        "awsRegion":"us-west-2",
        "eventTime":"1970-01-01T00:00:00.000Z",
        "eventName":"ObjectCreated:Put",
        "userIdentity":{"principalId":"AIDAJDPLRKLG7UEXAMPLE"},
        "requestParameters":{"sourceIPAddress":"172.16.0.1"},
        "responseElements":{
          "x-amz-request-id":"C3D13FE58DE4C810",
          "x-amz-id-2":"FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD"},
        "s3":{
          "s3SchemaVersion":"1.0",
          "configurationId":"testConfigRule",
          "bucket":{"name":"amzn-s3-demo-bucket","ownerIdentity":{"principalId":"A3NL1KOZZKExample"},
                    "arn":"arn:aws:s3:::amzn-s3-demo-bucket"},
          "object":{"key":"HappyFace.jpg","size":1024,"eTag":"d41d8cd98f00b204e9800998ecf8427e",
                    "sequencer":"0055AED6DCD90281E5"}}}]}
      """;

    private static final S3EventNotifier notifier = new S3EventNotifier(REGION);
    private static S3Emulator s3Emulator;
    private static SqsEmulator sqsEmulator;
    private static S3Client s3;
    private static SqsClient sqs;

    @BeforeAll
    static void start() {
        s3Emulator = S3Emulator.builder().decorator(notifier::decorate).start();
        sqsEmulator = SqsEmulator.start(REGION);
        s3 = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(REGION))
                .credentialsProvider(credentials())
                .endpointOverride(s3Emulator.endpoint())
                .forcePathStyle(true)
                .build();
        sqs = sqsClient(sqsEmulator.endpoint());
    }

    @AfterAll
    static void stop() {
        s3.close();
        sqs.close();
        s3Emulator.close();
        sqsEmulator.close();
    }

    @Test
    void putSendsAwsShapedRecord() throws Exception {
        String queue = queue("put");
        bucket("put-bucket");
        notifier.configure(sqs, List.of(new NotificationRule("on-put", "put-bucket", null, null, ALL_EVENTS, queue)));

        String eTag = s3.putObject(b -> b.bucket("put-bucket").key("jobs/a.json"), RequestBody.fromString("{\"a\":1}"))
                .eTag();

        JsonNode record = single(drain(queue));
        assertSameShape(record, JSON.readTree(AWS_EXAMPLE).path("Records").path(0), "$");
        assertThat(record.path("eventVersion").asText()).isEqualTo("2.1");
        assertThat(record.path("eventSource").asText()).isEqualTo("aws:s3");
        assertThat(record.path("awsRegion").asText()).isEqualTo(REGION);
        assertThat(record.path("eventTime").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(record.path("eventName").asText()).isEqualTo("ObjectCreated:Put");
        assertThat(record.path("userIdentity").path("principalId").asText()).isNotEmpty();
        assertThat(record.path("requestParameters").path("sourceIPAddress").asText())
                .isEqualTo("127.0.0.1");
        assertThat(record.path("responseElements").path("x-amz-request-id").asText())
                .matches("[0-9A-F]{16}");
        assertThat(record.path("responseElements").path("x-amz-id-2").asText()).isNotEmpty();
        JsonNode s3Node = record.path("s3");
        assertThat(s3Node.path("s3SchemaVersion").asText()).isEqualTo("1.0");
        assertThat(s3Node.path("configurationId").asText()).isEqualTo("on-put");
        assertThat(s3Node.path("bucket").path("name").asText()).isEqualTo("put-bucket");
        assertThat(s3Node.path("bucket")
                        .path("ownerIdentity")
                        .path("principalId")
                        .asText())
                .isNotEmpty();
        assertThat(s3Node.path("bucket").path("arn").asText()).isEqualTo("arn:aws:s3:::put-bucket");
        JsonNode object = s3Node.path("object");
        assertThat(object.path("key").asText()).isEqualTo("jobs/a.json");
        assertThat(object.path("size").isIntegralNumber()).isTrue();
        assertThat(object.path("size").asLong()).isEqualTo(7);
        assertThat(object.path("eTag").asText()).isEqualTo(unquoted(eTag)).isEqualTo(md5Hex("{\"a\":1}"));
        assertThat(object.path("sequencer").asText()).matches("[0-9A-F]{18}");
    }

    @Test
    void multipartUploadSendsOneCompleteMultipartUploadRecord() {
        String queue = queue("multipart");
        bucket("mpu-bucket");
        notifier.configure(sqs, List.of(new NotificationRule("mpu", "mpu-bucket", null, null, ALL_EVENTS, queue)));

        String uploadId = s3.createMultipartUpload(b -> b.bucket("mpu-bucket").key("big.bin"))
                .uploadId();
        byte[] part1 = new byte[5 * 1024 * 1024];
        Arrays.fill(part1, (byte) 'a');
        byte[] part2 = "tail".getBytes(StandardCharsets.UTF_8);
        String eTag1 = s3.uploadPart(
                        b -> b.bucket("mpu-bucket")
                                .key("big.bin")
                                .uploadId(uploadId)
                                .partNumber(1),
                        RequestBody.fromBytes(part1))
                .eTag();
        String eTag2 = s3.uploadPart(
                        b -> b.bucket("mpu-bucket")
                                .key("big.bin")
                                .uploadId(uploadId)
                                .partNumber(2),
                        RequestBody.fromBytes(part2))
                .eTag();
        String eTag = s3.completeMultipartUpload(b -> b.bucket("mpu-bucket")
                        .key("big.bin")
                        .uploadId(uploadId)
                        .multipartUpload(m -> m.parts(
                                CompletedPart.builder()
                                        .partNumber(1)
                                        .eTag(eTag1)
                                        .build(),
                                CompletedPart.builder()
                                        .partNumber(2)
                                        .eTag(eTag2)
                                        .build())))
                .eTag();

        // one message: S3Proxy's hidden upload stub is neither reported as created nor as removed
        JsonNode record = single(drain(queue));
        assertThat(record.path("eventName").asText()).isEqualTo("ObjectCreated:CompleteMultipartUpload");
        JsonNode object = record.path("s3").path("object");
        assertThat(object.path("key").asText()).isEqualTo("big.bin");
        assertThat(object.path("size").asLong()).isEqualTo(part1.length + part2.length);
        assertThat(object.path("eTag").asText()).isEqualTo(unquoted(eTag));
    }

    @Test
    void copyReportsTheDestination() {
        String queue = queue("copy");
        bucket("copy-bucket");
        s3.putObject(b -> b.bucket("copy-bucket").key("from.txt"), RequestBody.fromString("copied"));
        notifier.configure(sqs, List.of(new NotificationRule("copies", "copy-bucket", "to/", null, ALL_EVENTS, queue)));

        s3.copyObject(b -> b.sourceBucket("copy-bucket")
                .sourceKey("from.txt")
                .destinationBucket("copy-bucket")
                .destinationKey("to/copy.txt"));

        JsonNode record = single(drain(queue));
        assertThat(record.path("eventName").asText()).isEqualTo("ObjectCreated:Copy");
        assertThat(record.path("s3").path("object").path("key").asText()).isEqualTo("to/copy.txt");
        assertThat(record.path("s3").path("object").path("size").asLong()).isEqualTo(6);
        assertThat(record.path("s3").path("object").path("eTag").asText()).isEqualTo(md5Hex("copied"));
    }

    @Test
    void deleteAndDeleteObjectsSendObjectRemovedDelete() {
        String queue = queue("delete");
        bucket("delete-bucket");
        for (String key : List.of("one.txt", "two.txt", "three.txt")) {
            s3.putObject(b -> b.bucket("delete-bucket").key(key), RequestBody.fromString(key));
        }
        notifier.configure(
                sqs,
                List.of(new NotificationRule(
                        "removals", "delete-bucket", null, null, Set.of("s3:ObjectRemoved:*"), queue)));

        s3.deleteObject(b -> b.bucket("delete-bucket").key("one.txt"));
        s3.deleteObjects(b -> b.bucket("delete-bucket")
                .delete(d -> d.objects(
                        ObjectIdentifier.builder().key("two.txt").build(),
                        ObjectIdentifier.builder().key("three.txt").build())));

        List<JsonNode> records = drain(queue);
        assertThat(records).extracting(r -> r.path("eventName").asText()).containsOnly("ObjectRemoved:Delete");
        assertThat(records)
                .extracting(r -> r.path("s3").path("object").path("key").asText())
                .containsExactlyInAnyOrder("one.txt", "two.txt", "three.txt");
        assertThat(records.get(0).path("s3").path("object").fieldNames())
                .toIterable()
                .containsExactly("key", "sequencer");
    }

    @Test
    void prefixSuffixEventAndBucketFiltersSelectTheRules() {
        String created = queue("filter-created");
        String removed = queue("filter-removed");
        bucket("filtered");
        bucket("elsewhere");
        notifier.configure(
                sqs,
                List.of(
                        new NotificationRule(
                                "json-jobs", "filtered", "jobs/", ".json", Set.of("s3:ObjectCreated:*"), created),
                        new NotificationRule(
                                "deletes", "filtered", null, null, Set.of("s3:ObjectRemoved:Delete"), removed),
                        new NotificationRule("elsewhere-in", "elsewhere", "in/", null, ALL_EVENTS, created)));

        for (String key : List.of("jobs/a.json", "jobs/a.txt", "other/a.json", "jobs/sub/b.json")) {
            s3.putObject(b -> b.bucket("filtered").key(key), RequestBody.fromString(key));
        }
        s3.putObject(b -> b.bucket("elsewhere").key("jobs/x.json"), RequestBody.fromString("x"));
        s3.deleteObject(b -> b.bucket("filtered").key("jobs/a.txt"));

        assertThat(drain(created))
                .extracting(r -> r.path("s3").path("object").path("key").asText())
                .containsExactlyInAnyOrder("jobs/a.json", "jobs/sub/b.json");
        List<JsonNode> removals = drain(removed);
        assertThat(removals)
                .extracting(r -> r.path("s3").path("object").path("key").asText())
                .containsExactly("jobs/a.txt");
        assertThat(removals.get(0).path("s3").path("configurationId").asText()).isEqualTo("deletes");
    }

    @Test
    void keysWithSpacesAndUnicodeAreUrlEncodedAndFilteredEncoded() {
        String queue = queue("encoding");
        bucket("encoding-bucket");
        notifier.configure(
                sqs, List.of(new NotificationRule("spaced", "encoding-bucket", "my+photos/", null, ALL_EVENTS, queue)));

        String key = "my photos/red flower grüße+1=€.jpg";
        s3.putObject(b -> b.bucket("encoding-bucket").key(key), RequestBody.fromString("img"));
        s3.putObject(b -> b.bucket("encoding-bucket").key("my+photos/literal-plus.jpg"), RequestBody.fromString("p"));

        JsonNode record = single(drain(queue));
        assertThat(record.path("s3").path("object").path("key").asText())
                .isEqualTo("my+photos/red+flower+gr%C3%BC%C3%9Fe%2B1%3D%E2%82%AC.jpg");
        assertThat(s3.getObjectAsBytes(b -> b.bucket("encoding-bucket").key(key))
                        .asUtf8String())
                .isEqualTo("img");
    }

    @Test
    void everyMatchingRuleGetsItsOwnMessageAndSequencersIncrease() {
        String first = queue("rules-first");
        String second = queue("rules-second");
        bucket("rules-bucket");
        notifier.configure(
                sqs,
                List.of(
                        new NotificationRule("first", "rules-bucket", null, null, ALL_EVENTS, first),
                        new NotificationRule(
                                "second", "rules-bucket", null, ".txt", Set.of("s3:ObjectCreated:Put"), second)));

        s3.putObject(b -> b.bucket("rules-bucket").key("k.txt"), RequestBody.fromString("1"));
        s3.putObject(b -> b.bucket("rules-bucket").key("k.txt"), RequestBody.fromString("22"));
        s3.deleteObject(b -> b.bucket("rules-bucket").key("k.txt"));

        List<JsonNode> toFirst = drain(first);
        List<JsonNode> toSecond = drain(second);
        assertThat(toFirst)
                .hasSize(3)
                .allMatch(r -> r.path("s3").path("configurationId").asText().equals("first"));
        assertThat(toSecond)
                .hasSize(2)
                .allMatch(r -> r.path("s3").path("configurationId").asText().equals("second"));
        // the same event carries the same sequencer to every rule; later events on the key carry greater ones
        List<String> sentToFirst =
                toFirst.stream().map(S3EventNotifierIT::sequencer).toList();
        assertThat(toSecond).extracting(S3EventNotifierIT::sequencer).allMatch(sentToFirst::contains);
        String firstPut = sequencer(
                find(toFirst, r -> r.path("s3").path("object").path("size").asLong() == 1));
        String secondPut = sequencer(
                find(toFirst, r -> r.path("s3").path("object").path("size").asLong() == 2));
        String delete =
                sequencer(find(toFirst, r -> r.path("eventName").asText().equals("ObjectRemoved:Delete")));
        assertThat(List.of(firstPut, secondPut, delete)).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void failedDeliveryDoesNotFailTheWriteNorOtherRules() {
        String queue = queue("survivor");
        bucket("failing-bucket");
        notifier.configure(
                sqs,
                List.of(
                        new NotificationRule(
                                "missing", "failing-bucket", null, null, ALL_EVENTS, sqsEmulator.queueUrl("no-such")),
                        new NotificationRule("fine", "failing-bucket", null, null, ALL_EVENTS, queue)));

        s3.putObject(b -> b.bucket("failing-bucket").key("kept.txt"), RequestBody.fromString("kept"));

        assertThat(s3.getObjectAsBytes(b -> b.bucket("failing-bucket").key("kept.txt"))
                        .asUtf8String())
                .isEqualTo("kept");
        assertThat(single(drain(queue)).path("s3").path("configurationId").asText())
                .isEqualTo("fine");
    }

    @Test
    void unreachableSqsDoesNotFailTheWrite() throws IOException {
        bucket("unreachable-bucket");
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        URI nowhere = URI.create("http://127.0.0.1:" + closedPort);
        try (SqsClient unreachable = sqsClient(nowhere)) {
            notifier.configure(
                    unreachable,
                    List.of(new NotificationRule(
                            "nowhere",
                            "unreachable-bucket",
                            null,
                            null,
                            ALL_EVENTS,
                            nowhere + "/" + SqsEmulator.ACCOUNT_ID + "/gone")));

            s3.putObject(b -> b.bucket("unreachable-bucket").key("still.txt"), RequestBody.fromString("here"));
            s3.deleteObject(b -> b.bucket("unreachable-bucket").key("still.txt"));
            s3.putObject(b -> b.bucket("unreachable-bucket").key("still.txt"), RequestBody.fromString("again"));
        }
        assertThat(s3.getObjectAsBytes(b -> b.bucket("unreachable-bucket").key("still.txt"))
                        .asUtf8String())
                .isEqualTo("again");
    }

    @Test
    void testEventsGoOncePerBucketAndQueue() throws Exception {
        String queue = queue("test-events");
        bucket("test-event-bucket");
        notifier.configure(
                sqs,
                List.of(
                        new NotificationRule(
                                "created", "test-event-bucket", null, null, Set.of("s3:ObjectCreated:*"), queue),
                        new NotificationRule(
                                "removed", "test-event-bucket", null, null, Set.of("s3:ObjectRemoved:*"), queue)));

        notifier.sendTestEvents();

        List<Message> messages = receiveAll(queue);
        assertThat(messages).hasSize(1);
        JsonNode event = JSON.readTree(messages.get(0).body());
        assertThat(event.path("Event").asText()).isEqualTo("s3:TestEvent");
        assertThat(event.path("Bucket").asText()).isEqualTo("test-event-bucket");
        assertThat(event.path("Service").asText()).isEqualTo("Amazon S3");
    }

    @Test
    void unconfiguredBucketsNotifyNobody() {
        String queue = queue("quiet");
        bucket("quiet-bucket");
        notifier.configure(sqs, List.of(new NotificationRule("other", "not-this-one", null, null, ALL_EVENTS, queue)));

        s3.putObject(b -> b.bucket("quiet-bucket").key("k"), RequestBody.fromString("v"));

        assertThat(drain(queue)).isEmpty();
    }

    /** Same field names in the same order, recursively; {@code versionId} only appears for versioned buckets. */
    private static void assertSameShape(JsonNode actual, JsonNode expected, String path) {
        if (!expected.isObject()) {
            assertThat(actual.getNodeType()).as(path).isEqualTo(expected.getNodeType());
            return;
        }
        List<String> names = new ArrayList<>();
        actual.fieldNames().forEachRemaining(names::add);
        List<String> expectedNames = new ArrayList<>();
        expected.fieldNames().forEachRemaining(expectedNames::add);
        assertThat(names).as(path).isEqualTo(expectedNames);
        for (Iterator<String> it = expected.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            assertSameShape(actual.path(name), expected.path(name), path + "." + name);
        }
    }

    private static JsonNode find(List<JsonNode> records, Predicate<JsonNode> condition) {
        return records.stream().filter(condition).findFirst().orElseThrow();
    }

    private static String sequencer(JsonNode record) {
        return record.path("s3").path("object").path("sequencer").asText();
    }

    private static JsonNode single(List<JsonNode> records) {
        assertThat(records).hasSize(1);
        return records.get(0);
    }

    /** The event records in the queue. Delivery happens before S3 answers, so everything is there already. */
    private static List<JsonNode> drain(String queueUrl) {
        List<JsonNode> records = new ArrayList<>();
        for (Message message : receiveAll(queueUrl)) {
            try {
                JsonNode body = JSON.readTree(message.body());
                assertThat(body.path("Records")).hasSize(1);
                records.add(body.path("Records").path(0));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return records;
    }

    private static List<Message> receiveAll(String queueUrl) {
        List<Message> messages = new ArrayList<>();
        while (true) {
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(queueUrl)
                            .maxNumberOfMessages(10)
                            .visibilityTimeout(60)
                            .waitTimeSeconds(1))
                    .messages();
            if (batch.isEmpty()) {
                return messages;
            }
            messages.addAll(batch);
        }
    }

    private static String queue(String name) {
        return sqs.createQueue(b -> b.queueName(name)).queueUrl();
    }

    private static void bucket(String name) {
        s3.createBucket(b -> b.bucket(name));
    }

    private static String unquoted(String eTag) {
        return eTag.replace("\"", "");
    }

    private static String md5Hex(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
    }

    private static SqsClient sqsClient(URI endpoint) {
        return SqsClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(REGION))
                .credentialsProvider(credentials())
                .endpointOverride(endpoint)
                .build();
    }
}
