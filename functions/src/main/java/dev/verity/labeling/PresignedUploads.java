package dev.verity.labeling;

import dev.verity.manifest.S3Uri;
import java.util.List;

/** One presigned PUT per requested file, all under one folder of the data bucket. */
public record PresignedUploads(List<Upload> uploads, S3Uri prefix) {

    /**
     * One file's upload.
     *
     * @param url         a presigned PUT URL
     * @param contentType the content type the PUT must send
     */
    public record Upload(String name, S3Uri s3Uri, String url, String contentType) {}
}
