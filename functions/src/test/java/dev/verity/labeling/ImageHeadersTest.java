package dev.verity.labeling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.fakes.InMemoryObjectStore;
import dev.verity.job.ConflictException;
import dev.verity.json.Json;
import dev.verity.manifest.S3Uri;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Answers are checked against the image's own size; when the image cannot be read, the caller is told why. */
class ImageHeadersTest {

    private final InMemoryObjectStore objects = new InMemoryObjectStore();

    @Test
    void readsTheSizeFromTheImagesHeader() throws Exception {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB), "png", png);
        objects.put(S3Uri.parse("s3://data/a.png"), png.toByteArray(), "image/png");

        var size = ImageHeaders.size(objects, Json.object().put("source-ref", "s3://data/a.png"));

        assertThat(size.width()).isEqualTo(40);
        assertThat(size.height()).isEqualTo(30);
    }

    @Test
    void anImageDeletedSinceTheTaskWasSentIsAConflictThatNamesIt() {
        assertThatThrownBy(() -> ImageHeaders.size(objects, Json.object().put("source-ref", "s3://data/gone.png")))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("s3://data/gone.png")
                .hasMessageContaining("no longer exists")
                .hasMessageContaining("not recorded");
    }

    @Test
    void anObjectThatIsNotAnImageOrNoImageAtAllIsAConflictToo() {
        objects.put("s3://data/notes.png", "not a picture");

        assertThatThrownBy(() -> ImageHeaders.size(objects, Json.object().put("source-ref", "s3://data/notes.png")))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("is not an image");
        assertThatThrownBy(() -> ImageHeaders.size(objects, Json.object().put("source", "a text")))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("source-ref");
    }
}
