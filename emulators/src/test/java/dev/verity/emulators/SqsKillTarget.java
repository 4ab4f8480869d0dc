package dev.verity.emulators;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The child JVM of {@link SqsPersistenceIT}: a durable SqsEmulator on {@code args[0]} that prints its endpoint and
 * runs until killed (or until its stdin closes, so it never outlives the test JVM).
 */
public final class SqsKillTarget {
    static final String ENDPOINT_PREFIX = "SQS_ENDPOINT=";

    private SqsKillTarget() {}

    public static void main(String[] args) throws IOException {
        SqsEmulator sqs = SqsEmulator.start(Emulators.DEFAULT_REGION, Path.of(args[0]));
        System.out.println(ENDPOINT_PREFIX + sqs.endpoint());
        System.out.flush();
        while (System.in.read() >= 0) {
            // wait for end-of-file
        }
        System.exit(0);
    }
}
