package dev.verity.labeling;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.job.InvalidRequestException;
import dev.verity.job.Violation;
import dev.verity.manifest.S3Uri;
import dev.verity.store.ObjectStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Presigned PUT URLs with which the console uploads a requester's files straight to the deployment's data bucket,
 * under {@code uploads/<folder>/}; the browser then crawls that prefix into a manifest or points a job at it.
 */
public final class UploadService {

    public static final int MAX_FILES = 500;
    static final String UPLOADS = "uploads/";
    static final Duration URL_VALIDITY = Duration.ofHours(1);
    private static final Pattern CONTENT_TYPE = Pattern.compile("[\\w.+-]+/[\\w.+-]+");

    private final ObjectStore objects;
    private final String bucket;

    /** @param bucket the data bucket ({@code VERITY_BUCKET}); null where the deployment has none */
    public UploadService(ObjectStore objects, String bucket) {
        this.objects = objects;
        this.bucket = bucket;
    }

    /** For {@code {"prefix": "uploads/<folder>/", "files": [{"name", "contentType"}]}}: one signed PUT per file. */
    public PresignedUploads presign(JsonNode body) {
        if (bucket == null) {
            throw new IllegalStateException("the data bucket (VERITY_BUCKET) is not configured");
        }
        List<Violation> violations = new ArrayList<>();
        String prefix = body.path("prefix").asText(null);
        if (prefix == null || prefix.isBlank()) {
            violations.add(new Violation("prefix", "is required, e.g. \"uploads/my-dataset/\""));
        } else if (!prefix.startsWith(UPLOADS) || prefix.length() == UPLOADS.length() || !prefix.endsWith("/")) {
            violations.add(new Violation(
                    "prefix", "must be a folder under uploads/, as \"uploads/<folder>/\"; not \"" + prefix + "\""));
        } else {
            pathProblem(prefix).ifPresent(p -> violations.add(new Violation("prefix", p)));
        }
        JsonNode files = body.path("files");
        if (!files.isArray() || files.isEmpty()) {
            violations.add(new Violation(
                    "files", "is required: a list of 1 to " + MAX_FILES + " {\"name\", \"contentType\"} entries"));
        } else if (files.size() > MAX_FILES) {
            violations.add(
                    new Violation("files", "has " + files.size() + " entries; at most " + MAX_FILES + " per request"));
        } else {
            Set<String> names = new HashSet<>();
            for (int i = 0; i < files.size(); i++) {
                String field = "files[" + i + "]";
                String name = files.get(i).path("name").asText(null);
                String type = files.get(i).path("contentType").asText(null);
                if (name == null || name.isBlank()) {
                    violations.add(new Violation(field + ".name", "is required"));
                } else if (name.startsWith("/") || name.endsWith("/")) {
                    violations.add(new Violation(field + ".name", "must not start or end with '/': \"" + name + "\""));
                } else {
                    pathProblem(name).ifPresent(p -> violations.add(new Violation(field + ".name", p)));
                    if (!names.add(name)) {
                        violations.add(new Violation(field + ".name", "\"" + name + "\" is listed twice"));
                    }
                }
                if (type != null && !CONTENT_TYPE.matcher(type).matches()) {
                    violations.add(new Violation(
                            field + ".contentType", "must be a media type such as image/png; not \"" + type + "\""));
                }
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        S3Uri folder = new S3Uri(bucket, prefix);
        List<PresignedUploads.Upload> uploads = new ArrayList<>();
        for (JsonNode file : files) {
            String name = file.get("name").asText();
            String type = file.path("contentType").asText("application/octet-stream");
            S3Uri target = folder.resolve(name);
            uploads.add(
                    new PresignedUploads.Upload(name, target, objects.presignPut(target, type, URL_VALIDITY), type));
        }
        return new PresignedUploads(List.copyOf(uploads), folder);
    }

    /** Why a relative key path is unsafe ({@code ..} segments, empty segments, control characters), if it is. */
    private static Optional<String> pathProblem(String path) {
        if (path.contains("..")) {
            return Optional.of("must not contain '..': \"" + path + "\"");
        }
        for (String segment : path.split("/")) {
            if (segment.equals(".")) {
                return Optional.of("must not contain '.' path segments: \"" + path + "\"");
            }
        }
        if (path.contains("//") || path.contains("\\")) {
            return Optional.of("must not contain '//' or '\\': \"" + path + "\"");
        }
        if (path.chars().anyMatch(Character::isISOControl)) {
            return Optional.of("must not contain control characters");
        }
        if (path.length() > 900) {
            return Optional.of("is longer than 900 characters (S3 keys hold at most 1024 bytes)");
        }
        return Optional.empty();
    }
}
