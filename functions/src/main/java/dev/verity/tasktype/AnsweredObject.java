package dev.verity.tasktype;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Supplier;

/**
 * The data object a worker answered, for the checks an answer needs beyond its categories.
 *
 * @param line      the object's manifest line
 * @param imageSize the size of the image its {@code source-ref} names, read from the image's header when first asked
 *                  for, so that types which do not need it cost no read
 */
public record AnsweredObject(ObjectNode line, Supplier<ImageSize> imageSize) {

    /** An object whose image size nobody may ask for, e.g. a text. */
    public static AnsweredObject withoutImage(ObjectNode line) {
        return new AnsweredObject(line, () -> {
            throw new IllegalStateException("this data object's image size is not known");
        });
    }
}
