package dev.verity.labeling;

import dev.verity.workforce.WorkerGroups;
import java.util.Set;

/** An authenticated worker: the token's subject, its issuer and its groups (which work teams admit them). */
public record Worker(String id, String issuer, WorkerGroups groups) {

    /** A worker whose groups are all the user pool's. */
    public Worker(String id, String issuer, Set<String> poolGroups) {
        this(id, issuer, WorkerGroups.ofPool(poolGroups));
    }
}
