package dev.verity.job;

/**
 * One problem with a request or file.
 *
 * @param field   the JSON path of the offending field, e.g. {@code HumanTaskConfig.TaskKeywords[2]};
 *                empty when the document as a whole is wrong
 * @param message what is wrong with it
 */
public record Violation(String field, String message) {

    /** {@code "Field: message"}, or just the message when the whole document is at fault. */
    public String describe() {
        return field.isEmpty() ? message : field + ": " + message;
    }
}
