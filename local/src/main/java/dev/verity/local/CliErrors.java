package dev.verity.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.catalog.Catalog;
import dev.verity.catalog.FunctionSpec;
import dev.verity.emulators.lambda.LambdaFunctionException;
import dev.verity.json.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * How {@code ./verity} words a failure: one line, what went wrong and, where one helps, the command that fixes it —
 * never a stack trace.
 */
final class CliErrors {

    static final String START_IT = "start it with ./verity up";
    static final String SAMPLE_JOB =
            "the sample job sample-animals: ./verity sample, then ./verity jobs create events/create-job.json";

    private CliErrors() {}

    /** One line for a command's failure. */
    static String describe(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                String message = firstLine(t.getMessage(), "");
                return (message.startsWith("Verity") ? message : "Verity does not answer (connection refused)") + ": "
                        + START_IT;
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.net.BindException) {
                return "the port is taken (" + firstLine(t.getMessage(), "address in use") + "): another Verity may be "
                        + "running; stop it, or choose another port with --port";
            }
        }
        if (failure instanceof NoSuchFileException missing) {
            return "no file " + missing.getFile();
        }
        if (failure instanceof AccessDeniedException denied) {
            return "cannot read " + denied.getFile() + ": permission denied";
        }
        String message = firstLine(failure.getMessage(), null);
        return message != null ? message : failure.getClass().getSimpleName();
    }

    /** The first line of a message, or {@code otherwise} when there is none. */
    static String firstLine(String message, String otherwise) {
        if (message == null || message.isBlank()) {
            return otherwise;
        }
        return message.strip().lines().findFirst().orElse(otherwise);
    }

    static String firstLine(String message) {
        return firstLine(message, "");
    }

    /** A JSON file; a missing or malformed one is an IOException whose message says which and where. */
    static JsonNode readJson(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new IOException("no file " + file, e);
        }
        try {
            return Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new IOException(
                    file + " is not valid JSON: " + firstLine(e.getOriginalMessage())
                            + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"),
                    e);
        }
    }

    /** One line for a function that failed on {@code payload}: its error and, where one helps, what to do. */
    static String invocationFailure(LambdaFunctionException e, String payload) {
        String type = e.errorType() == null ? "Error" : e.errorType().replaceAll(".*[.$]", "");
        String line = type + ": " + firstLine(e.errorMessage(), "(no message)");
        if (type.equals("ResourceNotFoundException") && line.contains("Function not found")) {
            return line + "; the functions: "
                    + Catalog.FUNCTIONS.stream().map(FunctionSpec::name).collect(Collectors.joining(", "));
        }
        if (type.endsWith("NotFoundException") && line.contains("no labeling job named")) {
            String job = jobName(payload);
            return line + "; create it first"
                    + ("sample-animals".equals(job) ? " (" + SAMPLE_JOB + ")" : ": ./verity jobs create FILE.json");
        }
        return line;
    }

    private static String jobName(String payload) {
        try {
            return Json.parse(payload).path("jobName").asText(null);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
