package dev.verity.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.catalog.Catalog;
import dev.verity.catalog.FunctionSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pieces that need no synthesis: ASL checks, names, configuration. */
class UnitsTest {

    private static final Path JAR = Path.of(System.getProperty(VerityConfig.LAMBDA_JAR_PROPERTY, "missing.jar"));
    private static final Path MODELS_JAR = Path.of(System.getProperty(VerityConfig.MODELS_JAR_PROPERTY, "missing.jar"));

    @Test
    void theAslOfTheFunctionsModuleUsesOnlyCatalogPlaceholders() {
        assertThat(Workflow.definition()).isEqualTo(Catalog.stateMachineDefinition());
    }

    @Test
    void anUnknownPlaceholderIsRejectedWithTheKnownOnes() {
        String asl =
                "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::lambda:invoke\","
                        + "\"Parameters\":{\"FunctionName\":\"${PrepareDatasetFunctonArn}\"},\"End\":true}}}";
        assertThatThrownBy(() -> Workflow.checked(asl))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PrepareDatasetFunctonArn")
                .hasMessageContaining("PrepareDatasetFunctionArn");
    }

    @Test
    void malformedAslIsRejected() {
        assertThatThrownBy(() -> Workflow.checked("{\"StartAt\":")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Workflow.checked("{\"Comment\":\"no states\"}"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void constructIdsFromCatalogNames() {
        assertThat(Names.pascal("start-job-from-s3")).isEqualTo("StartJobFromS3");
        assertThat(Names.pascal("verity-job-requests-dlq")).isEqualTo("VerityJobRequestsDlq");
    }

    @Test
    void aStageSuffixesPhysicalNamesAndNarrowsTheTaskQueuePrefix() {
        VerityConfig dev = new VerityConfig("dev", null, List.of(), null, JAR, MODELS_JAR);
        assertThat(dev.physicalName("verity-labeling-job")).isEqualTo("verity-labeling-job-dev");
        assertThat(dev.functionNamePrefix()).isEqualTo("verity-dev");
        assertThat(dev.taskQueuePrefix()).isEqualTo(Catalog.TASK_QUEUE_PREFIX + "dev-");
        VerityConfig plain = new VerityConfig(" ", "", null, null, JAR, MODELS_JAR);
        assertThat(plain.stage()).isNull();
        assertThat(plain.physicalName("verity")).isEqualTo("verity");
        assertThat(plain.taskQueuePrefix()).isEqualTo(Catalog.TASK_QUEUE_PREFIX);
        assertThat(plain.corsAllowedOrigins()).isEmpty();
    }

    @Test
    void browsersMayCallFromTheWebUiAndTheConfiguredOrigins() {
        String web = "https://d111.cloudfront.net";
        assertThat(new VerityConfig(null, null, List.of(), null, JAR, MODELS_JAR).allowedOrigins(web))
                .containsExactly(web);
        assertThat(new VerityConfig(null, null, List.of("http://localhost:5173", web), null, JAR, MODELS_JAR)
                        .allowedOrigins(web))
                .containsExactly(web, "http://localhost:5173");
        assertThat(new VerityConfig(null, null, List.of("http://localhost:5173", "*"), null, JAR, MODELS_JAR)
                        .allowedOrigins(web))
                .containsExactly("*");
    }

    @Test
    void theWebDistFolderComesFromTheEnvironmentThenThePropertyAndMustHoldIndexHtml(@TempDir Path dir)
            throws IOException {
        Path built = Files.createDirectories(dir.resolve("built"));
        Files.writeString(built.resolve(Web.INDEX), "<!doctype html>");
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThat(VerityApp.webDist(built.toString(), empty.toString())).isEqualTo(built);
        assertThat(VerityApp.webDist(" ", built.toString())).isEqualTo(built);
        assertThatThrownBy(() -> VerityApp.webDist(empty.toString(), built.toString()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("build the web UI first: cd web && npm ci && npm run build")
                .hasMessageContaining(empty.toString());
        assertThatThrownBy(() -> VerityApp.webDist(null, dir.resolve("missing").toString()))
                .hasMessageContaining("build the web UI first");
    }

    @Test
    void badSettingsAreRejected() {
        assertThatThrownBy(() -> new VerityConfig("Prod_1", null, List.of(), null, JAR, MODELS_JAR))
                .hasMessageContaining("stage");
        assertThatThrownBy(() -> new VerityConfig(null, "not-an-address", List.of(), null, JAR, MODELS_JAR))
                .hasMessageContaining("alarmEmail");
    }

    @Test
    void customLambdasAreNamedWithVerityCustomByDefaultOrTheConfiguredPrefix() {
        assertThat(new VerityConfig(null, null, List.of(), null, JAR, MODELS_JAR).customLambdaPrefix())
                .isEqualTo("verity-custom-");
        assertThat(new VerityConfig("dev", null, List.of(), " acme-labeling- ", JAR, MODELS_JAR).customLambdaPrefix())
                .isEqualTo("acme-labeling-");
    }

    @Test
    void aCustomLambdaPrefixCoveringVerityFunctionsOfAnyStageIsRejectedAtSynthesis() {
        for (String prefix : List.of(
                "verity-",
                "verity-c",
                "verity-consolidate",
                "verity-dev-",
                "verity-dev-write",
                "verity-prod",
                "verity-custom",
                "verity",
                "v",
                "bad prefix",
                "x".repeat(49))) {
            assertThatThrownBy(() -> new VerityConfig(null, null, List.of(), prefix, JAR, MODELS_JAR))
                    .as(prefix)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(VerityConfig.CONTEXT_CUSTOM_LAMBDA_PREFIX);
        }
        assertThatThrownBy(() -> new VerityConfig(null, null, List.of(), "verity-dev-", JAR, MODELS_JAR))
                .hasMessageContaining("covers Verity's own function names (e.g. verity-dev-requester-api)");
        // Each of these lies outside every stage's function names: "custom" is not a stage, "verity_" not "verity-".
        for (String prefix :
                List.of("verity-custom-", "verity-custom-sentiment-", "acme-labeling-", "verity_", "verity-dev-x")) {
            assertThat(new VerityConfig("dev", null, List.of(), prefix, JAR, MODELS_JAR).customLambdaPrefix())
                    .isEqualTo(prefix);
        }
    }

    @Test
    void theStageCustomIsReservedForTheDefaultCustomLambdaPrefix() {
        assertThatThrownBy(() -> new VerityConfig("custom", null, List.of(), null, JAR, MODELS_JAR))
                .hasMessageContaining("stage custom is reserved");
    }

    @Test
    void theAppNamesHandlerClassesMissingFromTheJar(@TempDir Path dir) throws IOException {
        Path jar = dir.resolve("lambda.jar");
        String present = Catalog.FUNCTIONS.get(0).handler();
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
            zip.putNextEntry(new ZipEntry(present.replace('.', '/') + ".class"));
            zip.closeEntry();
        }
        long core = Catalog.FUNCTIONS.stream()
                .filter(f -> f.bundle() == FunctionSpec.Bundle.CORE)
                .count();
        assertThat(VerityApp.missingHandlers(jar, FunctionSpec.Bundle.CORE))
                .hasSize((int) core - 1)
                .doesNotContain(present)
                .contains(Catalog.FUNCTIONS.get(1).handler());
        assertThat(VerityApp.missingHandlers(jar, FunctionSpec.Bundle.MODELS))
                .contains(Catalog.function(Catalog.TRAIN_MODEL).handler());
    }

    @Test
    void theBuiltJarsHoldTheHandlersOfTheirBundles() {
        assertThat(VerityApp.missingHandlers(JAR, FunctionSpec.Bundle.CORE)).isEmpty();
        assertThat(VerityApp.missingHandlers(MODELS_JAR, FunctionSpec.Bundle.MODELS))
                .isEmpty();
    }

    @Test
    void aMissingLambdaJarSaysHowToBuildIt() {
        assertThatThrownBy(() -> new VerityConfig(
                        null, null, List.of(), null, Path.of("/nonexistent/verity-functions-lambda.jar"), MODELS_JAR))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("mvn -pl functions -am package");
        assertThatThrownBy(() -> new VerityConfig(null, null, List.of(), null, JAR, Path.of("/nonexistent/models.jar")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("The models Lambda jar is missing")
                .hasMessageContaining(VerityConfig.MODELS_JAR_PROPERTY);
    }
}
