package dev.verity.emulators;

/**
 * Prepares freshly started emulators (tables, queues, buckets, state machines) for a test run. Implementations are
 * found with {@link java.util.ServiceLoader} (list them in
 * {@code META-INF/services/dev.verity.emulators.EmulatorSetup}); {@link EmulatorsExtension} calls each one exactly
 * once per run, after the emulators started and the endpoint system properties are set, with either backend
 * (embedded or LocalStack). An exception fails every test that uses the extension.
 */
@FunctionalInterface
public interface EmulatorSetup {
    void setUp(Emulators emulators) throws Exception;
}
