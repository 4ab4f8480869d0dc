package dev.verity.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.verity.emulators.lambda.LambdaFunctionException;
import dev.verity.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code verity jobs create} and the CLI's errors: a request file is POSTed to /jobs of the running Verity (here a
 * stand-in HTTP server), an API Gateway event file by its body; every failure is one line on stderr, with the command
 * that fixes it where there is one.
 */
class JobsCreateCommandTest {

    private static final String REQUEST = "{\"LabelingJobName\":\"sample-animals\",\"RoleArn\":\"r\"}";

    @TempDir
    Path dir;

    private HttpServer server;
    private final List<String> posted = new CopyOnWriteArrayList<>();
    private String out;
    private String err;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/jobs", exchange -> {
            posted.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body = Json.object()
                    .put("LabelingJobArn", "arn:aws:sagemaker:us-east-1:000000000000:labeling-job/sample-animals")
                    .toString()
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        RuntimeInfo.write(
                dir,
                Json.object()
                        .put("apiUrl", "http://127.0.0.1:" + server.getAddress().getPort() + "/api/")
                        .put("requesterToken", "tok"));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aRequestFileIsPostedAsItIs() throws IOException {
        Path file = Files.writeString(dir.resolve("create-job.json"), REQUEST);

        assertThat(run("jobs", "create", file.toString(), "--state-dir", dir.toString()))
                .isZero();

        assertThat(posted).hasSize(1);
        assertThat(Json.parse(posted.get(0))).isEqualTo(Json.parse(REQUEST));
        assertThat(out.trim()).endsWith("labeling-job/sample-animals");
    }

    @Test
    void anApiGatewayEventFileCreatesTheJobItsBodyHolds() throws IOException {
        Path file = Files.writeString(
                dir.resolve("api-create-job.json"),
                Json.object()
                        .put("version", "2.0")
                        .put("routeKey", "POST /jobs")
                        .<com.fasterxml.jackson.databind.node.ObjectNode>set("requestContext", Json.object())
                        .put("body", REQUEST)
                        .put("isBase64Encoded", false)
                        .toString());

        assertThat(run("jobs", "create", file.toString(), "--state-dir", dir.toString()))
                .isZero();

        assertThat(Json.parse(posted.get(0))).isEqualTo(Json.parse(REQUEST));
        assertThat(err).contains("is an API Gateway event (POST /jobs); creating the job from its body");
    }

    @Test
    void aBase64BodyIsDecoded() throws IOException {
        Path file = Files.writeString(
                dir.resolve("event.json"),
                Json.object()
                        .<com.fasterxml.jackson.databind.node.ObjectNode>set("requestContext", Json.object())
                        .put("body", Base64.getEncoder().encodeToString(REQUEST.getBytes(StandardCharsets.UTF_8)))
                        .put("isBase64Encoded", true)
                        .toString());

        assertThat(run("jobs", "create", file.toString(), "--state-dir", dir.toString()))
                .isZero();

        assertThat(Json.parse(posted.get(0))).isEqualTo(Json.parse(REQUEST));
    }

    @Test
    void theRepositorysSampleEventCreatesTheSampleJob() throws IOException {
        Path events = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(events.resolve("events"))) {
            events = events.getParent();
        }

        assertThat(run(
                        "jobs",
                        "create",
                        events.resolve("events/api-create-job.json").toString(),
                        "--state-dir",
                        dir.toString()))
                .isZero();

        assertThat(Json.parse(posted.get(0)))
                .isEqualTo(Json.MAPPER.readTree(
                        events.resolve("events/create-job.json").toFile()));
    }

    @Test
    void aMissingFileIsOneLine() {
        assertThat(run("jobs", "create", dir.resolve("nope.json").toString(), "--state-dir", dir.toString()))
                .isEqualTo(1);

        assertThat(err).isEqualTo("error: no file " + dir.resolve("nope.json") + "\n");
        assertThat(posted).isEmpty();
    }

    @Test
    void aFileThatIsNotJsonIsOneLineSayingWhere() throws IOException {
        Path file = Files.writeString(dir.resolve("broken.json"), "{\"LabelingJobName\": \n  oops}");

        assertThat(run("jobs", "create", file.toString(), "--state-dir", dir.toString()))
                .isEqualTo(1);

        assertThat(err.lines())
                .singleElement()
                .satisfies(line -> assertThat(line)
                        .startsWith("error: " + file + " is not valid JSON: ")
                        .contains("(line 2, column"));
    }

    @Test
    void noRuntimeIsOneLineNamingTheCommandThatStartsIt() {
        Path empty = dir.resolve("elsewhere");

        assertThat(run("jobs", "list", "--state-dir", empty.toString())).isEqualTo(1);

        assertThat(err.lines())
                .singleElement()
                .satisfies(line -> assertThat(line)
                        .startsWith("error: Verity is not running here")
                        .endsWith("start it with ./verity up"));
    }

    @Test
    void aRuntimeThatIsGoneIsOneLineNamingWhereItWasAndTheCommandThatStartsIt() throws IOException {
        int port = server.getAddress().getPort();
        server.stop(0);

        assertThat(run("jobs", "list", "--state-dir", dir.toString())).isEqualTo(1);

        assertThat(err)
                .isEqualTo("error: Verity does not answer at http://127.0.0.1:" + port
                        + "/api/: start it with ./verity up\n");
    }

    @Test
    void aMistypedCommandNamesTheHelpAndTheCommandMeant() {
        assertThat(run("jobs", "lsit")).isEqualTo(2);

        assertThat(err.lines().toList())
                .hasSize(2)
                .last()
                .asString()
                .startsWith("see: ./verity jobs --help")
                .contains("list");
    }

    @Test
    void sampleOutsideTheRepositoryIsOneLineSayingWhereToRunIt() {
        assertThat(run("sample", "--from", dir.resolve("no-such-folder").toString(), "--state-dir", dir.toString()))
                .isEqualTo(1);

        assertThat(err.lines()).singleElement().asString().contains("run ./verity sample from the Verity repository");
    }

    @Test
    void aFunctionThatFindsNoJobSaysHowToCreateTheSampleJob() {
        String line = CliErrors.invocationFailure(
                new LambdaFunctionException(
                        "dev.verity.job.NotFoundException", "no labeling job named 'sample-animals'", null),
                "{\"jobName\": \"sample-animals\"}");

        assertThat(line)
                .isEqualTo("NotFoundException: no labeling job named 'sample-animals'; create it first (the sample job "
                        + "sample-animals: ./verity sample, then ./verity jobs create events/create-job.json)");
        assertThat(CliErrors.invocationFailure(
                        new LambdaFunctionException("ResourceNotFoundException", "Function not found: prepare", null),
                        "{}"))
                .contains("the functions: ")
                .contains("prepare-dataset");
    }

    @Test
    void everyCommandAnswersHelpWithItsUsage() {
        for (String[] command : new String[][] {{"demo"}, {"jobs"}, {"jobs", "create"}, {"sample"}, {"invoke"}}) {
            String[] args = java.util.Arrays.copyOf(command, command.length + 1);
            args[command.length] = "--help";

            assertThat(run(args)).as(String.join(" ", args)).isZero();
            assertThat(out).as(String.join(" ", args)).startsWith("Usage: verity " + String.join(" ", command));
        }
    }

    @Test
    void theSampleFilesGoWithTheirContentTypes() {
        assertThat(VerityCli.Sample.contentType("input/animals/cat-1.png")).isEqualTo("image/png");
        assertThat(VerityCli.Sample.contentType("input/categories.json")).isEqualTo("application/json");
        assertThat(VerityCli.Sample.contentType("templates/image-classification.liquid.html"))
                .isEqualTo("text/html");
    }

    private int run(String... args) {
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(errors, true, StandardCharsets.UTF_8));
        try {
            return VerityCli.commandLine().execute(args);
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
            out = printed.toString(StandardCharsets.UTF_8);
            err = errors.toString(StandardCharsets.UTF_8);
        }
    }
}
