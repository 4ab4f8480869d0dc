package dev.verity.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.verity.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code verity import}: puts a local annotations file in the data bucket through POST /uploads' presigned PUT, then
 * asks POST /datasets/import of the running Verity (here a stand-in HTTP server that answers as the requester API
 * does) and prints the manifest's and the label category file's S3 URIs.
 */
class ImportCommandTest {

    private static final String COCO = "{\"images\":[],\"annotations\":[],\"categories\":[]}";

    @TempDir
    Path dir;

    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<JsonNode> imports = new CopyOnWriteArrayList<>();
    private final List<String> puts = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        server.createContext("/api/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            requests.add(exchange.getRequestMethod() + " " + path + " "
                    + exchange.getRequestHeaders().getFirst("authorization"));
            JsonNode request = Json.parse(body);
            int status = 200;
            JsonNode answer;
            if (path.equals("/api/uploads")) {
                String prefix = request.path("prefix").asText();
                JsonNode file = request.path("files").path(0);
                var ticket = Json.object()
                        .put("name", file.path("name").asText())
                        .put(
                                "s3Uri",
                                "s3://verity-data/" + prefix + file.path("name").asText())
                        .put("url", base + "/put/" + prefix + file.path("name").asText() + "?X-Amz-Signature=x");
                ticket.putObject("headers")
                        .put("content-type", file.path("contentType").asText());
                var uploads = Json.object();
                uploads.putArray("uploads").add(ticket);
                answer = uploads;
            } else if (request.path("format").asText().equals("coco")) {
                imports.add(request);
                String manifest = request.has("manifestS3Uri")
                        ? request.path("manifestS3Uri").asText()
                        : request.path("annotationsS3Uri").asText().replace(".json", ".manifest");
                var imported = Json.object()
                        .put("manifestS3Uri", manifest)
                        .put("labelCategoryConfigS3Uri", manifest.replace(".manifest", "-categories.json"))
                        .put(
                                "labelAttributeName",
                                request.path("labelAttributeName").asText())
                        .put("images", 2)
                        .put("boxes", 3);
                imported.putArray("categories").add("cat").add("dog");
                imported.putArray("skipped").add("images/gone.jpg: no such image under the prefix");
                answer = imported;
            } else {
                status = 400;
                answer = Json.object()
                        .put("error", "ValidationException")
                        .put("message", "format: must be coco, yolo or voc, not \"kitti\"");
            }
            byte[] out = answer.toString().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        server.createContext("/put/", exchange -> {
            puts.add(
                    exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                            + exchange.getRequestHeaders().getFirst("content-type") + " "
                            + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        RuntimeInfo.write(dir, Json.object().put("apiUrl", base + "/api/").put("requesterToken", "tok"));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private record Run(int exit, String out, String err) {}

    private Run run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(errors, true, StandardCharsets.UTF_8));
        try {
            int exit = new CommandLine(new VerityCli()).execute(args);
            return new Run(exit, printed.toString(StandardCharsets.UTF_8), errors.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void importUploadsTheLocalCocoFileThenPrintsTheManifestAndCategoryFileUris() throws IOException {
        Path coco = Files.writeString(dir.resolve("boxes.json"), COCO);

        Run run = run(
                "import",
                coco.toString(),
                "--format",
                "coco",
                "--images",
                "s3://verity-data/images/",
                "--state-dir",
                dir.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(requests).containsExactly("POST /api/uploads Bearer tok", "POST /api/datasets/import Bearer tok");
        assertThat(puts)
                .singleElement()
                .satisfies(put -> assertThat(put)
                        .matches("PUT /put/uploads/cli-import-\\d{8}T\\d{6}/boxes\\.json application/json \\Q" + COCO
                                + "\\E"));
        JsonNode request = imports.get(0);
        assertThat(request.path("annotationsS3Uri").asText())
                .matches("s3://verity-data/uploads/cli-import-\\d{8}T\\d{6}/boxes\\.json");
        assertThat(request.path("imagesS3Prefix").asText()).isEqualTo("s3://verity-data/images/");
        assertThat(request.path("labelAttributeName").asText()).isEqualTo("prelabels");
        assertThat(request.has("manifestS3Uri")).isFalse();
        assertThat(run.out())
                .containsPattern("manifestS3Uri +s3://verity-data/uploads/cli-import-\\d{8}T\\d{6}/boxes\\.manifest\n")
                .containsPattern("labelCategoryConfigS3Uri +s3://verity-data/uploads/cli-import-\\d{8}T\\d{6}/boxes"
                        + "-categories\\.json\n")
                .contains("2 images, 3 boxes under \"prelabels\"; categories: cat, dog")
                .contains("skipped: images/gone.jpg: no such image under the prefix");
    }

    @Test
    void annotationsAlreadyInS3AreImportedWithoutAnUploadToTheGivenManifest() {
        Run run = run(
                "import",
                "s3://verity-data/coco/boxes.json",
                "--format",
                "coco",
                "--images",
                "s3://verity-data/images/",
                "--label-attribute",
                "model-boxes",
                "--manifest",
                "s3://verity-data/manifests/boxes.manifest",
                "--state-dir",
                dir.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(requests).containsExactly("POST /api/datasets/import Bearer tok");
        assertThat(puts).isEmpty();
        assertThat(imports.get(0))
                .isEqualTo(Json.parse("{\"format\":\"coco\",\"annotationsS3Uri\":\"s3://verity-data/coco/boxes.json\","
                        + "\"imagesS3Prefix\":\"s3://verity-data/images/\",\"labelAttributeName\":\"model-boxes\","
                        + "\"manifestS3Uri\":\"s3://verity-data/manifests/boxes.manifest\"}"));
        assertThat(run.out()).contains("manifestS3Uri              s3://verity-data/manifests/boxes.manifest\n");
    }

    @Test
    void aRefusedImportExitsWithTheApisReason() throws IOException {
        Path labels = Files.writeString(dir.resolve("labels.zip"), "PK");

        Run run = run(
                "import",
                labels.toString(),
                "--format",
                "kitti",
                "--images",
                "s3://verity-data/images/",
                "--state-dir",
                dir.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(puts).singleElement().satisfies(put -> assertThat(put).contains("application/zip"));
        assertThat(run.err())
                .contains("HTTP 400 ValidationException: format: must be coco, yolo or voc, not \"kitti\"");
    }

    @Test
    void aMissingLocalFileIsNamedAndNothingIsSent() {
        Run run = run(
                "import",
                dir.resolve("nowhere.json").toString(),
                "--format",
                "coco",
                "--images",
                "s3://verity-data/images/",
                "--state-dir",
                dir.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("error: no file");
        assertThat(requests).isEmpty();
    }
}
