package dev.verity.manifest;

import java.util.Optional;
import java.util.regex.Pattern;

/** A well-formed {@code s3://bucket/key} address. */
public record S3Uri(String bucket, String key) {

    // S3 bucket naming rules: 3-63 chars, lower case letters, digits, dots and hyphens, starting and ending
    // alphanumeric.
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    public S3Uri {
        if (!BUCKET.matcher(bucket).matches()) {
            throw new IllegalArgumentException("invalid bucket name '" + bucket + "'");
        }
    }

    /**
     * Parses {@code s3://bucket/key}; the key may be empty only if {@code allowEmptyKey} (a prefix).
     *
     * @return the address, or empty with {@code error} describing why it is not one
     */
    public static Optional<S3Uri> tryParse(String text, boolean allowEmptyKey, StringBuilder error) {
        try {
            return Optional.of(parse(text, allowEmptyKey));
        } catch (IllegalArgumentException e) {
            error.append(e.getMessage());
            return Optional.empty();
        }
    }

    /** Parses {@code s3://bucket/key} (key required). */
    public static S3Uri parse(String text) {
        return parse(text, false);
    }

    /** Parses {@code s3://bucket/key}, or {@code s3://bucket[/prefix]} when {@code allowEmptyKey}. */
    public static S3Uri parse(String text, boolean allowEmptyKey) {
        if (text == null || !text.startsWith("s3://")) {
            throw new IllegalArgumentException("'" + text + "' is not an s3:// URI (expected s3://bucket/key)");
        }
        String rest = text.substring(5);
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String key = slash < 0 ? "" : rest.substring(slash + 1);
        if (key.isEmpty() && !allowEmptyKey) {
            throw new IllegalArgumentException("'" + text + "' has no object key (expected s3://bucket/key)");
        }
        if (!BUCKET.matcher(bucket).matches()) {
            throw new IllegalArgumentException("'" + text + "' has an invalid bucket name '" + bucket + "'");
        }
        return new S3Uri(bucket, key);
    }

    /** This address with {@code child} appended as a path segment (one slash between). */
    public S3Uri resolve(String child) {
        if (key.isEmpty()) {
            return new S3Uri(bucket, child);
        }
        return new S3Uri(bucket, key.endsWith("/") ? key + child : key + "/" + child);
    }

    @Override
    public String toString() {
        return "s3://" + bucket + "/" + key;
    }
}
