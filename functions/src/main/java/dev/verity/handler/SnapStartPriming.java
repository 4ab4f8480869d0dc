package dev.verity.handler;

import org.crac.Context;
import org.crac.Resource;

/**
 * SnapStart's runtime hook for one handler: before Lambda takes the snapshot of an initialised function, it primes the
 * handler ({@link JsonHandler#prime()}), so a restored function starts with Jackson, the SDK clients, logging and the
 * handler's own classes loaded and run once. Registered with the global CRaC context, which holds it weakly: the
 * handler keeps it. Off SnapStart (a JVM without CRaC) registering does nothing and this never runs.
 */
final class SnapStartPriming implements Resource {

    private final JsonHandler handler;

    SnapStartPriming(JsonHandler handler) {
        this.handler = handler;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) throws Exception {
        handler.prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // nothing to redo: the clients resolve credentials and open connections on their first request
    }
}
