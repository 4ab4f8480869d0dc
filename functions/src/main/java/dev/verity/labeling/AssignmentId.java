package dev.verity.labeling;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The id a worker uses for one assignment: job, object and worker, URL-safe. */
record AssignmentId(String jobName, String objectId, String workerId) {

    String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((jobName + "\n" + objectId + "\n" + workerId).getBytes(StandardCharsets.UTF_8));
    }

    static AssignmentId decode(String id) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(id), StandardCharsets.UTF_8).split("\n", 3);
            if (parts.length == 3 && parts[1].matches("\\d+")) {
                return new AssignmentId(parts[0], parts[1], parts[2]);
            }
        } catch (IllegalArgumentException e) {
            // not base64: reported below
        }
        throw new NotFoundException("no assignment with id '" + id + "'");
    }
}
