package dev.verity.fakes;

import dev.verity.manifest.S3Uri;
import dev.verity.store.ObjectStore;
import dev.verity.store.ObjectUnreadableException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Objects in memory, keyed by {@code s3://bucket/key} in key order. Presigned URLs are recognisable fakes naming the
 * object, the validity and (for PUT) the content type; {@link #denyReads} makes an object unreadable as S3's 403 does.
 */
public final class InMemoryObjectStore implements ObjectStore {

    public record StoredObject(byte[] content, String contentType) {
        public String text() {
            return new String(content, StandardCharsets.UTF_8);
        }
    }

    /** Bucket, then key: a bucket's keys iterate in the order S3 lists them. */
    private final Map<String, TreeMap<String, StoredObject>> buckets = new TreeMap<>();

    private final Set<S3Uri> unreadable = new HashSet<>();

    @Override
    public synchronized Optional<InputStream> open(S3Uri uri) {
        checkReadable(uri);
        StoredObject object = bucket(uri).get(uri.key());
        return object == null ? Optional.empty() : Optional.of(new ByteArrayInputStream(object.content()));
    }

    @Override
    public OutputStream create(S3Uri uri, String contentType) {
        // The object appears whole when the stream is closed, as with S3's single PUT
        return new ByteArrayOutputStream() {
            private boolean closed;

            @Override
            public void close() {
                if (!closed) {
                    closed = true;
                    put(uri, toByteArray(), contentType);
                }
            }
        };
    }

    @Override
    public synchronized void put(S3Uri uri, byte[] content, String contentType) {
        bucket(uri).put(uri.key(), new StoredObject(content.clone(), contentType));
    }

    /** Stores text as UTF-8, for setting up inputs. */
    public void put(String uri, String text) {
        put(S3Uri.parse(uri), text.getBytes(StandardCharsets.UTF_8), "application/octet-stream");
    }

    @Override
    public synchronized boolean exists(S3Uri uri) {
        checkReadable(uri);
        return bucket(uri).containsKey(uri.key());
    }

    @Override
    public String presignGet(S3Uri uri, Duration validity) {
        return url(uri, validity);
    }

    @Override
    public String presignDownload(S3Uri uri, String fileName, Duration validity) {
        return url(uri, validity) + "&response-content-disposition="
                + URLEncoder.encode("attachment; filename=\"" + fileName + "\"", StandardCharsets.UTF_8);
    }

    @Override
    public String presignPut(S3Uri uri, String contentType, Duration validity) {
        return url(uri, validity) + "&method=PUT&content-type="
                + URLEncoder.encode(contentType, StandardCharsets.UTF_8);
    }

    private static String url(S3Uri uri, Duration validity) {
        return "https://" + uri.bucket() + ".s3.fake/" + uri.key() + "?expires=" + validity.toSeconds();
    }

    @Override
    public synchronized Iterable<S3Uri> list(S3Uri prefix) {
        List<S3Uri> found = new ArrayList<>();
        for (String key : bucket(prefix).tailMap(prefix.key(), true).keySet()) {
            if (!key.startsWith(prefix.key())) {
                break;
            }
            found.add(new S3Uri(prefix.bucket(), key));
        }
        return found;
    }

    /** The object stored at the URI, if any. */
    public synchronized Optional<StoredObject> get(S3Uri uri) {
        return Optional.ofNullable(bucket(uri).get(uri.key()));
    }

    /** The object's content as UTF-8 text; AssertionError if there is none. */
    public String text(S3Uri uri) {
        return get(uri).orElseThrow(() -> new AssertionError("no object at " + uri))
                .text();
    }

    /** Every object key under a prefix. */
    public List<S3Uri> keys(S3Uri prefix) {
        List<S3Uri> keys = new ArrayList<>();
        list(prefix).forEach(keys::add);
        return keys;
    }

    /** From now on reading (or checking for) the object fails as S3's 403 does. */
    public synchronized void denyReads(S3Uri uri) {
        unreadable.add(uri);
    }

    private void checkReadable(S3Uri uri) {
        if (unreadable.contains(uri)) {
            throw new ObjectUnreadableException(uri, "AccessDenied: Access Denied");
        }
    }

    private TreeMap<String, StoredObject> bucket(S3Uri uri) {
        return buckets.computeIfAbsent(uri.bucket(), b -> new TreeMap<>());
    }
}
