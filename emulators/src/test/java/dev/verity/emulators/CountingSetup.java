package dev.verity.emulators;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** Registered in META-INF/services: records how often, and with what, the extension calls setups. */
public final class CountingSetup implements EmulatorSetup {
    static final AtomicInteger CALLS = new AtomicInteger();
    static final AtomicReference<Emulators> SEEN = new AtomicReference<>();
    static final AtomicReference<String> S3_PROPERTY_AT_SETUP = new AtomicReference<>();

    @Override
    public void setUp(Emulators emulators) {
        CALLS.incrementAndGet();
        SEEN.set(emulators);
        S3_PROPERTY_AT_SETUP.set(System.getProperty("AWS_ENDPOINT_URL_S3"));
    }
}
