package dev.verity.emulators.states.engine;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** ASL timestamps: RFC 3339 date-times with an uppercase T and a Z or numeric offset. */
final class Timestamps {
    private Timestamps() {}

    /** The instant, or null if {@code text} is not an ASL timestamp. */
    static Instant parse(String text) {
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
