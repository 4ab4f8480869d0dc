package dev.verity.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.aws.Environment;
import dev.verity.emulators.EmulatorsExtension;
import dev.verity.handler.RequesterApiHandler;
import dev.verity.handler.Services;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Input a requester names in a bucket Verity cannot read is their error to fix: a 400 naming the field. */
@ExtendWith(EmulatorsExtension.class)
class UnreadableInputIT {

    @Test
    void aManifestAndCategoriesInABucketThatDoesNotExistAreRefusedNamingEachField() throws Exception {
        ObjectNode request = JobDriver.request(
                "in-no-bucket",
                "animal",
                "x.manifest",
                "x.json",
                "ImageMultiClass",
                "private-crowd/Everyone-in-private-workforce",
                1);
        request.with("InputConfig")
                .with("DataSource")
                .with("S3DataSource")
                .put("ManifestS3Uri", "s3://no-such-bucket-anywhere/input/x.manifest");
        request.put("LabelCategoryConfigS3Uri", "s3://no-such-bucket-anywhere/input/categories.json");

        JsonNode response = new RequesterApiHandler(new Services(Environment.current()))
                .handle(ApiEvents.request("POST /jobs", Map.of(), request, "requester-1"), null);

        assertThat(ApiEvents.status(response)).as(response.toString()).isEqualTo(400);
        assertThat(ApiEvents.body(response).toString())
                .contains("InputConfig.DataSource.S3DataSource.ManifestS3Uri")
                .contains("no object at s3://no-such-bucket-anywhere/input/x.manifest")
                .contains("LabelCategoryConfigS3Uri")
                .contains("no object at s3://no-such-bucket-anywhere/input/categories.json");
    }
}
