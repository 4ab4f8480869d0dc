package dev.verity.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.catalog.Catalog;
import dev.verity.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The public crowd in a real browser: {@code verity up} (a child JVM, serving the web UI built in {@code web/dist})
 * with its Mechanical Turk stand-in; a public-crowd text-classification job is uploaded, and the browser spec
 * {@code web/e2e/mturk.e2e.ts} works its HITs as a Mechanical Turk worker, on the stand-in's worker site and Verity's
 * ExternalQuestion page in its frame. Skipped where Chromium is not installed.
 */
class MechanicalTurkBrowserIT {

    private static final long TIMEOUT_MINUTES = 10;

    @Test
    void aMechanicalTurkWorkerLabelsThroughTheTaskPageInTheHitsFrameAndIsApprovedAfterConsolidation(
            @TempDir Path stateDir) throws Exception {
        Path chromium = Path.of(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));
        if (!Files.isExecutable(chromium)) {
            System.out.println("Browser tests skipped: no Chromium at " + chromium);
            Assumptions.abort("no Chromium at " + chromium);
        }
        assertThat(BrowserSpecs.WEB.resolve("node_modules/playwright-core"))
                .as("web/node_modules (npm ci in web/)")
                .isDirectory();
        Path dist = BrowserSpecs.WEB.resolve("dist");
        assertThat(dist.resolve("mturk.html"))
                .as("the web UI built with its crowd task page (cd web && npm run build)")
                .isRegularFile();
        try (RuntimeProcess runtime =
                RuntimeProcess.start(stateDir, RuntimeProcess.freePort(), List.of("--web-root", dist.toString()))) {
            JsonNode info = runtime.awaitReady();
            String standIn =
                    info.at("/environment/" + Catalog.ENV_MTURK_ENDPOINT).asText();
            assertThat(standIn).as("the runtime's Mechanical Turk stand-in").startsWith("http://127.0.0.1:");
            String job = "mturk-browser-" + Long.toString(System.currentTimeMillis() % 1_000_000, 36);
            stage(RuntimeProcess.s3(info), job);
            runSpec(info.get("apiUrl").asText(), LocalJobs.signInSecret(stateDir), standIn, job, chromium);
        }
    }

    /** Two texts to classify, one worker each, for the public crowd at 0.12 USD a task. */
    private static void stage(S3Client s3, String job) {
        String prefix = "mturk/" + job + "/";
        put(
                s3,
                prefix + "dataset.manifest",
                "{\"source\":\"The cat sat on the mat.\"}\n" + "{\"source\":\"A dog barked at the mail carrier.\"}\n");
        put(
                s3,
                prefix + "categories.json",
                "{\"document-version\":\"2018-11-28\",\"labels\":" + "[{\"label\":\"cats\"},{\"label\":\"dogs\"}]}");
        ObjectNode request = (ObjectNode) Json.parse("""
                {
                  "LabelingJobName": "%1$s",
                  "LabelAttributeName": "topic",
                  "InputConfig": {
                    "DataSource": {"S3DataSource": {"ManifestS3Uri": "s3://%2$s/%3$sdataset.manifest"}},
                    "DataAttributes": {"ContentClassifiers": ["FreeOfPersonallyIdentifiableInformation"]}
                  },
                  "OutputConfig": {"S3OutputPath": "s3://%2$s/mturk-output/"},
                  "RoleArn": "arn:aws:iam::000000000000:role/verity-demo",
                  "LabelCategoryConfigS3Uri": "s3://%2$s/%3$scategories.json",
                  "HumanTaskConfig": {
                    "WorkteamArn": "arn:aws:sagemaker:us-east-1:394669845002:workteam/public-crowd/default",
                    "UiConfig": {"UiTemplateS3Uri": "s3://%2$s/%3$stemplate.liquid.html"},
                    "PreHumanTaskLambdaArn": "arn:aws:lambda:us-east-1:432418664414:function:PRE-TextMultiClass",
                    "TaskKeywords": ["text", "topic"],
                    "TaskTitle": "What is the text about?",
                    "TaskDescription": "Choose the animal the text is about",
                    "NumberOfHumanWorkersPerDataObject": 1,
                    "TaskTimeLimitInSeconds": 300,
                    "TaskAvailabilityLifetimeInSeconds": 3600,
                    "PublicWorkforceTaskPrice": {"AmountInUsd": {"Dollars": 0, "Cents": 12}},
                    "AnnotationConsolidationConfig": {
                      "AnnotationConsolidationLambdaArn": "arn:aws:lambda:us-east-1:432418664414:function:ACS-TextMultiClass"
                    }
                  }
                }
                """.formatted(job, VerityRuntime.BUCKET, prefix));
        put(s3, "jobs/" + job + ".json", Json.write(request));
    }

    private static void put(S3Client s3, String key, String content) {
        s3.putObject(b -> b.bucket(VerityRuntime.BUCKET).key(key), RequestBody.fromString(content));
    }

    private static void runSpec(String apiUrl, String signInSecret, String standIn, String job, Path chromium)
            throws Exception {
        BrowserSpecs.run(
                Map.of(
                        "VERITY_URL", apiUrl,
                        "VERITY_SIGN_IN_SECRET", signInSecret,
                        "CHROMIUM_PATH", chromium.toString(),
                        "VERITY_MTURK_URL", standIn,
                        "VERITY_MTURK_JOB", job),
                TIMEOUT_MINUTES,
                "e2e/mturk.e2e.ts");
        assertThat(BrowserSpecs.screenshots().resolve("mturk-dashboard.png")).isRegularFile();
    }
}
