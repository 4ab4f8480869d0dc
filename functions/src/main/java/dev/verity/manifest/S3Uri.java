package dev.verity.manifest;

import java.util.Optional;

/** A well-formed {@code s3://bucket/key} address. */
public record S3Uri(String bucket, String key) {

    public S3Uri {
        if (!isBucketName(bucket)) {
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
        if (!isBucketName(bucket)) {
            throw new IllegalArgumentException("'" + text + "' has an invalid bucket name '" + bucket + "'");
        }
        return new S3Uri(bucket, key);
    }

    /**
     * S3 bucket naming rules: 3-63 chars, lower case letters, digits, dots and hyphens, starting and ending
     * alphanumeric. Checked by hand rather than by a regular expression: every manifest line has a bucket to check.
     */
    static boolean isBucketName(String name) {
        int length = name.length();
        if (length < 3
                || length > 63
                || !isLowerAlphanumeric(name.charAt(0))
                || !isLowerAlphanumeric(name.charAt(length - 1))) {
            return false;
        }
        for (int i = 1; i < length - 1; i++) {
            char c = name.charAt(i);
            if (!isLowerAlphanumeric(c) && c != '.' && c != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean isLowerAlphanumeric(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
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
