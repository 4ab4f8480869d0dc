package dev.verity.export;

/** An export format that is unknown, or does not apply to the job's labels; the message names those that apply. */
public class ExportFormatException extends RuntimeException {
    public ExportFormatException(String message) {
        super(message);
    }
}
