package dev.verity.cost;

/**
 * What one function's invocations for a job were billed: how many, and their billed duration (each rounded up to
 * the millisecond, as Lambda bills) times the function's memory, in MB-milliseconds.
 */
public record FunctionUsage(long invocations, long billedMbMs) {

    public static final FunctionUsage NONE = new FunctionUsage(0, 0);

    public FunctionUsage {
        if (invocations < 0 || billedMbMs < 0) {
            throw new IllegalArgumentException("usage must not be negative: " + invocations + ", " + billedMbMs);
        }
    }

    public FunctionUsage plus(FunctionUsage other) {
        return new FunctionUsage(invocations + other.invocations, billedMbMs + other.billedMbMs);
    }

    /** Lambda's billing unit: memory in GB (1,024 MB) times seconds. */
    public double gbSeconds() {
        return billedMbMs / 1024.0 / 1000.0;
    }
}
