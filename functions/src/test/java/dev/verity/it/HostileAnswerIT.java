package dev.verity.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.aws.AwsClients;
import dev.verity.aws.Environment;
import dev.verity.emulators.Emulators;
import dev.verity.emulators.EmulatorsExtension;
import dev.verity.emulators.lambda.LambdaEmulator;
import dev.verity.emulators.lambda.LambdaFunctionException;
import dev.verity.handler.Services;
import dev.verity.json.Json;
import dev.verity.tasktype.PngFiles;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * Hostile worker answers (issue 10): for every task type, answers of the wrong shape, with labels outside the label
 * set, boxes outside the image, spans outside the text, broken and oversized PNG masks, and answers sent for tasks
 * the caller does not hold. Each is refused with its status and a reason naming the problem, and nothing already
 * accepted changes: the other object's accepted answer stays as it was, the held task takes no answer and stays
 * with its worker, and the job stays InProgress.
 *
 * <p>One job per task type, of two 64x64 images (or two texts): worker {@value #GOOD} answered object 0 validly in
 * setup; worker {@value #ATTACKER} holds object 1 and sends every hostile answer for it.
 */
@ExtendWith(EmulatorsExtension.class)
class HostileAnswerIT {

    private static final String GOOD = "good-worker";
    private static final String ATTACKER = "attacker";
    private static final String SUBMIT = "POST /worker/assignments/{id}";
    private static final String RELEASE = "POST /worker/assignments/{id}/release";
    private static final String DECLINE = "POST /worker/assignments/{id}/decline";
    private static final String TEXT = "Alice met Bob in Paris";
    private static final int SIDE = 64;
    private static final String ROAD = "#f28333";

    /** A job of one task type, with the accepted answer of object 0 and the attacker's held task of object 1. */
    record Held(JobDriver job, String acceptedAssignment, String heldAssignment) {}

    private static final Map<String, Held> JOBS = new LinkedHashMap<>();
    private static LambdaEmulator lambda;
    private static S3Client s3;

    @BeforeAll
    static void setUp(Emulators emulators) throws IOException {
        // A custom job's pre-annotation Lambda, served by the emulators' Lambda Invoke API.
        lambda = LambdaEmulator.start(HostileAnswerIT::invoke, Emulators.DEFAULT_REGION);
        Map<String, String> env = new HashMap<>(Environment.current().values());
        env.put(Emulators.ENV_LAMBDA, lambda.endpoint().toString());
        Services services = new Services(new Environment(env));
        AwsClients clients = new AwsClients(Environment.current());
        s3 = clients.s3();
        SfnClient sfn = clients.sfn();
        put(
                "hostile-answers/categories.json",
                "{\"document-version\":\"2018-11-28\",\"labels\":[{\"label\":\"cat\"},{\"label\":\"dog\"}]}");
        put(
                "hostile-answers/ner-categories.json",
                "{\"document-version\":\"2018-11-28\",\"labels\":[{\"label\":"
                        + "\"cat\"},{\"label\":\"dog\"}],\"instructions\":{\"shortInstruction\":\"Mark names\","
                        + "\"fullInstruction\":\"Mark every name\"}}");
        byte[] image = png(whiteImage(SIDE, SIDE));
        for (int i = 0; i < 2; i++) {
            int n = i;
            s3.putObject(
                    b -> b.bucket(CatalogResources.BUCKET).key("hostile-answers/img-" + n + ".png"),
                    RequestBody.fromBytes(image));
        }
        // %d: the object's number
        String imageLine = "{\"source-ref\":\"s3://verity-data/hostile-answers/img-%d.png\"}";
        String textLine = Json.write(Json.object().put("source", TEXT));
        String priorBoxes = "{\"source-ref\":\"s3://verity-data/hostile-answers/img-%d.png\","
                + "\"prior\":{\"annotations\":[{\"class_id\":0,\"left\":1,\"top\":1,\"width\":10,\"height\":10}],\"image_size\":[{\"width\":64,\"height\":64,"
                + "\"depth\":3}]},\"prior-metadata\":{\"type\":\"groundtruth/object-detection\",\"class-map\":"
                + "{\"0\":\"cat\"},\"objects\":[{\"confidence\":0.9}]}}";

        start(
                emulators,
                sfn,
                services,
                "ImageMultiClass",
                "label",
                imageLine,
                null,
                Json.parse("{\"crowd-image-classifier\":{\"label\":\"cat\"}}"));
        start(
                emulators,
                sfn,
                services,
                "ImageMultiClassMultiLabel",
                "label",
                imageLine,
                null,
                Json.parse("{\"crowd-image-classifier-multi-select\":{\"labels\":[\"cat\"]}}"));
        start(
                emulators,
                sfn,
                services,
                "TextMultiClass",
                "label",
                textLine,
                null,
                Json.parse("{\"crowd-classifier\":{\"label\":\"cat\"}}"));
        start(
                emulators,
                sfn,
                services,
                "TextMultiClassMultiLabel",
                "label",
                textLine,
                null,
                Json.parse("{\"crowd-classifier-multi-select\":{\"labels\":[\"cat\"]}}"));
        start(emulators, sfn, services, "BoundingBox", "label", imageLine, null, box(1, 1, 10, 10));
        start(
                emulators,
                sfn,
                services,
                "AdjustmentBoundingBox",
                "label",
                priorBoxes,
                null,
                adjusted(box(1, 1, 10, 10)));
        start(
                emulators,
                sfn,
                services,
                "VerificationBoundingBox",
                "label",
                priorBoxes,
                null,
                Json.parse("{\"crowd-image-classifier\":{\"label\":\"cat\"}}"));
        start(
                emulators,
                sfn,
                services,
                "SemanticSegmentation",
                "mask-ref",
                imageLine,
                null,
                mask(SIDE, SIDE, png(whiteImage(SIDE, SIDE))));
        start(
                emulators,
                sfn,
                services,
                "NamedEntityRecognition",
                "label",
                textLine,
                "ner-categories.json",
                entities("{\"label\":\"cat\",\"startOffset\":0,\"endOffset\":5}"));
        start(
                emulators,
                sfn,
                services,
                "Custom",
                "label",
                textLine,
                null,
                Json.parse("{\"sentiment\":{\"label\":\"cat\"}}"));
    }

    @AfterAll
    static void tearDown() {
        lambda.close();
    }

    /** The custom job's pre-annotation Lambda: the text is the task's input. */
    private static String invoke(String function, String payload) {
        if (!function.equals("verity-custom-hostile-pre")) {
            throw new LambdaFunctionException("ResourceNotFoundException", function, null);
        }
        ObjectNode response = Json.object().put("humanAnnotationRequired", true);
        response.putObject("taskInput")
                .put("text", Json.parse(payload).at("/dataObject/source").asText());
        return Json.write(response);
    }

    /** One hostile request, what it must be answered with, and the reason's telling fragment. */
    record Case(
            String name,
            String type,
            String route,
            Function<Held, String> assignment,
            String caller,
            Function<Held, String> body,
            int status,
            String reason) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> hostileAnswers() {
        List<Case> cases = List.of(
                // Image classification, one label
                refused(
                        "an image label outside the label set", "ImageMultiClass",
                        "{\"crowd-image-classifier\":{\"label\":\"horse\"}}", "unknown label \"horse\""),
                refused(
                        "an image label that is a number", "ImageMultiClass",
                        "{\"crowd-image-classifier\":{\"label\":7}}",
                                "\"crowd-image-classifier.label\" is not a string"),
                refused(
                        "an image answer without its element",
                        "ImageMultiClass",
                        "{}",
                        "\"crowd-image-classifier\" is missing"),
                refused(
                        "an image answer with a field the form has not",
                        "ImageMultiClass",
                        "{\"crowd-image-classifier\":{\"label\":\"cat\",\"confidence\":1}}",
                        "unexpected field \"crowd-image-classifier.confidence\""),
                raw(
                        "a body without answerContent",
                        "ImageMultiClass",
                        "{\"label\":\"cat\"}",
                        400,
                        "the body must be {\"answerContent\": {...}}"),
                raw(
                        "a body that is not JSON",
                        "ImageMultiClass",
                        "{\"answerContent\": {",
                        400,
                        "the body is not valid JSON"),
                raw(
                        "an answerContent that is a string",
                        "ImageMultiClass",
                        "{\"answerContent\": \"cat\"}",
                        400,
                        "the body must be {\"answerContent\": {...}}"),
                raw("an empty body", "ImageMultiClass", "", 400, "the request needs a JSON body"),
                new Case(
                        "a label of a megabyte",
                        "ImageMultiClass",
                        SUBMIT,
                        Held::heldAssignment,
                        ATTACKER,
                        h -> "{\"answerContent\":{\"crowd-image-classifier\":{\"label\":\"" + "x".repeat(1 << 20)
                                + "\"}}}",
                        400,
                        "unknown label \"xxxx"),
                // Image classification, several labels
                refused(
                        "no label ticked", "ImageMultiClassMultiLabel",
                        "{\"crowd-image-classifier-multi-select\":{\"labels\":[]}}", "is empty; tick at least one"),
                refused(
                        "a label ticked twice",
                        "ImageMultiClassMultiLabel",
                        "{\"crowd-image-classifier-multi-select\":{\"labels\":[\"cat\",\"cat\"]}}",
                        "label \"cat\" is ticked twice"),
                refused(
                        "labels that are not a list",
                        "ImageMultiClassMultiLabel",
                        "{\"crowd-image-classifier-multi-select\":{\"labels\":\"cat\"}}",
                        "\"crowd-image-classifier-multi-select.labels\" is not an array"),
                // Text classification, one label and several
                refused(
                        "a text label outside the label set", "TextMultiClass",
                        "{\"crowd-classifier\":{\"label\":\"Cat\"}}", "unknown label \"Cat\""),
                refused(
                        "a worker comment that is not text",
                        "TextMultiClass",
                        "{\"crowd-classifier\":{\"label\":\"cat\",\"workerComment\":{\"a\":1}}}",
                        "\"crowd-classifier.workerComment\" is not a string"),
                refused(
                        "one unknown label among several", "TextMultiClassMultiLabel",
                        "{\"crowd-classifier-multi-select\":{\"labels\":[\"cat\",\"cow\"]}}", "unknown label \"cow\""),
                refused(
                        "a null among the labels", "TextMultiClassMultiLabel",
                        "{\"crowd-classifier-multi-select\":{\"labels\":[null]}}", "holds null, not a string"),
                // Bounding boxes
                refused(
                        "a box past the image's right edge",
                        "BoundingBox",
                        Json.write(box(60, 1, 10, 10)),
                        "box 0 is outside the 64x64 image"),
                refused(
                        "a box of negative width",
                        "BoundingBox",
                        Json.write(box(10, 10, -5, 10)),
                        "box 0: width and height must be greater than 0"),
                refused(
                        "a box at a negative position",
                        "BoundingBox",
                        Json.write(box(-20, 1, 10, 10)),
                        "box 0 is outside the 64x64 image"),
                refused(
                        "a box with a label outside the label set",
                        "BoundingBox",
                        Json.write(box(1, 1, 10, 10)).replace("\"cat\"", "\"car\""),
                        "box 0: unknown label \"car\""),
                refused(
                        "a box whose left is text",
                        "BoundingBox",
                        Json.write(box(1, 1, 10, 10)).replace("\"left\":1", "\"left\":\"1\""),
                        "\"boundingBox.boundingBoxes[0].left\" is not a number"),
                refused(
                        "a box at an infinite position",
                        "BoundingBox",
                        Json.write(box(1, 1, 10, 10)).replace("\"top\":1", "\"top\":1e400"),
                        "\"boundingBox.boundingBoxes[0].top\" is not a finite number"),
                refused(
                        "an image said to be 0 pixels wide",
                        "BoundingBox",
                        Json.write(box(1, 1, 10, 10)).replace("\"width\":64", "\"width\":0"),
                        "\"boundingBox.inputImageProperties.width\" must be a whole number of pixels, at least 1"),
                refused(
                        "an image said to be larger than it is, to fit a box outside it",
                        "BoundingBox",
                        Json.write(box(4000, 4000, 10, 10))
                                .replace("\"width\":64", "\"width\":5000")
                                .replace("\"height\":64", "\"height\":5000"),
                        "\"boundingBox.inputImageProperties\" says 5000x5000 but the image is 64x64"),
                refused("501 boxes", "BoundingBox", Json.write(boxes(501)), "501 boxes drawn; at most 500"),
                // Adjusted and verified boxes
                refused(
                        "an adjustment that does not say whether it changed the boxes",
                        "AdjustmentBoundingBox",
                        Json.write(box(1, 1, 10, 10)),
                        "\"boundingBox.initialValueModified\" is missing"),
                refused(
                        "an adjusted box outside the image",
                        "AdjustmentBoundingBox",
                        Json.write(adjusted(box(1, 60, 10, 10))),
                        "box 0 is outside the 64x64 image"),
                refused(
                        "a verdict outside the label set", "VerificationBoundingBox",
                        "{\"crowd-image-classifier\":{\"label\":\"maybe\"}}", "unknown label \"maybe\""),
                // Named entities
                refused(
                        "an entity ending past the text",
                        "NamedEntityRecognition",
                        Json.write(entities("{\"label\":\"cat\",\"startOffset\":17,\"endOffset\":40}")),
                        "endOffset 40 is past the end of the text, which is 22 characters"),
                refused(
                        "an entity that ends before it starts",
                        "NamedEntityRecognition",
                        Json.write(entities("{\"label\":\"cat\",\"startOffset\":5,\"endOffset\":2}")),
                        "entities[0]: startOffset 5 is not before endOffset 2"),
                refused(
                        "an entity at a negative offset",
                        "NamedEntityRecognition",
                        Json.write(entities("{\"label\":\"cat\",\"startOffset\":-1,\"endOffset\":2}")),
                        "startOffset\" is not a non-negative integer"),
                refused(
                        "two overlapping entities",
                        "NamedEntityRecognition",
                        Json.write(entities("{\"label\":\"cat\",\"startOffset\":0,\"endOffset\":5},"
                                + "{\"label\":\"dog\",\"startOffset\":3,\"endOffset\":9}")),
                        "entities must not share characters"),
                refused(
                        "an entity with a label outside the label set",
                        "NamedEntityRecognition",
                        Json.write(entities("{\"label\":\"PERSON\",\"startOffset\":0,\"endOffset\":5}")),
                        "entities[0]: unknown label \"PERSON\""),
                // Custom forms
                refused(
                        "a custom answer of more than a megabyte",
                        "Custom",
                        "{\"essay\":\"" + "y".repeat(1024 * 1024) + "\"}",
                        "bytes of JSON; at most 1048576"),
                raw(
                        "a custom answerContent that is an array",
                        "Custom",
                        "{\"answerContent\":[1,2]}",
                        400,
                        "the body must be {\"answerContent\": {...}}"),
                // Semantic segmentation: the answer around the mask
                refused(
                        "a mask mapping a label outside the label set",
                        "SemanticSegmentation",
                        Json.write(mask(SIDE, SIDE, png(whiteImage(SIDE, SIDE)), "bird", ROAD)),
                        "unknown label \"bird\""),
                refused(
                        "a mask colour that is a word",
                        "SemanticSegmentation",
                        Json.write(mask(SIDE, SIDE, png(whiteImage(SIDE, SIDE)), "cat", "red")),
                        "must be a colour \"#rrggbb\", got"),
                refused(
                        "an image said to be smaller than it is",
                        "SemanticSegmentation",
                        Json.write(mask(32, 32, png(whiteImage(32, 32)))),
                        "\"crowd-semantic-segmentation.inputImageProperties\" says 32x32 but the image is 64x64"),
                // Semantic segmentation: the PNG itself
                refused(
                        "a mask that is not a PNG",
                        "SemanticSegmentation",
                        Json.write(mask(SIDE, SIDE, "GIF89a not a png at all".getBytes(StandardCharsets.US_ASCII))),
                        "pngImageData\" is not a PNG image"),
                refused(
                        "a mask that is not base64",
                        "SemanticSegmentation",
                        Json.write(mask(SIDE, SIDE, new byte[0]))
                                .replace("\"pngImageData\":\"\"", "\"pngImageData\":\"!!not base64!!\""),
                        "is not valid base64"),
                refused(
                        "a mask declaring 100000x100000 pixels (a decompression bomb)",
                        "SemanticSegmentation",
                        Json.write(mask(SIDE, SIDE, PngFiles.zeroRows(100_000, 100_000, 8, 6, 4, 1))),
                        "is a 100000x100000 PNG; a mask has at least 1 and at most 100000000 pixels"),
                refused(
                        "a 64x64 mask whose data inflates to 200000 rows (a decompression bomb)",
                        "SemanticSegmentation",
                        Json.write(mask(SIDE, SIDE, transparentRows(SIDE, 200_000))),
                        "holds more image data than its 64x64 header says"),
                refused(
                        "a mask of 16 bits per channel",
                        "SemanticSegmentation",
                        Json.write(mask(SIDE, SIDE, PngFiles.zeroRows(SIDE, SIDE, 16, 6, 8, SIDE))),
                        "is a PNG of bit depth 16 and colour type 6"),
                refused(
                        "a grey mask (colour type 0)",
                        "SemanticSegmentation",
                        Json.write(mask(SIDE, SIDE, PngFiles.zeroRows(SIDE, SIDE, 8, 0, 1, SIDE))),
                        "is a PNG of bit depth 8 and colour type 0"),
                refused(
                        "a mask whose image data is cut short",
                        "SemanticSegmentation",
                        Json.write(mask(SIDE, SIDE, truncatedIdat())),
                        "is truncated"),
                refused(
                        "a mask whose chunk is damaged",
                        "SemanticSegmentation",
                        Json.write(mask(SIDE, SIDE, damagedCrc())),
                        "CRC does not match"),
                refused(
                        "a mask smaller than the image",
                        "SemanticSegmentation",
                        Json.write(mask(SIDE, SIDE, png(whiteImage(32, 32)))),
                        "the mask is 32x32 but the image is 64x64"),
                refused(
                        "a mask painted in a colour no label maps",
                        "SemanticSegmentation",
                        Json.write(mask(SIDE, SIDE, png(paintedImage(0x123456)))),
                        "has the colour #123456"),
                // Assignments the caller does not hold
                new Case(
                        "a garbage assignment id",
                        "ImageMultiClass",
                        SUBMIT,
                        h -> "not-an-assignment!",
                        ATTACKER,
                        h -> answerBody("{\"crowd-image-classifier\":{\"label\":\"cat\"}}"),
                        400,
                        "assignmentId: 'not-an-assignment!' is not an assignment id this API gave out"),
                new Case(
                        "an assignment id with a 20-digit object id",
                        "ImageMultiClass",
                        SUBMIT,
                        h -> forge(h.heldAssignment(), "12345678901234567890", ATTACKER),
                        ATTACKER,
                        h -> answerBody("{\"crowd-image-classifier\":{\"label\":\"cat\"}}"),
                        400,
                        "is not an assignment id this API gave out"),
                new Case(
                        "another worker's assignment",
                        "ImageMultiClass",
                        SUBMIT,
                        Held::heldAssignment,
                        "intruder",
                        h -> answerBody("{\"crowd-image-classifier\":{\"label\":\"dog\"}}"),
                        403,
                        "belongs to another worker"),
                new Case(
                        "an answer for an object the caller never claimed",
                        "ImageMultiClass",
                        SUBMIT,
                        h -> forge(h.acceptedAssignment(), "0", ATTACKER),
                        ATTACKER,
                        h -> answerBody("{\"crowd-image-classifier\":{\"label\":\"dog\"}}"),
                        404,
                        "no assignment with id"),
                new Case(
                        "an answer for a job that does not exist",
                        "ImageMultiClass",
                        SUBMIT,
                        h -> encode("no-such-job", "1", ATTACKER),
                        ATTACKER,
                        h -> answerBody("{\"crowd-image-classifier\":{\"label\":\"dog\"}}"),
                        404,
                        "no assignment with id"),
                new Case(
                        "an answer for a job whose name is 3000 characters long",
                        "ImageMultiClass",
                        SUBMIT,
                        h -> encode("j".repeat(3000), "1", ATTACKER),
                        ATTACKER,
                        h -> answerBody("{\"crowd-image-classifier\":{\"label\":\"dog\"}}"),
                        404,
                        "no assignment with id"),
                new Case(
                        "a second answer to a submitted assignment",
                        "ImageMultiClass",
                        SUBMIT,
                        Held::acceptedAssignment,
                        GOOD,
                        h -> answerBody("{\"crowd-image-classifier\":{\"label\":\"dog\"}}"),
                        200,
                        "SUBMITTED"),
                new Case(
                        "releasing a submitted assignment",
                        "ImageMultiClass",
                        RELEASE,
                        Held::acceptedAssignment,
                        GOOD,
                        h -> null,
                        409,
                        "was submitted and cannot be released"),
                new Case(
                        "declining a submitted assignment",
                        "ImageMultiClass",
                        DECLINE,
                        Held::acceptedAssignment,
                        GOOD,
                        h -> null,
                        409,
                        "was submitted and cannot be declined"),
                new Case(
                        "releasing another worker's task",
                        "BoundingBox",
                        RELEASE,
                        Held::heldAssignment,
                        "intruder",
                        h -> null,
                        403,
                        "belongs to another worker"));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileAnswers")
    void aHostileAnswerIsRefusedWithItsReasonAndChangesNothing(Case c) throws IOException {
        Held held = JOBS.get(c.type());
        String before = accepted(held);

        String body = c.body().apply(held);
        ObjectNode event =
                ApiEvents.request(c.route(), Map.of("id", c.assignment().apply(held)), null, c.caller());
        if (body != null) {
            event.put("body", body);
        }
        JsonNode response = held.job().workers.handle(event, null);

        assertThat(ApiEvents.status(response)).as(abbreviated(response)).isEqualTo(c.status());
        JsonNode answer = ApiEvents.body(response);
        assertThat(
                        c.status() == 200
                                ? answer.path("status").asText()
                                : answer.path("message").asText())
                .as(abbreviated(response))
                .contains(c.reason());
        // Nothing accepted changed: object 0's answer, object 1 has none, the attacker still holds it.
        assertThat(accepted(held)).isEqualTo(before);
        assertThat(answers(held, "1")).isEmpty();
        assertThat(ApiEvents.body(held.job().next(ATTACKER))
                        .path("assignmentId")
                        .asText())
                .isEqualTo(held.heldAssignment());
        assertThat(ApiEvents.body(held.job()
                                .requester("GET /jobs/{name}", Map.of("name", held.job().job), (JsonNode) null))
                        .path("LabelingJobStatus")
                        .asText())
                .isEqualTo("InProgress");
    }

    // ---- the cases' shapes

    private static Case refused(String name, String type, String answerContent, String reason) {
        return new Case(
                name, type, SUBMIT, Held::heldAssignment, ATTACKER, h -> answerBody(answerContent), 400, reason);
    }

    private static Case raw(String name, String type, String body, int status, String reason) {
        return new Case(name, type, SUBMIT, Held::heldAssignment, ATTACKER, h -> body, status, reason);
    }

    private static String answerBody(String answerContent) {
        return "{\"answerContent\":" + answerContent + "}";
    }

    // ---- setup

    private static void start(
            Emulators emulators,
            SfnClient sfn,
            Services services,
            String type,
            String attribute,
            String line,
            String categories,
            JsonNode validAnswer)
            throws IOException {
        String name = "hostile-" + type.toLowerCase();
        put("hostile-answers/" + name + ".manifest", line.formatted(0) + "\n" + line.formatted(1) + "\n");
        ObjectNode request = JobDriver.request(
                name,
                attribute,
                "hostile-answers/" + name + ".manifest",
                "hostile-answers/" + (categories == null ? "categories.json" : categories),
                type,
                "private-crowd/Everyone-in-private-workforce",
                1);
        ObjectNode human = (ObjectNode) request.get("HumanTaskConfig");
        human.put("TaskTimeLimitInSeconds", 3600); // the cases run well within the hour
        if (type.equals("Custom")) {
            human.put(
                    "PreHumanTaskLambdaArn",
                    "arn:aws:lambda:us-east-1:000000000000:function:verity-custom-hostile-pre");
            human.remove("AnnotationConsolidationConfig");
        }
        JobDriver job = new JobDriver(services, name).createAndSelect(request).dispatch(emulators, sfn);
        JsonNode first = ApiEvents.body(job.next(GOOD));
        assertThat(first.path("datasetObjectId").asText()).as(first.toString()).isEqualTo("0");
        JsonNode accepted = job.worker(
                SUBMIT,
                Map.of("id", first.get("assignmentId").asText()),
                Json.object().set("answerContent", validAnswer),
                GOOD);
        assertThat(ApiEvents.status(accepted)).as(accepted.toString()).isEqualTo(200);
        JsonNode held = ApiEvents.body(job.next(ATTACKER));
        assertThat(held.path("datasetObjectId").asText()).as(held.toString()).isEqualTo("1");
        JOBS.put(
                type,
                new Held(
                        job,
                        first.get("assignmentId").asText(),
                        held.get("assignmentId").asText()));
    }

    /** Object 0's answers as the requester sees them (presigned URLs aside, which change by the second). */
    private static String accepted(Held held) throws IOException {
        JsonNode answers = answers(held, "0");
        assertThat(answers).hasSize(1);
        return Json.write(answers).replaceAll("X-Amz-[A-Za-z]+=[^&\"]*", "");
    }

    private static JsonNode answers(Held held, String object) throws IOException {
        JsonNode response = held.job()
                .requester(
                        "GET /jobs/{name}/objects/{id}/answers",
                        Map.of("name", held.job().job, "id", object),
                        (JsonNode) null);
        assertThat(ApiEvents.status(response)).as(response.toString()).isEqualTo(200);
        return ApiEvents.body(response).get("answers");
    }

    private static void put(String key, String content) {
        s3.putObject(b -> b.bucket(CatalogResources.BUCKET).key(key), RequestBody.fromString(content));
    }

    private static String abbreviated(JsonNode response) {
        String text = response.toString();
        return text.length() <= 1000 ? text : text.substring(0, 1000) + "…";
    }

    // ---- assignment ids: base64url of "job\nobject\nworker", as the API gives them out

    private static String forge(String assignmentId, String objectId, String worker) {
        String job = new String(Base64.getUrlDecoder().decode(assignmentId), StandardCharsets.UTF_8).split("\n")[0];
        return encode(job, objectId, worker);
    }

    private static String encode(String job, String objectId, String worker) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((job + "\n" + objectId + "\n" + worker).getBytes(StandardCharsets.UTF_8));
    }

    // ---- answers

    private static ObjectNode box(double left, double top, double width, double height) {
        return (ObjectNode) Json.parse(("{\"boundingBox\":{\"boundingBoxes\":[{\"height\":%s,\"label\":\"cat\","
                        + "\"left\":%s,\"top\":%s,\"width\":%s}],\"inputImageProperties\":{\"height\":64,\"width\":64}}}")
                .formatted(plain(height), plain(left), plain(top), plain(width)));
    }

    private static ObjectNode boxes(int count) {
        ObjectNode answer = box(1, 1, 10, 10);
        var list = answer.with("boundingBox").withArray("boundingBoxes");
        for (int i = 1; i < count; i++) {
            list.add(list.get(0).deepCopy());
        }
        return answer;
    }

    private static ObjectNode adjusted(ObjectNode box) {
        box.with("boundingBox").put("initialValueModified", true);
        return box;
    }

    private static String plain(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private static ObjectNode entities(String entities) {
        return (ObjectNode) Json.parse("{\"crowd-entity-annotation\":{\"entities\":[" + entities + "]}}");
    }

    private static ObjectNode mask(int width, int height, byte[] png) {
        return mask(width, height, png, "cat", ROAD);
    }

    private static ObjectNode mask(int width, int height, byte[] png, String label, String colour) {
        ObjectNode element = Json.object();
        element.putObject("inputImageProperties").put("height", height).put("width", width);
        element.putObject("labelMappings").putObject(label).put("color", colour);
        element.putObject("labeledImage")
                .put("pngImageData", Base64.getEncoder().encodeToString(png));
        ObjectNode answer = Json.object();
        answer.set("crowd-semantic-segmentation", element);
        return answer;
    }

    // ---- PNG files, including ones no encoder would write

    private static BufferedImage whiteImage(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, 0xffffff);
            }
        }
        return image;
    }

    private static BufferedImage paintedImage(int rgb) {
        BufferedImage image = whiteImage(SIDE, SIDE);
        image.setRGB(10, 20, rgb);
        return image;
    }

    private static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** An RGBA PNG of {@code rows} fully transparent rows (background), whatever its header says. */
    private static byte[] transparentRows(int width, int rows) {
        return PngFiles.zeroRows(width, width, 8, 6, 4, rows);
    }

    /** A valid transparent 64x64 mask whose IDAT holds only the first third of its deflated data. */
    private static byte[] truncatedIdat() {
        byte[] data = deflateNoise(SIDE);
        return PngFiles.png(
                PngFiles.ihdr(SIDE, SIDE, 8, 6), PngFiles.chunk("IDAT", Arrays.copyOf(data, data.length / 3)));
    }

    /** A valid 64x64 mask with one bit of its IDAT flipped after the CRC was computed. */
    private static byte[] damagedCrc() {
        byte[] png = transparentRows(SIDE, SIDE);
        png[8 + 25 + 8 + 2] ^= 0x01; // signature, IHDR chunk, IDAT length and type: the IDAT's third data byte
        return png;
    }

    /** Rows of varied alpha-0 pixels, so the deflated data is long enough to cut in the middle of a row. */
    private static byte[] deflateNoise(int side) {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflate = new DeflaterOutputStream(compressed)) {
            java.util.SplittableRandom random = new java.util.SplittableRandom(7);
            for (int y = 0; y < side; y++) {
                deflate.write(0);
                for (int x = 0; x < side; x++) {
                    deflate.write(new byte[] {
                        (byte) random.nextInt(256), (byte) random.nextInt(256), (byte) random.nextInt(256), 0
                    });
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return compressed.toByteArray();
    }
}
