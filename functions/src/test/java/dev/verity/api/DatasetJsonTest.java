package dev.verity.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.json.Json;
import dev.verity.labeling.CrawledManifest;
import dev.verity.labeling.PresignedUploads;
import dev.verity.manifest.S3Uri;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatasetJsonTest {

    @Test
    void aCrawlGivesTheManifestsUriAndItsCounts() {
        var crawled =
                new CrawledManifest(S3Uri.parse("s3://data-bucket/images/dataset-260102T030405.manifest"), 12, 9, 1);

        assertThat(Json.write(DatasetJson.crawled(crawled)))
                .isEqualTo(
                        "{\"manifestS3Uri\":\"s3://data-bucket/images/dataset-260102T030405.manifest\",\"objects\":12,"
                                + "\"files\":9,\"skippedRows\":1}");
    }

    @Test
    void eachUploadNamesTheHeaderItsPutMustSendThenTheFolder() {
        var presigned = new PresignedUploads(
                List.of(new PresignedUploads.Upload(
                        "a/0.png",
                        S3Uri.parse("s3://data-bucket/uploads/set/a/0.png"),
                        "https://data-bucket/put",
                        "image/png")),
                S3Uri.parse("s3://data-bucket/uploads/set/"));

        assertThat(Json.write(DatasetJson.uploads(presigned)))
                .isEqualTo("{\"uploads\":[{\"name\":\"a/0.png\",\"s3Uri\":\"s3://data-bucket/uploads/set/a/0.png\","
                        + "\"url\":\"https://data-bucket/put\",\"headers\":{\"content-type\":\"image/png\"}}],"
                        + "\"s3Prefix\":\"s3://data-bucket/uploads/set/\"}");
    }
}
