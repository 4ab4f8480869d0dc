package dev.verity.labeling;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.manifest.DataObject;
import dev.verity.manifest.S3Uri;
import dev.verity.store.ObjectStore;
import dev.verity.tasktype.ImageSize;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * The size of a data object's image, read from the image's header (a PNG's IHDR, a JPEG's SOF, ...) without decoding
 * a pixel, so that answers are checked against the image itself, not against sizes the answer states.
 */
final class ImageHeaders {

    private ImageHeaders() {}

    /** @throws IllegalStateException if the line has no {@code source-ref}, or it is missing or not an image */
    static ImageSize size(ObjectStore objects, ObjectNode line) {
        if (!line.hasNonNull(DataObject.SOURCE_REF)) {
            throw new IllegalStateException("the data object has no \"" + DataObject.SOURCE_REF + "\" image");
        }
        S3Uri uri = S3Uri.parse(line.get(DataObject.SOURCE_REF).asText());
        try (InputStream in = objects.open(uri)
                        .orElseThrow(() -> new IllegalStateException("the image " + uri + " does not exist"));
                // A memory cache: ImageIO would otherwise cache through a temporary file. It holds only what is read.
                ImageInputStream image = new MemoryCacheImageInputStream(in)) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(image);
            if (!readers.hasNext()) {
                throw new IllegalStateException(uri + " is not an image in a format Java reads");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(image, true, true);
                return new ImageSize(reader.getWidth(0), reader.getHeight(0));
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading the header of the image " + uri, e);
        }
    }
}
