package dev.verity.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.aws.AwsClients;
import dev.verity.aws.Environment;
import dev.verity.emulators.Emulators;
import dev.verity.emulators.EmulatorsExtension;
import dev.verity.handler.CalibrateHandler;
import dev.verity.handler.ConsolidateChunkHandler;
import dev.verity.handler.SelectBatchHandler;
import dev.verity.handler.Services;
import dev.verity.handler.WriteOutputHandler;
import dev.verity.json.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * Automated labeling through the handlers and services in the order the state machine calls them, against the
 * embedded S3, SQS, DynamoDB and Step Functions endpoints, with a small in-memory model standing in for the models
 * module's (whose own end-to-end test runs the real ones through the local runtime).
 */
@ExtendWith(EmulatorsExtension.class)
class AutoLabelingJobIT {

    private static final List<String> LABELS = List.of("sports", "weather");
    private static final int OBJECTS = 1_300;
    private static final int BATCH = 100;
    /** Two workers per object, each right 95% of the time; the chained job has one expert per object. */
    private static final Crowd PAIRS = new Crowd(2, 0.95);

    private static final Crowd EXPERT = new Crowd(1, 1.0);
    private static final String ALGORITHM =
            "arn:aws:sagemaker:us-east-1:027400017018:labeling-job-algorithm-specification/text-classification";
    private static final BagOfWordsModels MODELS = new BagOfWordsModels();

    private static Services services;
    private static S3Client s3;
    private static SfnClient sfn;

    @BeforeAll
    static void setUp() {
        services = new Services(Environment.current());
        AwsClients clients = new AwsClients(Environment.current());
        s3 = clients.s3();
        sfn = clients.sfn();
    }

    @Test
    void requestsThatAutomatedLabelingCannotServeAreRefusedWithTheirReasons() throws Exception {
        put("autolabel-small/dataset.manifest", manifest(texts(1_000, 3)).toString());
        put("autolabel-small/categories.json", categories());
        JobDriver api = new JobDriver(services, "too-small");

        JsonNode tooFew = api.requester("POST /jobs", Map.of(), request("too-small", "autolabel-small", PAIRS));
        assertThat(ApiEvents.status(tooFew)).isEqualTo(400);
        assertThat(ApiEvents.body(tooFew).get("message").asText())
                .contains("InputConfig.DataSource.S3DataSource.ManifestS3Uri")
                .contains("automated data labeling needs at least 1250 objects; the manifest has 1000 lines");

        put("autolabel-big/dataset.manifest", manifest(texts(OBJECTS, 3)).toString());
        put("autolabel-big/categories.json", categories());
        ObjectNode sample = request("small-sample", "autolabel-big", PAIRS);
        sample.set("DataObjectSelection", Json.parse("{\"Mode\": \"RandomSample\", \"SampleSize\": 1000}"));
        JsonNode tooSmallSample = api.requester("POST /jobs", Map.of(), sample);
        assertThat(ApiEvents.status(tooSmallSample)).isEqualTo(400);
        assertThat(ApiEvents.body(tooSmallSample).get("message").asText())
                .contains("DataObjectSelection.SampleSize: automated data labeling needs at least 1250 objects");

        ObjectNode unknownModel = request("unknown-model", "autolabel-big", PAIRS);
        ((ObjectNode) unknownModel.get("LabelingJobAlgorithmsConfig"))
                .put(
                        "InitialActiveLearningModelArn",
                        "arn:aws:sagemaker:us-east-1:000000000000:model/never-ran-iteration-2");
        JsonNode refusedModel = api.requester("POST /jobs", Map.of(), unknownModel);
        assertThat(ApiEvents.status(refusedModel)).isEqualTo(400);
        assertThat(ApiEvents.body(refusedModel).get("message").asText())
                .contains("LabelingJobAlgorithmsConfig.InitialActiveLearningModelArn")
                .contains("no job named 'never-ran' trained a model in round 2");

        // A filter can only be applied to the whole manifest: the job fails when it selects too few objects.
        ObjectNode filtered = request("filtered-too-far", "autolabel-big", PAIRS);
        filtered.set(
                "DataObjectSelection",
                Json.parse(
                        "{\"Mode\": \"Filter\", \"FilterQuery\": \"SELECT * FROM S3Object s WHERE s.\\\"n\\\" < 100\"}"));
        JobDriver driver = new JobDriver(services, "filtered-too-far");
        assertThat(ApiEvents.status(driver.requester("POST /jobs", Map.of(), filtered)))
                .isEqualTo(200);
        new dev.verity.handler.PrepareDatasetHandler(services)
                .handle(Json.object().put("jobName", "filtered-too-far"), null);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new dev.verity.handler.SelectObjectsHandler(services)
                        .handle(Json.object().put("jobName", "filtered-too-far"), null))
                .hasMessageContaining("automated data labeling needs at least 1250 objects, but 100 of the "
                        + "manifest's 1300 were selected");
    }

    @Test
    void aJobLabelsWithHumansAndAModelAndALaterJobStartsFromItsModel(Emulators emulators) throws Exception {
        List<Text> texts = texts(OBJECTS, 7);
        put("autolabel-news/dataset.manifest", manifest(texts).toString());
        put("autolabel-news/categories.json", categories());
        Map<String, String> truth = new HashMap<>();
        texts.forEach(t -> truth.put(t.text(), t.label()));

        Run first = run(emulators, "news-auto", request("news-auto", "autolabel-news", PAIRS), truth, PAIRS);

        JsonNode described = first.driver.requester("GET /jobs/{name}", Map.of("name", "news-auto"), (JsonNode) null);
        JsonNode job = ApiEvents.body(described);
        assertThat(job.get("LabelingJobStatus").asText()).isEqualTo("Completed");
        JsonNode counters = job.get("LabelCounters");
        assertThat(counters.get("MachineLabeled").asInt()).isPositive();
        assertThat(counters.get("HumanLabeled").asInt()
                        + counters.get("MachineLabeled").asInt())
                .isEqualTo(counters.get("TotalLabeled").asInt());
        assertThat(counters.get("TotalLabeled").asInt()
                        + counters.get("Unlabeled").asInt())
                .isEqualTo(OBJECTS);
        assertThat(job.at("/LabelingJobAlgorithmsConfig/LabelingJobAlgorithmSpecificationArn")
                        .asText())
                .isEqualTo(ALGORITHM);
        String finalModel =
                job.at("/LabelingJobOutput/FinalActiveLearningModelArn").asText();
        assertThat(finalModel).matches("arn:aws:sagemaker:us-east-1:000000000000:model/news-auto-iteration-\\d+");

        // The output: every input line, in order, with a human or a machine label in Ground Truth's shape.
        List<JsonNode> output = first.output();
        assertThat(output).hasSize(OBJECTS);
        assertThat(output)
                .extracting(l -> l.get("source").asText())
                .containsExactlyElementsOf(texts.stream().map(Text::text).toList());
        List<JsonNode> machine = output.stream()
                .filter(l -> l.at("/topic-metadata/human-annotated").asText().equals("no"))
                .toList();
        List<JsonNode> human = output.stream()
                .filter(l -> l.at("/topic-metadata/human-annotated").asText().equals("yes"))
                .toList();
        assertThat(machine).hasSize(counters.get("MachineLabeled").asInt());
        assertThat(human).hasSize(counters.get("HumanLabeled").asInt());
        for (JsonNode line : machine) {
            JsonNode metadata = line.get("topic-metadata");
            assertThat(line.get("topic").isInt()).isTrue();
            assertThat(metadata.get("class-name").asText())
                    .isEqualTo(LABELS.get(line.get("topic").asInt()));
            assertThat(metadata.get("type").asText()).isEqualTo("groundtruth/text-classification");
            assertThat(metadata.get("job-name").asText()).isEqualTo("labeling-job/news-auto");
            assertThat(metadata.get("confidence").asDouble()).isBetween(0.5, 1.0);
            assertThat(metadata.get("creation-date").asText())
                    .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}");
        }
        long machineRight = machine.stream()
                .filter(l -> l.at("/topic-metadata/class-name")
                        .asText()
                        .equals(truth.get(l.get("source").asText())))
                .count();
        assertThat((double) machineRight / machine.size()).isGreaterThanOrEqualTo(0.95);
        // Humans labeled less than a human-only job would have.
        assertThat(first.answers).isLessThan(OBJECTS * PAIRS.perObject());

        // The data browser's human/machine filter finds the machine labels.
        JsonNode machinePage = ApiEvents.body(first.driver.requester(
                "GET /jobs/{name}/objects",
                Map.of("name", "news-auto"),
                Map.of("annotatedBy", "machine", "maxResults", "50")));
        assertThat(machinePage.get("objects"))
                .hasSize(Math.min(50, machine.size()))
                .allSatisfy(o -> assertThat(o.get("humanAnnotated").asBoolean()).isFalse());
        JsonNode humanPage = ApiEvents.body(first.driver.requester(
                "GET /jobs/{name}/objects",
                Map.of("name", "news-auto"),
                Map.of("annotatedBy", "human", "maxResults", "50")));
        assertThat(humanPage.get("objects"))
                .isNotEmpty()
                .allSatisfy(o -> assertThat(o.get("humanAnnotated").asBoolean()).isTrue());

        // Ground Truth's folders, and each round's figures.
        String root = "jobs-output/news-auto/";
        assertThat(keys(root + "activelearning/"))
                .contains(
                        root + "activelearning/validation.jsonl",
                        root + "activelearning/iteration-1/human-batch.jsonl",
                        root + "activelearning/iteration-1/calibration.json",
                        root + "activelearning/iteration-1/round.json");
        assertThat(keys(root + "training/"))
                .contains(root + "training/iteration-1/model.bin", root + "training/iteration-1/model.json");
        assertThat(keys(root + "inference/"))
                .contains(
                        root + "inference/features/chunk-00000.bin", root + "inference/iteration-1/chunk-00000.jsonl");
        JsonNode rounds = ApiEvents.body(
                        first.driver.requester("GET /jobs/{name}/rounds", Map.of("name", "news-auto"), (JsonNode) null))
                .get("rounds");
        assertThat(rounds).hasSize(first.rounds);
        JsonNode round1 = rounds.get(0);
        assertThat(round1.get("humanBatch").asInt()).isEqualTo(260 + BATCH); // 20% validation + the first batch
        assertThat(round1.get("validationObjects").asInt()).isEqualTo(260);
        assertThat(round1.get("trainingObjects").asInt())
                .isLessThanOrEqualTo(BATCH)
                .isPositive();
        assertThat(round1.get("threshold").asDouble()).isBetween(0.5, 1.0);
        assertThat(round1.get("validationLowerBound").asDouble()).isGreaterThanOrEqualTo(0.95);
        int machineInRounds = 0;
        for (JsonNode round : rounds) {
            machineInRounds += round.get("machineLabeled").asInt();
        }
        assertThat(machineInRounds).isEqualTo(counters.get("MachineLabeled").asInt());

        // A chained job on the same data starts from a model of the first job (any round's may be named): its first
        // batch is the validation set alone, and round 1 machine-labels before any of its own training.
        String firstRoundModel = finalModel.replaceAll("-iteration-\\d+$", "-iteration-1");
        Run second = run(
                emulators,
                "news-chained",
                withInitialModel(request("news-chained", "autolabel-news", EXPERT), firstRoundModel),
                truth,
                EXPERT);
        JsonNode secondRounds = ApiEvents.body(second.driver.requester(
                        "GET /jobs/{name}/rounds", Map.of("name", "news-chained"), (JsonNode) null))
                .get("rounds");
        assertThat(secondRounds.get(0).get("humanBatch").asInt()).isEqualTo(260);
        assertThat(secondRounds.get(0).get("trainingObjects").asInt()).isZero();
        assertThat(secondRounds.get(0).get("machineLabeled").asInt()).isPositive();
        assertThat(second.answers).isLessThan(OBJECTS / 2);
    }

    /** Runs a job through every step until its output is written. */
    private Run run(Emulators emulators, String job, ObjectNode request, Map<String, String> truth, Crowd crowd)
            throws Exception {
        JobDriver driver = new JobDriver(services, job).createAndSelect(request);
        SelectBatchHandler selectBatch = new SelectBatchHandler(services);
        JsonNode next = selectBatch.handle(Json.object().put("jobName", job).put("iteration", 0), null);
        for (int chunk = 0; chunk < chunks(job); chunk++) {
            services.models.featurise(job, chunk, MODELS);
        }
        int answers = 0;
        int rounds = 0;
        List<JsonNode> consolidated;
        while (true) {
            if (next.get("humanObjects").asInt() > 0) {
                driver.dispatch(emulators, sfn, next.get("iteration").asInt());
                answers += answerEverything(driver, truth, crowd);
            }
            driver.estimateWorkers();
            consolidated = consolidate(job);
            if (next.get("done").asBoolean()) {
                break;
            }
            int iteration = next.get("iteration").asInt();
            services.models.train(job, iteration, MODELS);
            for (int chunk = 0; chunk < chunks(job); chunk++) {
                services.models.infer(job, iteration, chunk, MODELS);
            }
            new CalibrateHandler(services)
                    .handle(Json.object().put("jobName", job).put("iteration", iteration), null);
            next = selectBatch.handle(Json.object().put("jobName", job).put("iteration", iteration), null);
            rounds++;
            assertThat(rounds).as("rounds").isLessThan(20);
        }
        ObjectNode write = Json.object().put("jobName", job);
        write.putArray("results").addAll(consolidated);
        new WriteOutputHandler(services).handle(write, null);
        return new Run(driver, job, answers, rounds);
    }

    private record Run(JobDriver driver, String job, int answers, int rounds) {
        List<JsonNode> output() {
            String text = s3.getObjectAsBytes(b -> b.bucket(CatalogResources.BUCKET)
                            .key("jobs-output/" + job + "/manifests/output/output.manifest"))
                    .asUtf8String();
            return text.lines().map(Json::parse).toList();
        }
    }

    private static int chunks(String job) {
        return services.jobs.describe(job).datasetObjects() > 0
                ? (OBJECTS + dev.verity.labeling.JobLayout.CHUNK_SIZE - 1) / dev.verity.labeling.JobLayout.CHUNK_SIZE
                : 0;
    }

    private static List<JsonNode> consolidate(String job) throws Exception {
        List<JsonNode> results = new ArrayList<>();
        for (int chunk = 0; chunk < chunks(job); chunk++) {
            results.add(new ConsolidateChunkHandler(services)
                    .handle(Json.object().put("jobName", job).put("chunk", chunk), null));
        }
        return results;
    }

    /** Workers of how many per object, and how often right. */
    private record Crowd(int perObject, double accuracy) {}

    /** The crowd's workers answer every task of the batch; each answer is fixed by (worker, object). */
    private static int answerEverything(JobDriver driver, Map<String, String> truth, Crowd crowd) throws Exception {
        int answers = 0;
        Map<String, Set<String>> seen = new HashMap<>();
        for (int pass = 0; pass < 10_000; pass++) {
            boolean any = false;
            for (int w = 0; w < crowd.perObject(); w++) {
                String worker = "auto-worker-" + w;
                JsonNode next = driver.next(worker);
                if (ApiEvents.status(next) == 204) {
                    continue;
                }
                assertThat(ApiEvents.status(next)).as(next.toString()).isEqualTo(200);
                any = true;
                JsonNode task = ApiEvents.body(next);
                assertThat(seen.computeIfAbsent(worker, k -> new HashSet<>())
                                .add(task.get("datasetObjectId").asText()))
                        .isTrue();
                String right = truth.get(task.at("/taskInput/taskObject").asText());
                SplittableRandom random = new SplittableRandom((worker + "/" + task.get("datasetObjectId")).hashCode());
                String label = random.nextDouble() < crowd.accuracy() ? right : LABELS.get(1 - LABELS.indexOf(right));
                ObjectNode body = Json.object();
                body.putObject("answerContent").putObject("crowd-classifier").put("label", label);
                JsonNode submitted = driver.worker(
                        "POST /worker/assignments/{id}",
                        Map.of("id", task.get("assignmentId").asText()),
                        body,
                        worker);
                assertThat(ApiEvents.status(submitted)).as(submitted.toString()).isEqualTo(200);
                answers++;
            }
            if (!any) {
                return answers;
            }
        }
        throw new AssertionError("the batch never ran out of tasks");
    }

    private record Text(String text, String label) {}

    /**
     * Short news lines: five words of the line's topic and some filler; one line in three also has three words of the
     * other topic, which leaves the model less sure of it. A number keeps the lines distinct.
     */
    private static List<Text> texts(int count, long seed) {
        List<List<String>> words = List.of(
                List.of("match", "goal", "team", "score", "league", "coach", "season", "striker"),
                List.of("rain", "storm", "sunny", "forecast", "wind", "cloud", "snow", "temperature"));
        List<String> filler = List.of("today", "the", "report", "said", "local", "news", "after", "with");
        SplittableRandom random = new SplittableRandom(seed);
        List<Text> texts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int topic = random.nextInt(2);
            List<String> line = new ArrayList<>();
            for (int w = 0; w < 5; w++) {
                line.add(words.get(topic).get(random.nextInt(8)));
            }
            int other = random.nextInt(3) == 0 ? 3 : 0;
            for (int w = 0; w < other; w++) {
                line.add(words.get(1 - topic).get(random.nextInt(8)));
            }
            while (line.size() < 8) {
                line.add(filler.get(random.nextInt(filler.size())));
            }
            java.util.Collections.shuffle(line, new java.util.Random(random.nextLong()));
            texts.add(new Text("item " + i + " " + String.join(" ", line), LABELS.get(topic)));
        }
        return texts;
    }

    private static StringBuilder manifest(List<Text> texts) {
        StringBuilder manifest = new StringBuilder();
        for (int i = 0; i < texts.size(); i++) {
            manifest.append(Json.write(
                            Json.object().put("source", texts.get(i).text()).put("n", i)))
                    .append('\n');
        }
        return manifest;
    }

    private static String categories() {
        ObjectNode categories = Json.object().put("document-version", "2018-11-28");
        LABELS.forEach(l -> categories.withArray("labels").addObject().put("label", l));
        return Json.write(categories);
    }

    private static ObjectNode request(String job, String prefix, Crowd crowd) {
        ObjectNode request = JobDriver.request(
                job,
                "topic",
                prefix + "/dataset.manifest",
                prefix + "/categories.json",
                "TextMultiClass",
                "private-crowd/Everyone-in-private-workforce",
                crowd.perObject());
        ((ObjectNode) request.get("HumanTaskConfig")).put("MaxConcurrentTaskCount", BATCH);
        request.putObject("LabelingJobAlgorithmsConfig").put("LabelingJobAlgorithmSpecificationArn", ALGORITHM);
        return request;
    }

    private static ObjectNode withInitialModel(ObjectNode request, String model) {
        ((ObjectNode) request.get("LabelingJobAlgorithmsConfig")).put("InitialActiveLearningModelArn", model);
        return request;
    }

    private static void put(String key, String content) {
        s3.putObject(b -> b.bucket(CatalogResources.BUCKET).key(key), RequestBody.fromString(content));
    }

    private static List<String> keys(String prefix) {
        return s3.listObjectsV2Paginator(b -> b.bucket(CatalogResources.BUCKET).prefix(prefix)).contents().stream()
                .map(o -> o.key())
                .toList();
    }
}
