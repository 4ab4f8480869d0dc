package dev.verity.export;

import java.util.HashSet;
import java.util.Set;

/**
 * Names of the per-image files a zip export holds: the image's S3 key under a folder, its extension replaced, made
 * safe to extract (no absolute path, no {@code .} or {@code ..} segment, no backslash), and unique within the zip (a
 * second image with the same name, e.g. from another bucket, gets {@code -<line>} appended).
 */
final class ExportFiles {

    private final String folder;
    private final String extension;
    private final Set<String> used = new HashSet<>();

    ExportFiles(String folder, String extension) {
        this.folder = folder;
        this.extension = extension;
    }

    String name(String sourceRef, long lineNo) {
        String stem = stem(sourceRef, lineNo);
        String name = folder + "/" + stem + extension;
        if (!used.add(name)) {
            name = folder + "/" + stem + "-" + lineNo + extension;
            used.add(name);
        }
        return name;
    }

    /** The S3 key without its extension and made safe; {@code line-<n>} if the line has no usable key. */
    static String stem(String sourceRef, long lineNo) {
        String key = sourceRef;
        if (key != null && key.startsWith("s3://")) {
            int slash = key.indexOf('/', 5);
            key = slash < 0 ? "" : key.substring(slash + 1);
        }
        if (key == null) {
            key = "";
        }
        StringBuilder safe = new StringBuilder();
        for (String segment : key.replace('\\', '/').split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            if (segment.equals(".") || segment.equals("..")) {
                segment = "_";
            }
            if (!safe.isEmpty()) {
                safe.append('/');
            }
            safe.append(segment);
        }
        if (safe.isEmpty()) {
            return "line-" + lineNo;
        }
        int slash = safe.lastIndexOf("/");
        int dot = safe.lastIndexOf(".");
        if (dot > slash + 1) {
            safe.setLength(dot);
        }
        return safe.toString();
    }

    /** The last segment of the S3 key (the image's file name), or "" if none. */
    static String fileName(String sourceRef) {
        if (sourceRef == null) {
            return "";
        }
        int slash = sourceRef.lastIndexOf('/');
        return slash < 0 ? sourceRef : sourceRef.substring(slash + 1);
    }
}
