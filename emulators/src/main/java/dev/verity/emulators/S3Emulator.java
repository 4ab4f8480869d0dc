package dev.verity.emulators;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.gaul.s3proxy.CrossOriginResourceSharing;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

/**
 * S3 on 127.0.0.1: S3Proxy 4.x in-process, path-style, accepting any credentials (authentication NONE: signed
 * requests, including SDK v2's aws-chunked uploads with CRC32 trailers, are accepted without checking the
 * signature), with CORS open to any origin (preflights answered) so a browser can use presigned URLs. Objects
 * live in a filesystem blob store under the given directory, or under a temporary directory
 * deleted on close.
 *
 * <p>Hook point for S3 event notifications: {@link Builder#decorator(UnaryOperator)} wraps the backing
 * {@link BlobStore} before S3Proxy sees it; a {@code org.gaul.s3proxy.blobstore.ForwardingBlobStore} subclass that
 * reports {@code putBlob}/{@code completeMultipartUpload}/{@code copyBlob}/{@code removeBlob} is the intended use.
 */
public final class S3Emulator implements AutoCloseable {
    private final S3Proxy proxy;
    private final BlobStore blobStore;
    private final Path directory;
    private final boolean deleteDirectoryOnClose;
    private final URI endpoint;

    private final Thread cleanup;

    private S3Emulator(S3Proxy proxy, BlobStore blobStore, Path directory, boolean deleteOnClose) {
        this.proxy = proxy;
        this.blobStore = blobStore;
        this.directory = directory;
        this.deleteDirectoryOnClose = deleteOnClose;
        this.endpoint = URI.create("http://" + Ports.LOOPBACK + ":" + proxy.getPort());
        this.cleanup = deleteOnClose ? new Thread(() -> deleteRecursively(directory), "verity-s3-cleanup") : null;
        if (cleanup != null) {
            Runtime.getRuntime().addShutdownHook(cleanup); // a temporary directory goes even without close()
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts with a temporary directory and no decorator. */
    public static S3Emulator start() {
        return builder().start();
    }

    /** {@code http://127.0.0.1:<port>}; use path-style addressing. */
    public URI endpoint() {
        return endpoint;
    }

    public int port() {
        return proxy.getPort();
    }

    /** The blob store S3Proxy serves (after decoration): direct access for tests and the local runtime. */
    public BlobStore blobStore() {
        return blobStore;
    }

    /** Where the filesystem blob store keeps buckets (one sub-directory per bucket). */
    public Path directory() {
        return directory;
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            // Best effort: the port is freed with the JVM at the latest.
        }
        try {
            blobStore.close();
        } catch (Exception e) {
            // ignore
        }
        if (deleteDirectoryOnClose) {
            deleteRecursively(directory);
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException e) {
                // already shutting down
            }
        }
    }

    static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // best effort
        }
    }

    public static final class Builder {
        private Path directory;
        private UnaryOperator<BlobStore> decorator = UnaryOperator.identity();

        private Builder() {}

        /** Keep objects under this directory (created if missing) and leave them there on close. */
        public Builder directory(Path directory) {
            this.directory = directory;
            return this;
        }

        /** Wraps the backing blob store, e.g. with an event-notification decorator. */
        public Builder decorator(UnaryOperator<BlobStore> decorator) {
            this.decorator = Objects.requireNonNull(decorator);
            return this;
        }

        public S3Emulator start() {
            QuietLogging.apply();
            Path dir;
            boolean temporary = directory == null;
            try {
                dir = temporary ? Files.createTempDirectory("verity-s3-") : Files.createDirectories(directory);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the S3 directory", e);
            }
            BlobStore store = decorator.apply(
                    new FilesystemNio2BlobStore(dir.toAbsolutePath().toString()));
            S3Proxy proxy = S3Proxy.builder()
                    .blobStore(store)
                    .endpoint(URI.create("http://" + Ports.LOOPBACK + ":0"))
                    .awsAuthentication(AuthenticationType.NONE, null, null)
                    .ignoreUnknownHeaders(true)
                    // Browsers on the local gateway's origin PUT uploads to presigned URLs and read masks cross-origin
                    // (crossOrigin="anonymous"): answer preflights and add Access-Control-Allow-Origin, as the
                    // s3proxy.cors-allow-all property would (any origin, method and header; every header exposed).
                    .corsRules(new CrossOriginResourceSharing())
                    .build();
            try {
                proxy.start();
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (!"STARTED".equals(proxy.getState())) {
                    if (System.nanoTime() - deadline > 0) {
                        throw new IllegalStateException(
                                "S3Proxy did not start within 30 s (state " + proxy.getState() + ")");
                    }
                    Thread.sleep(10);
                }
            } catch (Exception e) {
                try {
                    proxy.stop();
                } catch (Exception ignored) {
                    // ignore
                }
                if (temporary) {
                    deleteRecursively(dir);
                }
                throw new IllegalStateException("S3Proxy failed to start", e);
            }
            return new S3Emulator(proxy, store, dir, temporary);
        }
    }
}
