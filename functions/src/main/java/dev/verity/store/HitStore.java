package dev.verity.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * A public-crowd job's HITs (one per data object published to the crowd marketplace) and the marketplace assignments
 * whose answers Verity recorded. Every write is a single-item conditional write: the first record stays.
 */
public interface HitStore {

    /**
     * The HIT an object of a public-crowd job was published as, with what its task page shows: the object's manifest
     * line, the human batch it went out in and, for a custom task type, the pre-annotation Lambda's task input.
     */
    record HitRecord(
            String jobName, String objectId, String hitId, int batch, ObjectNode dataObject, JsonNode taskInput) {}

    /**
     * A marketplace assignment whose answer was taken: the object it answered and the worker who gave it.
     *
     * @param assignmentId the marketplace's id of the assignment
     */
    record AssignmentRecord(String jobName, String assignmentId, String objectId, String workerId) {}

    Optional<HitRecord> hit(String jobName, String objectId);

    /** Records the object's HIT; false, changing nothing, if the object has one already. */
    boolean putHit(HitRecord hit);

    /** The job's HITs, in object order. */
    List<HitRecord> hits(String jobName);

    /**
     * Records that the marketplace assignment answered {@code objectId} and was {@code workerId}'s, unless the
     * assignment was recorded before; either way answers the record that stands (compare it with the one given).
     */
    AssignmentRecord recordAssignment(AssignmentRecord assignment);
}
