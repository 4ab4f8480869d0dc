package dev.verity.cost;

import java.util.Optional;

/**
 * The tally of the invocation the current thread works for. Inherited by the threads an invocation starts (a
 * chunk writer's storing thread, a fetch pool), so their requests count for the same job; per thread, not global,
 * as the local runtime runs many invocations at once in one JVM.
 */
public final class UsageScope {

    private static final InheritableThreadLocal<UsageTally> CURRENT = new InheritableThreadLocal<>();

    private UsageScope() {}

    public static Optional<UsageTally> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** Makes {@code tally} (null: none) the current thread's; returns the one it replaces, for {@link #restore}. */
    public static UsageTally enter(UsageTally tally) {
        UsageTally previous = CURRENT.get();
        CURRENT.set(tally);
        return previous;
    }

    public static void restore(UsageTally previous) {
        if (previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(previous);
        }
    }
}
