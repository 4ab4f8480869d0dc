package dev.verity.workforce;

import java.util.Set;
import java.util.TreeSet;

/**
 * A worker's groups, by who vouches for them: the user pool's own ({@code cognito:groups}, set by its administrators)
 * and those the workforce's identity provider asserts ({@code sagemaker:groups} and its mapping). A team's Cognito
 * member definitions match the first, its OIDC ones the second only, so a provider cannot put its users into a pool
 * group's team by naming a group the same.
 */
public record WorkerGroups(Set<String> pool, Set<String> provider) {

    public WorkerGroups {
        pool = Set.copyOf(pool);
        provider = Set.copyOf(provider);
    }

    /** Groups of the user pool only (no identity provider). */
    public static WorkerGroups ofPool(Set<String> pool) {
        return new WorkerGroups(pool, Set.of());
    }

    @Override
    public String toString() {
        return provider.isEmpty()
                ? new TreeSet<>(pool).toString()
                : new TreeSet<>(pool) + " and, from your identity provider, " + new TreeSet<>(provider);
    }
}
