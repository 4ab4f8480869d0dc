package dev.verity.handler;

import com.amazonaws.services.lambda.runtime.Context;
import dev.verity.catalog.Catalog;
import dev.verity.catalog.FunctionSpec;
import dev.verity.cost.PriceTable;
import dev.verity.cost.UsageTally;
import dev.verity.store.UsageStore;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends one invocation's count: adds the invocation itself (billed duration × memory) and the request that stores
 * the count, then stores it with the job's usage. A failure to store is logged, never the invocation's failure:
 * metering must not stop labeling.
 */
final class InvocationMeter {

    private static final Logger LOG = LoggerFactory.getLogger(InvocationMeter.class);

    private final Supplier<UsageStore> usage;
    private final Class<?> handler;
    private final Context context;

    InvocationMeter(Supplier<UsageStore> usage, Class<?> handler, Context context) {
        this.usage = usage;
        this.handler = handler;
        this.context = context;
    }

    void flush(String job, UsageTally tally, long startedNanos) {
        // Lambda bills from the handler's start to its return, rounded up to the millisecond; the store's own
        // request below is not in it (it is unknown before it ends): a few milliseconds per invocation short.
        long billedMs = Math.max(1, (System.nanoTime() - startedNanos + 999_999) / 1_000_000);
        Optional<FunctionSpec> spec = Catalog.FUNCTIONS.stream()
                .filter(f -> f.handler().equals(handler.getName()))
                .findFirst();
        tally.invocation(spec.map(FunctionSpec::name).orElseGet(this::functionName), billedMs, memoryMb(spec));
        // the UpdateItem below: one write unit, as a function's usage item stays under 1 KB (JobCostIT checks)
        tally.request(PriceTable.DYNAMODB, "UpdateItem");
        tally.dynamoUnits(0, 1);
        try {
            usage.get().add(job, tally.close());
        } catch (RuntimeException e) {
            LOG.warn("could not store the usage of this invocation for job {}", job, e);
        }
    }

    /** The memory Lambda gives the function: the context's, else AWS's variable, else the catalog's. */
    private int memoryMb(Optional<FunctionSpec> spec) {
        if (context != null && context.getMemoryLimitInMB() > 0) {
            return context.getMemoryLimitInMB();
        }
        String variable = System.getenv("AWS_LAMBDA_FUNCTION_MEMORY_SIZE");
        if (variable != null && variable.matches("\\d{1,6}")) {
            return Integer.parseInt(variable);
        }
        return spec.map(FunctionSpec::memoryMb).orElse(128);
    }

    private String functionName() {
        return context != null && context.getFunctionName() != null
                ? context.getFunctionName()
                : handler.getSimpleName();
    }
}
