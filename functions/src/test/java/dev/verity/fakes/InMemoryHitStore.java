package dev.verity.fakes;

import dev.verity.store.HitStore;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link HitStore} in maps keyed as DynamoHitStore keys its items: the lower-case job name and the object or id. */
public final class InMemoryHitStore implements HitStore {

    private final Map<String, HitRecord> hits = new ConcurrentHashMap<>();
    private final Map<String, AssignmentRecord> assignments = new ConcurrentHashMap<>();

    private static String key(String jobName, String id) {
        return jobName.toLowerCase(Locale.ROOT) + "\n" + id;
    }

    @Override
    public Optional<HitRecord> hit(String jobName, String objectId) {
        return Optional.ofNullable(hits.get(key(jobName, objectId)));
    }

    @Override
    public boolean putHit(HitRecord hit) {
        return hits.putIfAbsent(key(hit.jobName(), hit.objectId()), hit) == null;
    }

    @Override
    public List<HitRecord> hits(String jobName) {
        return hits.values().stream()
                .filter(h -> h.jobName().equalsIgnoreCase(jobName))
                .sorted(Comparator.comparingLong(h -> Long.parseLong(h.objectId())))
                .toList();
    }

    @Override
    public AssignmentRecord recordAssignment(AssignmentRecord assignment) {
        AssignmentRecord earlier =
                assignments.putIfAbsent(key(assignment.jobName(), assignment.assignmentId()), assignment);
        return earlier == null ? assignment : earlier;
    }
}
