package dev.verity.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.aws.AwsClients;
import dev.verity.aws.Environment;
import dev.verity.catalog.Catalog;
import dev.verity.emulators.Emulators;
import dev.verity.emulators.EmulatorsExtension;
import dev.verity.handler.ConsolidateChunkHandler;
import dev.verity.handler.DispatchTasksHandler;
import dev.verity.handler.PrepareDatasetHandler;
import dev.verity.handler.RequesterApiHandler;
import dev.verity.handler.SelectObjectsHandler;
import dev.verity.handler.Services;
import dev.verity.handler.WorkerApiHandler;
import dev.verity.handler.WriteOutputHandler;
import dev.verity.json.Json;
import dev.verity.store.Assignment;
import dev.verity.store.DynamoJobStore;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * A semantic-segmentation job of four images and three workers, end to end through the handlers against the
 * embedded services. One worker paints the 640x480 image with speckle noise, which makes its answer larger than the
 * job store keeps inline: it is stored by reference to its worker-response file and read back to consolidate.
 */
@ExtendWith(EmulatorsExtension.class)
class SemanticSegmentationJobIT {

    private static final String JOB = "city-segmentation-e2e";
    private static final String ATTRIBUTE = "city-ref";
    /** Image sizes by object; the last one is large enough for a noisy mask to pass 100 KB. */
    private static final int[][] SIZES = {{64, 64}, {64, 64}, {64, 64}, {640, 480}};

    private static final int NOISY_OBJECT = 3;
    private static final String NOISY_WORKER = "worker-2";
    // What workers paint with: colours of their own, mapped in labelMappings.
    private static final int[] WORKER_RGB = {0xffffff, 0xf28333, 0x00ff00};
    // What consolidated masks use: Verity's fixed palette.
    private static final String[] OUTPUT_HEX = {"#ffffff", "#1f77b4", "#ff7f0e"};

    private static Services services;
    private static S3Client s3;
    private static SfnClient sfn;
    private static DynamoDbClient dynamo;

    @BeforeAll
    static void setUp() {
        services = new Services(Environment.current());
        AwsClients clients = new AwsClients(Environment.current());
        s3 = clients.s3();
        sfn = clients.sfn();
        dynamo = clients.dynamoDb();
    }

    @Test
    void labelsFourImagesAndWritesMasksInGroundTruthsLayout(Emulators emulators) throws Exception {
        List<String> sources = uploadDataset();
        ApiContract.CheckedHandler requester = ApiContract.checked(new RequesterApiHandler(services));
        ApiContract.CheckedHandler workerApi = ApiContract.checked(new WorkerApiHandler(services));
        JsonNode created =
                requester.handle(ApiEvents.request("POST /jobs", Map.of(), createRequest(), "requester-1"), null);
        assertThat(ApiEvents.status(created)).as(created.toString()).isEqualTo(200);
        Map<String, Object> input = Map.of("jobName", JOB);
        assertThat(new PrepareDatasetHandler(services)
                        .handle(Json.MAPPER.valueToTree(input), null)
                        .get("datasetObjects")
                        .asLong())
                .isEqualTo(SIZES.length);
        JsonNode selected = new SelectObjectsHandler(services).handle(Json.MAPPER.valueToTree(input), null);
        String executionArn = sfn
                .listExecutions(b -> b.stateMachineArn(System.getProperty(Catalog.ENV_STATE_MACHINE_ARN)))
                .executions()
                .stream()
                .filter(e -> e.name().equals(JOB))
                .findFirst()
                .orElseThrow()
                .executionArn();
        String token = emulators.isEmbedded()
                ? emulators.states().issueTaskToken(executionArn)
                : "no-token-outside-the-embedded-endpoint";
        new DispatchTasksHandler(services)
                .handle(Json.object().put("jobName", JOB).put("taskToken", token), null);

        // A mask of the wrong size is refused with the reason; the task stays with the worker.
        JsonNode first = ApiEvents.body(workerApi.handle(
                ApiEvents.request("POST /worker/jobs/{name}/tasks/next", Map.of("name", JOB), null, "worker-0"), null));
        assertThat(first.at("/ui/element").asText()).isEqualTo("crowd-semantic-segmentation");
        assertMaskOfAnotherSizeIsRefused(workerApi, first, sources);
        submit(workerApi, first, "worker-0", sources);

        // Every worker answers every object; the answers of each (worker, object) are fixed, whatever the order.
        int answers = 1;
        for (int round = 0; round < 20 && answers < SIZES.length * 3; round++) {
            for (int w = 0; w < 3; w++) {
                String worker = "worker-" + w;
                JsonNode next = workerApi.handle(
                        ApiEvents.request("POST /worker/jobs/{name}/tasks/next", Map.of("name", JOB), null, worker),
                        null);
                if (ApiEvents.status(next) == 200) {
                    submit(workerApi, ApiEvents.body(next), worker, sources);
                    answers++;
                }
            }
        }
        assertThat(answers).isEqualTo(SIZES.length * 3);

        // The noisy answer is in the job store by reference only; its own file holds it whole.
        List<Assignment> stored = new DynamoJobStore(dynamo, System.getProperty(Catalog.ENV_TABLE))
                .submittedAnswers(JOB, 0, SIZES.length - 1);
        assertThat(stored).hasSize(SIZES.length * 3);
        List<Assignment> byReference =
                stored.stream().filter(a -> a.answer().has("$ref")).toList();
        assertThat(byReference)
                .extracting(Assignment::objectId, Assignment::workerId)
                .containsExactly(tuple(Integer.toString(NOISY_OBJECT), NOISY_WORKER));
        String file = byReference.get(0).answer().get("$ref").asText();
        assertThat(file)
                .startsWith("s3://" + CatalogResources.BUCKET + "/jobs-output/" + JOB
                        + "/manifests/intermediate/large-answers/iteration-1/" + NOISY_OBJECT + "/");
        JsonNode response = Json.parse(getString(file));
        assertThat(response.at("/answers/0/answerContent/crowd-semantic-segmentation/labeledImage/pngImageData")
                        .asText()
                        .length())
                .isGreaterThan(100 * 1024);

        List<JsonNode> results = new ArrayList<>();
        for (JsonNode chunk : selected.get("chunks")) {
            results.add(new ConsolidateChunkHandler(services)
                    .handle(Json.object().put("jobName", JOB).put("chunk", chunk.asInt()), null));
        }
        ObjectNode writeInput = Json.object().put("jobName", JOB);
        writeInput.putArray("results").addAll(results);
        assertThat(new WriteOutputHandler(services)
                        .handle(writeInput, null)
                        .get("status")
                        .asText())
                .isEqualTo("Completed");

        // Each object's worker-response file holds its three answers whole, the large one read back from its file.
        for (int object = 0; object < SIZES.length; object++) {
            String folder = "jobs-output/" + JOB + "/annotations/worker-response/iteration-1/" + object + "/";
            List<String> keys =
                    s3.listObjectsV2(b -> b.bucket(CatalogResources.BUCKET).prefix(folder)).contents().stream()
                            .map(S3Object::key)
                            .toList();
            assertThat(keys).hasSize(1);
            JsonNode workerResponse = Json.parse(getString("s3://" + CatalogResources.BUCKET + "/" + keys.get(0)));
            assertThat(workerResponse.get("answers")).hasSize(3);
            assertThat(workerResponse.get("answers").findValues("pngImageData")).hasSize(3);
        }

        String[] lines = getString(
                        "s3://" + CatalogResources.BUCKET + "/jobs-output/" + JOB + "/manifests/output/output.manifest")
                .split("\n");
        assertThat(lines).hasSize(SIZES.length);
        for (int object = 0; object < SIZES.length; object++) {
            JsonNode line = Json.parse(lines[object]);
            assertThat(line.get("source-ref").asText()).isEqualTo(sources.get(object));
            String mask = line.get(ATTRIBUTE).asText();
            assertThat(mask)
                    .matches("s3://" + CatalogResources.BUCKET + "/jobs-output/" + JOB
                            + "/annotations/consolidated-annotation/output/" + object
                            + "_\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}\\.png");
            BufferedImage png = ImageIO.read(new ByteArrayInputStream(getBytes(mask)));
            int width = SIZES[object][0];
            int height = SIZES[object][1];
            assertThat(png.getWidth()).isEqualTo(width);
            assertThat(png.getHeight()).isEqualTo(height);
            // Smoothing and the two careful workers outvote the noise: every pixel has its true class's colour.
            int[] classes = truth(width, height);
            for (int i = 0; i < classes.length; i++) {
                assertThat(String.format("#%06x", png.getRGB(i % width, i / width) & 0xffffff))
                        .as("object %d pixel (%d, %d)", object, i % width, i / width)
                        .isEqualTo(OUTPUT_HEX[classes[i]]);
            }
            JsonNode metadata = line.get(ATTRIBUTE + "-metadata");
            assertThat(metadata.get("type").asText()).isEqualTo("groundtruth/semantic-segmentation");
            assertThat(metadata.get("job-name").asText()).isEqualTo("labeling-job/" + JOB);
            JsonNode colorMap = metadata.get("internal-color-map");
            assertThat(colorMap.fieldNames()).toIterable().containsExactly("0", "1", "2");
            assertThat(colorMap.findValuesAsText("class-name")).containsExactly("BACKGROUND", "road", "car");
            assertThat(colorMap.findValuesAsText("hex-color")).containsExactly(OUTPUT_HEX);
            double confidence = colorMap.get("0").get("confidence").asDouble();
            assertThat(colorMap.findValues("confidence"))
                    .allSatisfy(c -> assertThat(c.asDouble()).isEqualTo(confidence));
            // The consolidated mask is the truth, so the confidence is the workers' mean agreement with it.
            int[] noisy = painted(object, NOISY_WORKER);
            long noisyAgrees = IntStream.range(0, classes.length)
                    .filter(i -> noisy[i] == classes[i])
                    .count();
            double agreement = (2.0 * classes.length + noisyAgrees) / (3.0 * classes.length);
            assertThat(confidence)
                    .as("object %d", object)
                    .isEqualTo(Math.round(agreement * 100) / 100.0)
                    .isEqualTo(object == NOISY_OBJECT ? 0.92 : 1.0);
        }

        // The console: each object's mask with a URL a browser can load, its classes and its per-image confidence.
        JsonNode page = ApiEvents.body(requester.handle(
                ApiEvents.request("GET /jobs/{name}/objects", Map.of("name", JOB), null, "requester-1"), null));
        assertThat(page.get("outputAvailable").asBoolean()).isTrue();
        assertThat(page.get("objects")).hasSize(SIZES.length);
        JsonNode noisyObject = page.get("objects").get(NOISY_OBJECT);
        assertThat(noisyObject.get("datasetObjectId").asText()).isEqualTo(Integer.toString(NOISY_OBJECT));
        assertThat(noisyObject.get("label").asText()).startsWith("s3://").endsWith(".png");
        assertThat(noisyObject.get("labelUrl").asText()).startsWith("http").contains(".png");
        assertThat(noisyObject.get("confidence").asDouble()).isEqualTo(0.92);
        JsonNode cars = ApiEvents.body(requester.handle(
                ApiEvents.withQuery(
                        ApiEvents.request("GET /jobs/{name}/objects", Map.of("name", JOB), null, "requester-1"),
                        Map.of("label", "car", "maxConfidence", "0.95")),
                null));
        assertThat(cars.get("objects").findValuesAsText("datasetObjectId"))
                .containsExactly(Integer.toString(NOISY_OBJECT));
        // Who said what: the answer kept in S3 by reference is read back whole.
        JsonNode whoSaid = ApiEvents.body(requester.handle(
                ApiEvents.request(
                        "GET /jobs/{name}/objects/{id}/answers",
                        Map.of("name", JOB, "id", Integer.toString(NOISY_OBJECT)),
                        null,
                        "requester-1"),
                null));
        assertThat(whoSaid.get("answers")).hasSize(3);
        assertThat(whoSaid.get("answers").findValuesAsText("workerId"))
                .containsExactlyInAnyOrder("worker-0", "worker-1", "worker-2");
        JsonNode noisyAnswer = StreamSupport.stream(whoSaid.get("answers").spliterator(), false)
                .filter(a -> a.get("workerId").asText().equals(NOISY_WORKER))
                .findFirst()
                .orElseThrow();
        assertThat(noisyAnswer.at("/answer/$ref").isMissingNode()).isTrue();
        assertThat(noisyAnswer
                        .at("/answer/crowd-semantic-segmentation/labeledImage/pngImageData")
                        .asText()
                        .length())
                .isGreaterThan(100 * 1024);
    }

    private static void assertMaskOfAnotherSizeIsRefused(
            ApiContract.CheckedHandler workerApi, JsonNode task, List<String> sources) throws IOException {
        int object = sources.indexOf(task.at("/taskInput/sourceRef").asText());
        int width = SIZES[object][0];
        int height = SIZES[object][1];
        ObjectNode tooWide = answer(width + 1, height, truth(width + 1, height));
        ((ObjectNode) tooWide.at("/crowd-semantic-segmentation/inputImageProperties")).put("width", width);
        JsonNode refused = workerApi.handle(
                ApiEvents.request(
                        "POST /worker/assignments/{id}",
                        Map.of("id", task.get("assignmentId").asText()),
                        body(tooWide),
                        "worker-0"),
                null);
        assertThat(ApiEvents.status(refused)).isEqualTo(400);
        assertThat(ApiEvents.body(refused).get("message").asText())
                .isEqualTo("the mask is " + (width + 1) + "x" + height + " but the image is " + width + "x" + height);
        // The image's size comes from its own header in S3, not from the answer, however consistent the answer is.
        ObjectNode consistentlyWide = answer(width + 1, height, truth(width + 1, height));
        refused = workerApi.handle(
                ApiEvents.request(
                        "POST /worker/assignments/{id}",
                        Map.of("id", task.get("assignmentId").asText()),
                        body(consistentlyWide),
                        "worker-0"),
                null);
        assertThat(ApiEvents.status(refused)).isEqualTo(400);
        assertThat(ApiEvents.body(refused).get("message").asText())
                .isEqualTo("\"crowd-semantic-segmentation.inputImageProperties\" says " + (width + 1) + "x" + height
                        + " but the image is " + width + "x" + height);
    }

    private static void submit(ApiContract.CheckedHandler workerApi, JsonNode task, String worker, List<String> sources)
            throws IOException {
        int object = sources.indexOf(task.at("/taskInput/sourceRef").asText());
        int width = SIZES[object][0];
        int height = SIZES[object][1];
        int[] classes = painted(object, worker);
        JsonNode submitted = workerApi.handle(
                ApiEvents.request(
                        "POST /worker/assignments/{id}",
                        Map.of("id", task.get("assignmentId").asText()),
                        body(answer(width, height, classes)),
                        worker),
                null);
        assertThat(ApiEvents.status(submitted)).as(submitted.toString()).isEqualTo(200);
    }

    /** What a worker paints: the truth, except the noisy worker's speckles on the noisy object. */
    private static int[] painted(int object, String worker) {
        int[] classes = truth(SIZES[object][0], SIZES[object][1]);
        if (object == NOISY_OBJECT && worker.equals(NOISY_WORKER)) {
            SplittableRandom random = new SplittableRandom(7);
            for (int i = 0; i < classes.length; i++) {
                classes[i] = random.nextDouble() < 0.35 ? random.nextInt(3) : classes[i];
            }
        }
        return classes;
    }

    /** The true classes: background on the left half, road top right, car bottom right. */
    private static int[] truth(int width, int height) {
        int[] classes = new int[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = width / 2; x < width; x++) {
                classes[y * width + x] = y < height / 2 ? 1 : 2;
            }
        }
        return classes;
    }

    private static ObjectNode answer(int width, int height, int[] classes) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < classes.length; i++) {
            image.setRGB(i % width, i / width, WORKER_RGB[classes[i]]);
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        ObjectNode element = Json.object();
        element.putObject("inputImageProperties").put("height", height).put("width", width);
        ObjectNode mappings = element.putObject("labelMappings");
        mappings.putObject("road").put("color", "#f28333");
        mappings.putObject("car").put("color", "#00ff00");
        element.putObject("labeledImage")
                .put("pngImageData", Base64.getEncoder().encodeToString(png.toByteArray()));
        ObjectNode answer = Json.object();
        answer.set("crowd-semantic-segmentation", element);
        return answer;
    }

    private static ObjectNode body(ObjectNode answerContent) {
        ObjectNode body = Json.object();
        body.set("answerContent", answerContent);
        return body;
    }

    /** Uploads the images (their bytes do not matter here), the manifest and the categories; returns the sources. */
    private static byte[] image(int width, int height) {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return png.toByteArray();
    }

    private static List<String> uploadDataset() {
        List<String> sources = new ArrayList<>();
        StringBuilder manifest = new StringBuilder();
        for (int object = 0; object < SIZES.length; object++) {
            String key = "images/city-" + object + ".png";
            // A real image: answers are checked against the size in its header.
            s3.putObject(
                    b -> b.bucket(CatalogResources.BUCKET).key(key),
                    RequestBody.fromBytes(image(SIZES[object][0], SIZES[object][1])));
            sources.add("s3://" + CatalogResources.BUCKET + "/" + key);
            manifest.append(Json.write(Json.object().put("source-ref", sources.get(object))))
                    .append('\n');
        }
        s3.putObject(
                b -> b.bucket(CatalogResources.BUCKET).key("input/city.manifest"),
                RequestBody.fromString(manifest.toString()));
        s3.putObject(
                b -> b.bucket(CatalogResources.BUCKET).key("input/city-categories.json"),
                RequestBody.fromString("{\"document-version\":\"2018-11-28\","
                        + "\"labels\":[{\"label\":\"road\"},{\"label\":\"car\"}]}"));
        return sources;
    }

    private static ObjectNode createRequest() {
        return (ObjectNode) Json.parse("""
                {
                  "LabelingJobName": "%s",
                  "LabelAttributeName": "%s",
                  "InputConfig": {"DataSource": {"S3DataSource": {"ManifestS3Uri": "s3://verity-data/input/city.manifest"}}},
                  "OutputConfig": {"S3OutputPath": "s3://verity-data/jobs-output/"},
                  "RoleArn": "arn:aws:iam::000000000000:role/verity-labeling",
                  "LabelCategoryConfigS3Uri": "s3://verity-data/input/city-categories.json",
                  "HumanTaskConfig": {
                    "WorkteamArn": "arn:aws:sagemaker:us-east-1:000000000000:workteam/private-crowd/Everyone-in-private-workforce",
                    "UiConfig": {"UiTemplateS3Uri": "s3://verity-data/templates/semantic-segmentation.liquid.html"},
                    "PreHumanTaskLambdaArn": "arn:aws:lambda:us-east-1:432418664414:function:PRE-SemanticSegmentation",
                    "TaskTitle": "Paint the road and the cars",
                    "TaskDescription": "Paint every pixel of road and of cars",
                    "NumberOfHumanWorkersPerDataObject": 3,
                    "TaskTimeLimitInSeconds": 300,
                    "TaskAvailabilityLifetimeInSeconds": 86400,
                    "AnnotationConsolidationConfig": {
                      "AnnotationConsolidationLambdaArn": "arn:aws:lambda:us-east-1:432418664414:function:ACS-SemanticSegmentation"
                    }
                  }
                }
                """.formatted(JOB, ATTRIBUTE));
    }

    private static byte[] getBytes(String s3Uri) {
        String path = s3Uri.substring("s3://".length());
        String bucket = path.substring(0, path.indexOf('/'));
        String key = path.substring(path.indexOf('/') + 1);
        return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
    }

    private static String getString(String s3Uri) {
        return new String(getBytes(s3Uri), StandardCharsets.UTF_8);
    }
}
