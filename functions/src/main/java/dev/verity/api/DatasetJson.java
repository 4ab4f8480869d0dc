package dev.verity.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.json.Json;
import dev.verity.labeling.CrawledManifest;
import dev.verity.labeling.PresignedUploads;

/**
 * The console's dataset setup: a crawled manifest ({@code POST /datasets/manifest}) and presigned uploads
 * ({@code POST /uploads}).
 */
public final class DatasetJson {

    private DatasetJson() {}

    public static ObjectNode crawled(CrawledManifest manifest) {
        return Json.object()
                .put("manifestS3Uri", manifest.manifest().toString())
                .put("objects", manifest.objects())
                .put("files", manifest.files())
                .put("skippedRows", manifest.skippedRows());
    }

    public static ObjectNode uploads(PresignedUploads presigned) {
        ObjectNode out = Json.object();
        ArrayNode uploads = out.putArray("uploads");
        for (PresignedUploads.Upload upload : presigned.uploads()) {
            uploads.addObject()
                    .put("name", upload.name())
                    .put("s3Uri", upload.s3Uri().toString())
                    .put("url", upload.url())
                    .putObject("headers")
                    .put("content-type", upload.contentType());
        }
        out.put("s3Prefix", presigned.prefix().toString());
        return out;
    }
}
