package dev.verity.store;

import dev.verity.manifest.S3Uri;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Optional;

/** Object storage (S3 in AWS and locally): streaming reads and writes of whole objects. */
public interface ObjectStore {

    /** Opens an object for streaming; empty if it does not exist. */
    Optional<InputStream> open(S3Uri uri) throws IOException;

    /**
     * A stream whose bytes become the object when it is closed. Large objects stream through a temporary file,
     * never through memory.
     */
    OutputStream create(S3Uri uri, String contentType) throws IOException;

    void put(S3Uri uri, byte[] content, String contentType) throws IOException;

    boolean exists(S3Uri uri) throws IOException;

    /** A time-limited HTTPS URL that lets a browser GET the object. */
    String presignGet(S3Uri uri, Duration validity);

    /**
     * A time-limited URL that lets a browser GET the object as a download: the response carries
     * {@code Content-Disposition: attachment; filename="<fileName>"}.
     */
    String presignDownload(S3Uri uri, String fileName, Duration validity);

    /**
     * A time-limited URL that lets a browser PUT the object; the request must send {@code Content-Type: contentType}
     * exactly, since the header is part of the signature.
     */
    String presignPut(S3Uri uri, String contentType, Duration validity);

    /**
     * The objects under a prefix (every key starting with {@code prefix.key()}), in key order, fetched page by page as
     * the iteration goes, so a large prefix is never held whole.
     */
    Iterable<S3Uri> list(S3Uri prefix);
}
