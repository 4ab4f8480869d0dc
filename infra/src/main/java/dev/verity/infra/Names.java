package dev.verity.infra;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Construct ids from catalog names. */
final class Names {

    private Names() {}

    /** {@code start-job-from-s3} → {@code StartJobFromS3}. */
    static String pascal(String name) {
        return Arrays.stream(name.split("[^A-Za-z0-9]+"))
                .filter(part -> !part.isEmpty())
                .map(part -> Character.toUpperCase(part.charAt(0)) + part.substring(1))
                .collect(Collectors.joining());
    }
}
