package dev.verity.local;

import static org.assertj.core.api.Assertions.assertThat;

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
 * {@code verity export}: asks GET /jobs/NAME/export of the running Verity (here a stand-in HTTP server that answers as
 * the requester API does) and downloads the file from the URL it answers, or prints the URL.
 */
class ExportCommandTest {

    @TempDir
    Path dir;

    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        server.createContext("/api/", exchange -> {
            requests.add(exchange.getRequestURI().toString() + " "
                    + exchange.getRequestHeaders().getFirst("authorization"));
            boolean known = exchange.getRequestURI().getPath().equals("/api/jobs/cars/export");
            String format = exchange.getRequestURI().getQuery();
            byte[] body = (known && format.equals("format=csv")
                            ? Json.object()
                                    .put("LabelingJobName", "cars")
                                    .put("format", "csv")
                                    .put("s3Uri", "s3://b/output/cars/exports/csv/labels.csv")
                                    .put("url", base + "/download/labels.csv?X-Amz-Signature=x")
                                    .put("fileName", "cars-csv-labels.csv")
                                    .put("objects", 2)
                                    .put("skipped", 0)
                            : Json.object()
                                    .put("error", "ValidationException")
                                    .put("message", "format \"coco\" does not apply; formats that apply: csv"))
                    .toString()
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(known && format.equals("format=csv") ? 200 : 400, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/download/", exchange -> {
            byte[] csv = "object,label,class_id,confidence,annotated_by\r\ns3://b/1.jpg,dog,1,0.9,human\r\n"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, csv.length);
            exchange.getResponseBody().write(csv);
            exchange.close();
        });
        server.start();
        RuntimeInfo.write(dir, Json.object().put("apiUrl", base + "/api/").put("requesterToken", "tok"));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private int run(String... args) {
        return new CommandLine(new VerityCli()).execute(args);
    }

    @Test
    void exportDownloadsTheFileTheApiWroteUnderTheGivenPath() throws IOException {
        Path target = dir.resolve("labels.csv");

        int exit = run("export", "cars", "--format", "csv", "--state-dir", dir.toString(), "-o", target.toString());

        assertThat(exit).isZero();
        assertThat(requests).containsExactly("/api/jobs/cars/export?format=csv Bearer tok");
        assertThat(Files.readString(target)).startsWith("object,label,class_id,confidence,annotated_by\r\n");
    }

    @Test
    void exportWithUrlPrintsThePresignedUrlAndDownloadsNothing() {
        PrintStream out = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = run("export", "cars", "--format", "csv", "--url", "--state-dir", dir.toString());
        } finally {
            System.setOut(out);
        }

        assertThat(exit).isZero();
        assertThat(printed.toString(StandardCharsets.UTF_8).trim()).endsWith("/download/labels.csv?X-Amz-Signature=x");
    }

    @Test
    void aFormatTheJobDoesNotTakeExitsWithTheApisReason() {
        PrintStream err = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = run("export", "cars", "--format", "coco", "--state-dir", dir.toString());
        } finally {
            System.setErr(err);
        }

        assertThat(exit).isEqualTo(1);
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("HTTP 400 ValidationException: format \"coco\" does not apply; formats that apply: csv");
    }
}
