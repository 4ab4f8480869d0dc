package dev.verity.fakes;

import dev.verity.crowd.CrowdAssignment;
import dev.verity.crowd.CrowdMarketplace;
import dev.verity.crowd.CrowdMarketplaceException;
import dev.verity.crowd.Hit;
import dev.verity.crowd.NewHit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link CrowdMarketplace} in memory, with Mechanical Turk's rules as the port states them: a HIT per request token,
 * an assignment visible only once submitted, only a submitted one approved. Tests play the workers
 * ({@link #accept}, {@link #submit}) and read what was created, approved and expired.
 */
public final class FakeCrowdMarketplace implements CrowdMarketplace {

    private final Map<String, NewHit> hits = new LinkedHashMap<>();
    private final Map<String, String> hitsByToken = new LinkedHashMap<>();
    private final Map<String, CrowdAssignment> assignments = new LinkedHashMap<>();
    private final List<String> expired = new ArrayList<>();
    private final List<String> approvals = new ArrayList<>();
    private int createCalls;
    private int next;

    @Override
    public synchronized Hit createHit(NewHit hit) {
        createCalls++;
        String existing = hitsByToken.get(hit.uniqueRequestToken());
        if (existing != null) {
            return new Hit(existing, "TYPE", "Assignable", hits.get(existing).maxAssignments());
        }
        String id = String.format("HIT%027d", ++next);
        hits.put(id, hit);
        hitsByToken.put(hit.uniqueRequestToken(), id);
        return new Hit(id, "TYPE", "Assignable", hit.maxAssignments());
    }

    @Override
    public synchronized Optional<CrowdAssignment> assignment(String assignmentId) {
        return Optional.ofNullable(assignments.get(assignmentId))
                .filter(a -> !a.status().equals("Accepted"));
    }

    @Override
    public synchronized boolean approve(String assignmentId, String feedback) {
        approvals.add(assignmentId);
        CrowdAssignment a = assignments.get(assignmentId);
        if (a == null || a.status().equals("Accepted") || a.status().equals("Rejected")) {
            throw new CrowdMarketplaceException(
                    "ApproveAssignment", 400, "RequestError", null, "no submitted assignment " + assignmentId);
        }
        if (a.isApproved()) {
            return false;
        }
        assignments.put(assignmentId, with(a, "Approved"));
        return true;
    }

    @Override
    public synchronized void expire(String hitId) {
        expired.add(hitId);
    }

    /** A worker accepts the HIT: an assignment the marketplace does not show until it is submitted. */
    public synchronized String accept(String hitId, String workerId) {
        String id = String.format("ASG%027d", ++next);
        assignments.put(id, new CrowdAssignment(id, hitId, workerId, "Accepted", null));
        return id;
    }

    /** The worker submits the assignment to the marketplace. */
    public synchronized void submit(String assignmentId, String answer) {
        assignments.put(
                assignmentId,
                new CrowdAssignment(
                        assignmentId,
                        assignments.get(assignmentId).hitId(),
                        assignments.get(assignmentId).workerId(),
                        "Submitted",
                        answer));
    }

    public synchronized Map<String, NewHit> hits() {
        return Map.copyOf(hits);
    }

    public synchronized String hitId(String token) {
        return hitsByToken.get(token);
    }

    public synchronized int createCalls() {
        return createCalls;
    }

    public synchronized String status(String assignmentId) {
        return assignments.get(assignmentId).status();
    }

    /** Every ApproveAssignment call, in order, refused ones included. */
    public synchronized List<String> approvals() {
        return List.copyOf(approvals);
    }

    public synchronized List<String> expired() {
        return List.copyOf(expired);
    }

    private static CrowdAssignment with(CrowdAssignment a, String status) {
        return new CrowdAssignment(a.assignmentId(), a.hitId(), a.workerId(), status, a.answer());
    }
}
