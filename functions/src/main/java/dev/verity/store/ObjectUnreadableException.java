package dev.verity.store;

import dev.verity.manifest.S3Uri;

/**
 * The object store refused to read an object that may exist (S3's 403: the bucket is another account's, or Verity's
 * role has no grant on it). A requester's input Verity cannot read is their error to fix, not Verity's.
 */
public final class ObjectUnreadableException extends RuntimeException {

    private final transient S3Uri uri;

    public ObjectUnreadableException(S3Uri uri, String reason) {
        super("Verity may not read " + uri + " (" + reason + "): grant Verity's role s3:GetObject on it, or copy the"
                + " object into a bucket Verity reads");
        this.uri = uri;
    }

    public S3Uri uri() {
        return uri;
    }
}
