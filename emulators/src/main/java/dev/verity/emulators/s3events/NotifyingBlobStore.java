package dev.verity.emulators.s3events;

import java.io.InputStream;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * The blob store S3Proxy serves, reporting successful writes to an {@link S3EventNotifier}. It overrides the methods
 * S3Proxy's request handlers end in; the other deletes (by name, DeleteObjects) are {@link BlobStore} default methods
 * that come back through {@link #removeBlob(DeleteObjectRequest)}. S3Proxy stores browser-form uploads (POST) with
 * {@code putBlob} too, so they are reported as {@code ObjectCreated:Put}, not {@code ObjectCreated:Post}.
 */
final class NotifyingBlobStore extends ForwardingBlobStore {
    private static final Logger LOG = LoggerFactory.getLogger(NotifyingBlobStore.class);
    // S3Proxy keeps an in-progress multipart upload as a hidden blob named so; S3 would not report it.
    private static final String MULTIPART_STUB_PREFIX = ".s3proxy-mpu-stub-";

    private final S3EventNotifier notifier;

    NotifyingBlobStore(BlobStore delegate, S3EventNotifier notifier) {
        super(delegate);
        this.notifier = notifier;
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream input) {
        PutObjectResponse response = super.putBlob(request, input);
        created("ObjectCreated:Put", request.bucket(), request.key());
        return response;
    }

    @Override
    public CopyObjectResponse copyBlob(CopyObjectRequest request) {
        CopyObjectResponse response = super.copyBlob(request);
        created("ObjectCreated:Copy", request.destinationBucket(), request.destinationKey());
        return response;
    }

    @Override
    public CompleteMultipartUploadResponse completeMultipartUpload(
            MultipartUpload upload, CompleteMultipartUploadRequest request) {
        CompleteMultipartUploadResponse response = super.completeMultipartUpload(upload, request);
        created("ObjectCreated:CompleteMultipartUpload", upload.containerName(), upload.blobName());
        return response;
    }

    @Override
    public DeleteObjectResponse removeBlob(DeleteObjectRequest request) {
        DeleteObjectResponse response = super.removeBlob(request);
        if (reported(request.bucket(), request.key())) {
            notifier.publish("ObjectRemoved:Delete", request.bucket(), request.key(), null, null);
        }
        return response;
    }

    private void created(String eventName, String bucket, String key) {
        if (!reported(bucket, key)) {
            return;
        }
        HeadObjectResponse metadata;
        try {
            metadata = delegate().blobMetadataIfPresent(bucket, key);
        } catch (RuntimeException e) {
            LOG.warn(
                    "S3 event {} for s3://{}/{} dropped: its metadata is unreadable: {}",
                    eventName,
                    bucket,
                    key,
                    e.toString());
            return;
        }
        if (metadata == null) {
            return; // deleted in between; that delete reports itself
        }
        String eTag = metadata.eTag() == null ? "" : metadata.eTag().replace("\"", "");
        notifier.publish(eventName, bucket, key, metadata.contentLength(), eTag);
    }

    private boolean reported(String bucket, String key) {
        return !key.startsWith(MULTIPART_STUB_PREFIX) && notifier.watches(bucket);
    }
}
