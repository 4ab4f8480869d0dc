package dev.verity.labeling;

import dev.verity.job.InvalidRequestException;
import dev.verity.job.Violation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One page request of the data browser ({@code GET /jobs/{name}/objects}), checked: page size, where to start (the
 * opaque token encodes the next output-manifest line number) and the filters. Unset filters match everything.
 */
public record ObjectQuery(
        int maxResults,
        long startLine,
        String label,
        Double minConfidence,
        Double maxConfidence,
        AnnotatedBy annotatedBy) {

    public static final int DEFAULT_RESULTS = 50;
    public static final int MAX_RESULTS = 500;
    private static final String TOKEN_PREFIX = "line:";

    public enum AnnotatedBy {
        human,
        machine
    }

    /** Checks the raw query string values, naming every bad one. */
    public static ObjectQuery parse(Map<String, String> query) {
        List<Violation> violations = new ArrayList<>();
        int maxResults = DEFAULT_RESULTS;
        String raw = query.get("maxResults");
        if (raw != null) {
            try {
                maxResults = Integer.parseInt(raw.trim());
                if (maxResults < 1 || maxResults > MAX_RESULTS) {
                    violations.add(
                            new Violation("maxResults", "must be between 1 and " + MAX_RESULTS + ", not " + raw));
                }
            } catch (NumberFormatException e) {
                violations.add(new Violation(
                        "maxResults", "must be a whole number between 1 and " + MAX_RESULTS + ", not '" + raw + "'"));
            }
        }
        long start = 1;
        String token = query.get("nextToken");
        if (token != null) {
            start = decodeToken(token);
            if (start < 1) {
                violations.add(new Violation("nextToken", "is not a token this API returned"));
            }
        }
        Double min = confidence(query, "minConfidence", violations);
        Double max = confidence(query, "maxConfidence", violations);
        if (min != null && max != null && min > max) {
            violations.add(new Violation("minConfidence", "(" + min + ") must not exceed maxConfidence (" + max + ")"));
        }
        AnnotatedBy annotatedBy = null;
        String by = query.get("annotatedBy");
        if (by != null) {
            try {
                annotatedBy = AnnotatedBy.valueOf(by.trim().toLowerCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                violations.add(new Violation("annotatedBy", "must be one of human, machine; not '" + by + "'"));
            }
        }
        String label = query.get("label");
        if (label != null && label.isBlank()) {
            label = null;
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        return new ObjectQuery(maxResults, start, label, min, max, annotatedBy);
    }

    private static Double confidence(Map<String, String> query, String name, List<Violation> violations) {
        String raw = query.get(name);
        if (raw == null) {
            return null;
        }
        try {
            double value = Double.parseDouble(raw.trim());
            if (!(value >= 0 && value <= 1)) {
                violations.add(new Violation(name, "must be a number between 0 and 1, not " + raw));
                return null;
            }
            return value;
        } catch (NumberFormatException e) {
            violations.add(new Violation(name, "must be a number between 0 and 1, not '" + raw + "'"));
            return null;
        }
    }

    static String encodeToken(long line) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((TOKEN_PREFIX + line).getBytes(StandardCharsets.UTF_8));
    }

    /** The line number a token encodes, or -1 if it is not one of ours. */
    static long decodeToken(String token) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token.trim()), StandardCharsets.UTF_8);
            if (text.startsWith(TOKEN_PREFIX)) {
                return Long.parseLong(text.substring(TOKEN_PREFIX.length()));
            }
        } catch (IllegalArgumentException e) {
            // not base64, or not a number: reported by the caller
        }
        return -1;
    }

    boolean hasFilters() {
        return label != null || minConfidence != null || maxConfidence != null || annotatedBy != null;
    }
}
