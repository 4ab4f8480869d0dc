package dev.verity.local;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Where a demo keeps the files its labels point to by S3 URI, as Ground Truth's segmentation labels do with their
 * PNG masks: the earlier masks an adjustment job starts from, and the consolidated masks the job writes.
 */
interface DemoStore {

    /** Stores {@code bytes} as {@code name} under the demo's own prefix; returns its S3 URI. */
    String put(String name, byte[] bytes);

    /** The object at an S3 URI, e.g. a mask an output line points to. */
    byte[] get(String uri);

    /** The demo job's S3 bucket, files going under {@code prefix}. */
    record S3(S3Client s3, String bucket, String prefix) implements DemoStore {

        @Override
        public String put(String name, byte[] bytes) {
            String key = prefix + name;
            s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(bytes));
            return "s3://" + bucket + "/" + key;
        }

        @Override
        public byte[] get(String uri) {
            String path = uri.substring("s3://".length());
            int slash = path.indexOf('/');
            return s3.getObjectAsBytes(b -> b.bucket(path.substring(0, slash)).key(path.substring(slash + 1)))
                    .asByteArray();
        }
    }
}
