package dev.verity.export;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** Reads a semantic-segmentation label's mask PNG by the {@code s3://} URI the label holds. */
@FunctionalInterface
public interface MaskSource {
    /** The PNG's bytes, or empty if there is no such object (or the URI is not one). */
    Optional<InputStream> open(String s3Uri) throws IOException;
}
