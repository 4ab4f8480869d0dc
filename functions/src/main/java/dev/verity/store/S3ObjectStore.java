package dev.verity.store;

import dev.verity.manifest.S3Uri;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** {@link ObjectStore} on Amazon S3. */
public final class S3ObjectStore implements ObjectStore {

    private final Supplier<S3Client> s3;
    private final Supplier<S3Presigner> presigner;

    public S3ObjectStore(Supplier<S3Client> s3, Supplier<S3Presigner> presigner) {
        this.s3 = s3;
        this.presigner = presigner;
    }

    @Override
    public Optional<InputStream> open(S3Uri uri) {
        try {
            return Optional.of(s3.get()
                    .getObject(GetObjectRequest.builder()
                            .bucket(uri.bucket())
                            .key(uri.key())
                            .build()));
        } catch (NoSuchKeyException | NoSuchBucketException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            throw unreadable(uri, e);
        }
    }

    /** A 403 as {@link ObjectUnreadableException}; any other failure as it is. */
    private static RuntimeException unreadable(S3Uri uri, S3Exception e) {
        if (e.statusCode() == 403) {
            return new ObjectUnreadableException(
                    uri,
                    e.awsErrorDetails() == null
                            ? "access denied"
                            : e.awsErrorDetails().errorCode() + ": "
                                    + e.awsErrorDetails().errorMessage());
        }
        return e;
    }

    @Override
    public OutputStream create(S3Uri uri, String contentType) throws IOException {
        Path spool = Files.createTempFile("verity-upload", ".tmp");
        return new FilterOutputStream(new BufferedOutputStream(Files.newOutputStream(spool), 1 << 16)) {
            private boolean closed;

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                if (closed) {
                    return;
                }
                closed = true;
                try {
                    super.close();
                    s3.get()
                            .putObject(
                                    b -> b.bucket(uri.bucket()).key(uri.key()).contentType(contentType),
                                    RequestBody.fromFile(spool));
                } finally {
                    Files.deleteIfExists(spool);
                }
            }
        };
    }

    @Override
    public void put(S3Uri uri, byte[] content, String contentType) {
        s3.get()
                .putObject(
                        b -> b.bucket(uri.bucket()).key(uri.key()).contentType(contentType),
                        RequestBody.fromBytes(content));
    }

    @Override
    public boolean exists(S3Uri uri) {
        try {
            s3.get().headObject(b -> b.bucket(uri.bucket()).key(uri.key()));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw unreadable(uri, e);
        }
    }

    @Override
    public String presignGet(S3Uri uri, Duration validity) {
        return presigner
                .get()
                .presignGetObject(b -> b.signatureDuration(validity)
                        .getObjectRequest(g -> g.bucket(uri.bucket()).key(uri.key())))
                .url()
                .toString();
    }

    @Override
    public String presignDownload(S3Uri uri, String fileName, Duration validity) {
        String disposition = "attachment; filename=\"" + fileName.replaceAll("[\"\\\\\\r\\n]", "_") + "\"";
        return presigner
                .get()
                .presignGetObject(b -> b.signatureDuration(validity)
                        .getObjectRequest(
                                g -> g.bucket(uri.bucket()).key(uri.key()).responseContentDisposition(disposition)))
                .url()
                .toString();
    }

    @Override
    public String presignPut(S3Uri uri, String contentType, Duration validity) {
        return presigner
                .get()
                .presignPutObject(b -> b.signatureDuration(validity)
                        .putObjectRequest(
                                p -> p.bucket(uri.bucket()).key(uri.key()).contentType(contentType)))
                .url()
                .toString();
    }

    @Override
    public Iterable<S3Uri> list(S3Uri prefix) {
        // The paginator asks for the next page only when the iteration reaches it.
        return () ->
                s3.get().listObjectsV2Paginator(b -> b.bucket(prefix.bucket()).prefix(prefix.key())).contents().stream()
                        .map(o -> new S3Uri(prefix.bucket(), o.key()))
                        .iterator();
    }
}
