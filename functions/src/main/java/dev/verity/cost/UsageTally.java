package dev.verity.cost;

import java.util.Map;
import java.util.TreeMap;

/**
 * The usage of one invocation while it runs: AWS requests counted as they are made, from any thread the invocation
 * started. Closed when the invocation ends; what arrives after that (a thread that outlived it) is dropped, as it
 * can no longer be stored with the invocation's counts.
 */
public final class UsageTally {

    private final Map<Operation, Long> requests = new TreeMap<>();
    private final Map<String, FunctionUsage> functions = new TreeMap<>();
    private double readUnits;
    private double writeUnits;
    private long s3BytesPut;
    private boolean closed;

    public synchronized void request(String service, String operation) {
        if (!closed) {
            requests.merge(new Operation(service, operation), 1L, Long::sum);
        }
    }

    public synchronized void dynamoUnits(double read, double write) {
        if (!closed) {
            readUnits += read;
            writeUnits += write;
        }
    }

    public synchronized void s3BytesPut(long bytes) {
        if (!closed && bytes > 0) {
            s3BytesPut += bytes;
        }
    }

    /** One invocation of {@code function}: {@code billedMs} at {@code memoryMb}. */
    public synchronized void invocation(String function, long billedMs, int memoryMb) {
        if (!closed) {
            functions.merge(function, new FunctionUsage(1, billedMs * memoryMb), FunctionUsage::plus);
        }
    }

    /** Ends the count: what was counted, and nothing more after this. */
    public synchronized JobUsage close() {
        closed = true;
        return new JobUsage(requests, functions, readUnits, writeUnits, s3BytesPut, 0);
    }
}
