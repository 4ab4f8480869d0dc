package dev.verity.bench;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The child JVM of {@link ColdStartBenchmark}, on the classpath of a deployed Lambda jar: loads a handler class,
 * constructs it as the Lambda runtime does (no-arg constructor), answers one event, and prints one line
 * {@value #MARKER} with the wall-clock instants of each phase. Only the JDK and the Lambda jar's own classes load
 * here, so the figures are the jar's.
 *
 * <p>Arguments: handler class, event file, function name, memory (MB).
 */
public final class ColdStartLauncher {

    static final String MARKER = "COLDSTART";

    private ColdStartLauncher() {}

    public static void main(String[] args) throws Exception {
        long main = System.currentTimeMillis();
        byte[] event = Files.readAllBytes(Path.of(args[1]));
        Class<?> type = Class.forName(args[0]);
        long loaded = System.currentTimeMillis();
        RequestStreamHandler handler =
                (RequestStreamHandler) type.getDeclaredConstructor().newInstance();
        long constructed = System.currentTimeMillis();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        String outcome;
        try {
            handler.handleRequest(
                    new ByteArrayInputStream(event), output, new ColdStartContext(args[2], Integer.parseInt(args[3])));
            outcome = outcome(output.toString(StandardCharsets.UTF_8));
        } catch (Exception e) {
            // A step answers a failure by throwing, as Lambda reports it to Step Functions
            outcome = "threw " + e.getClass().getSimpleName();
        }
        long answered = System.currentTimeMillis();
        System.out.println(MARKER + " " + main + " " + loaded + " " + constructed + " " + answered + " " + outcome);
        // The handler's SDK clients keep non-daemon threads; the measurement is over
        System.exit(0);
    }

    /** "HTTP <status>" for an API response, "ok" for a step's result. */
    private static String outcome(String result) {
        int at = result.indexOf("\"statusCode\":");
        if (at < 0) {
            return "ok";
        }
        String rest = result.substring(at + "\"statusCode\":".length()).trim();
        return "HTTP " + rest.substring(0, Math.min(3, rest.length()));
    }
}
