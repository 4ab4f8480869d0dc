package dev.verity.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.aws.AwsClients;
import dev.verity.aws.Environment;
import dev.verity.emulators.EmulatorsExtension;
import dev.verity.handler.Services;
import dev.verity.json.Json;
import dev.verity.manifest.S3Uri;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** Crawling an S3 prefix into a manifest, and presigned upload URLs, through the real handler and embedded S3. */
@ExtendWith(EmulatorsExtension.class)
class RequesterApiDatasetsIT {

    /** More than one ListObjectsV2 page (1,000 keys). */
    private static final int IMAGES = 1_050;

    private static S3Client s3;
    private static JobDriver api;

    @BeforeAll
    static void setUp() {
        api = new JobDriver(new Services(Environment.current()), "no-job");
        s3 = new AwsClients(Environment.current()).s3();
    }

    private static void put(String key, String content) {
        s3.putObject(b -> b.bucket(CatalogResources.BUCKET).key(key), RequestBody.fromString(content));
    }

    private static String get(String uri) {
        S3Uri s3Uri = S3Uri.parse(uri);
        return s3.getObjectAsBytes(b -> b.bucket(s3Uri.bucket()).key(s3Uri.key()))
                .asUtf8String();
    }

    private static JsonNode crawl(String prefix, String dataType) throws Exception {
        return api.requester(
                "POST /datasets/manifest",
                Map.of(),
                Json.object().put("s3Prefix", prefix).put("dataType", dataType));
    }

    @Test
    void crawlsImagesAcrossListingPagesIntoAManifest() throws Exception {
        String[] extensions = {".jpg", ".JPG", ".jpeg", ".png", ".PNG"};
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < IMAGES; i++) {
            String key = "crawl-images/" + (i % 10 == 0 ? "sub/" : "") + String.format("img-%04d", i)
                    + extensions[i % extensions.length];
            put(key, "x");
            expected.add("s3://verity-data/" + key);
        }
        put("crawl-images/notes.txt", "not an image");
        put("crawl-images/img.gif", "not one we look for");
        put("crawl-images/dataset-250101T000000.manifest", "{\"source-ref\":\"s3://verity-data/old.jpg\"}\n");
        expected.sort(String::compareTo);

        JsonNode response = crawl("s3://verity-data/crawl-images/", "image");
        assertThat(ApiEvents.status(response)).as(response.toString()).isEqualTo(200);
        JsonNode result = ApiEvents.body(response);
        assertThat(result.get("objects").asInt()).isEqualTo(IMAGES);
        String manifest = result.get("manifestS3Uri").asText();
        assertThat(manifest).matches("s3://verity-data/crawl-images/dataset-\\d{6}T\\d{6}\\.manifest");
        List<String> sources = new ArrayList<>();
        for (String line : get(manifest).split("\n")) {
            JsonNode entry = Json.parse(line);
            assertThat(entry.size()).isEqualTo(1);
            sources.add(entry.get("source-ref").asText());
        }
        assertThat(sources).isEqualTo(expected);
    }

    @Test
    void crawlsTextLinesAndCsvRows() throws Exception {
        put("crawl-text/a.txt", "\uFEFFone\n\ntwo\r\n   \nthree");
        put("crawl-text/b.CSV", "id,text\n1,\"hello, world\"\n2,\"two\nlines\"\n\n");
        put("crawl-text/c.png", "an image, not text");
        put("crawl-text/dataset-240101T000000.manifest", "{\"source\":\"an earlier manifest\"}\n");
        JsonNode response = crawl("s3://verity-data/crawl-text", "text"); // a folder, with or without its slash
        assertThat(ApiEvents.status(response)).as(response.toString()).isEqualTo(200);
        JsonNode result = ApiEvents.body(response);
        assertThat(result.get("objects").asInt()).isEqualTo(6);
        List<String> sources = new ArrayList<>();
        for (String line : get(result.get("manifestS3Uri").asText()).split("\n")) {
            sources.add(Json.parse(line).get("source").asText());
        }
        assertThat(sources).containsExactly("one", "two", "three", "id,text", "1,\"hello, world\"", "2,\"two\nlines\"");
    }

    @Test
    void refusesACrawlThatFindsNothingOrIsMalformed() throws Exception {
        put("crawl-empty/readme.md", "nothing to label");
        JsonNode nothing = crawl("s3://verity-data/crawl-empty/", "image");
        assertThat(ApiEvents.status(nothing)).isEqualTo(400);
        assertThat(ApiEvents.body(nothing).get("message").asText())
                .contains("s3://verity-data/crawl-empty/", ".jpg, .jpeg, .png");
        assertThat(s3.listObjectsV2(b -> b.bucket(CatalogResources.BUCKET).prefix("crawl-empty/dataset-"))
                        .contents())
                .isEmpty();
        JsonNode noText = crawl("s3://verity-data/crawl-empty/", "text");
        assertThat(ApiEvents.body(noText).get("message").asText()).contains(".txt, .csv");
        JsonNode video = crawl("s3://verity-data/crawl-empty/", "video");
        assertThat(ApiEvents.status(video)).isEqualTo(400);
        assertThat(ApiEvents.body(video).get("message").asText()).contains("dataType", "image, text", "'video'");
        JsonNode notS3 = crawl("https://example.com/data/", "image");
        assertThat(ApiEvents.status(notS3)).isEqualTo(400);
        assertThat(ApiEvents.body(notS3).get("message").asText()).contains("s3Prefix", "s3://");
    }

    @Test
    void givesPresignedPutsThatABrowserCanUse() throws Exception {
        ObjectNode body = Json.object().put("prefix", "uploads/batch-1/");
        body.putArray("files")
                .add(Json.object().put("name", "a.png").put("contentType", "image/png"))
                .add(Json.object().put("name", "more/b.jpg").put("contentType", "image/jpeg"));
        JsonNode response = api.requester("POST /uploads", Map.of(), body);
        assertThat(ApiEvents.status(response)).as(response.toString()).isEqualTo(200);
        JsonNode result = ApiEvents.body(response);
        assertThat(result.get("s3Prefix").asText()).isEqualTo("s3://verity-data/uploads/batch-1/");
        assertThat(result.get("uploads")).hasSize(2);
        JsonNode upload = result.get("uploads").get(0);
        assertThat(upload.get("name").asText()).isEqualTo("a.png");
        assertThat(upload.get("s3Uri").asText()).isEqualTo("s3://verity-data/uploads/batch-1/a.png");
        assertThat(upload.at("/headers/content-type").asText()).isEqualTo("image/png");
        assertThat(result.get("uploads").get(1).get("s3Uri").asText())
                .isEqualTo("s3://verity-data/uploads/batch-1/more/b.jpg");

        HttpResponse<String> put = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(upload.get("url").asText()))
                                .PUT(HttpRequest.BodyPublishers.ofString("png bytes"))
                                .header(
                                        "Content-Type",
                                        upload.at("/headers/content-type").asText())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        var stored = s3.getObjectAsBytes(b -> b.bucket(CatalogResources.BUCKET).key("uploads/batch-1/a.png"));
        assertThat(stored.asUtf8String()).isEqualTo("png bytes");
        assertThat(stored.response().contentType()).isEqualTo("image/png");
    }

    @Test
    void refusesUnsafeOrTooManyUploads() throws Exception {
        assertRefused("uploads/x/", List.of("../escape.png"), "files[0].name", "'..'");
        assertRefused("uploads/x/", List.of("ok.png", "/abs.png"), "files[1].name", "'/'");
        assertRefused("data/x/", List.of("a.png"), "prefix", "uploads/");
        assertRefused("uploads/../x/", List.of("a.png"), "prefix", "'..'");
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            many.add("f" + i + ".png");
        }
        assertRefused("uploads/x/", many, "files", "at most 500");
        assertRefused("uploads/x/", List.of(), "files", "1 to 500");
    }

    private static void assertRefused(String prefix, List<String> names, String... mentions) throws Exception {
        ObjectNode body = Json.object().put("prefix", prefix);
        names.forEach(
                n -> body.withArray("files").add(Json.object().put("name", n).put("contentType", "image/png")));
        body.withArray("files");
        JsonNode response = api.requester("POST /uploads", Map.of(), body);
        assertThat(ApiEvents.status(response)).as(prefix + " " + names.size()).isEqualTo(400);
        assertThat(ApiEvents.body(response).get("message").asText()).contains(mentions);
    }
}
