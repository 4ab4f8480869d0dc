package dev.verity.labeling;

import dev.verity.job.InvalidRequestException;
import dev.verity.job.Violation;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** The id a worker uses for one assignment: job, object and worker, URL-safe. */
public record AssignmentId(String jobName, String objectId, String workerId) {

    String encode() {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((jobName + "\n" + objectId + "\n" + workerId).getBytes(StandardCharsets.UTF_8));
    }

    /** The id's parts; a 400 naming the assignment id if it is not one {@link #encode} could have made. */
    static AssignmentId decode(String id) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(id), StandardCharsets.UTF_8).split("\n", 3);
            // object ids are manifest line numbers: 18 digits always fit a long
            if (parts.length == 3 && !parts[0].isEmpty() && parts[1].matches("\\d{1,18}") && !parts[2].isEmpty()) {
                return new AssignmentId(parts[0], parts[1], parts[2]);
            }
        } catch (IllegalArgumentException e) {
            // not base64: reported below
        }
        throw new InvalidRequestException(List.of(
                new Violation("assignmentId", "'" + abbreviate(id) + "' is not an assignment id this API gave out")));
    }

    /** The job an assignment id names; empty if it is not one {@link #encode} could have made. */
    public static Optional<String> jobOf(String id) {
        try {
            return Optional.of(decode(id).jobName());
        } catch (InvalidRequestException e) {
            return Optional.empty();
        }
    }

    private static String abbreviate(String id) {
        return id.length() <= 100 ? id : id.substring(0, 100) + "…";
    }
}
