package dev.verity.local;

import dev.verity.aws.CatalogProvisioner;
import dev.verity.catalog.ScheduleSpec;
import dev.verity.emulators.lambda.LambdaInvoker;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The local stand-in for the stack's EventBridge rules: each scheduled function invoked at its rate. */
final class ScheduledFunctions implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduledFunctions.class);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "verity-schedules");
        thread.setDaemon(true);
        return thread;
    });

    ScheduledFunctions(List<ScheduleSpec> schedules, LambdaInvoker functions) {
        for (ScheduleSpec spec : schedules) {
            long millis = spec.rate().toMillis();
            timer.scheduleAtFixedRate(
                    () -> {
                        try {
                            // the event EventBridge sends carries nothing the functions read
                            functions.invoke(CatalogProvisioner.FUNCTION_PREFIX + spec.function(), "{}");
                        } catch (RuntimeException e) { // a failed run is retried at the next tick, as in AWS
                            LOG.warn("scheduled function {} failed", spec.function(), e);
                        }
                    },
                    millis,
                    millis,
                    TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
