package dev.verity.labeling;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.job.ConflictException;
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

    /**
     * @throws ConflictException if the line has no {@code source-ref}, or its image is gone or is not an image: the
     *     answer cannot be checked, through no fault of the worker's (the caller gets a 409 saying so)
     */
    static ImageSize size(ObjectStore objects, ObjectNode line) {
        if (!line.hasNonNull(DataObject.SOURCE_REF)) {
            throw new ConflictException(
                    "the data object has no \"" + DataObject.SOURCE_REF + "\" image to check the answer against");
        }
        S3Uri uri = S3Uri.parse(line.get(DataObject.SOURCE_REF).asText());
        try (InputStream in = objects.open(uri)
                        .orElseThrow(() -> new ConflictException("the task's image " + uri
                                + " no longer exists, so the answer cannot be checked against it: it was not recorded;"
                                + " release the task"));
                // A memory cache: ImageIO would otherwise cache through a temporary file. It holds only what is read.
                ImageInputStream image = new MemoryCacheImageInputStream(in)) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(image);
            if (!readers.hasNext()) {
                throw new ConflictException("the task's object " + uri + " is not an image in a format Verity reads,"
                        + " so the answer cannot be checked against it: it was not recorded; release the task");
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
