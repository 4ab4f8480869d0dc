package dev.verity.cost;

import java.util.List;

/**
 * What a job has cost in AWS so far, at list prices (worker pay excluded).
 *
 * @param jobName   the job
 * @param prices    the price table used
 * @param services  each service's share; they add up to {@code total}
 * @param functions Lambda's share by function
 * @param usage     the counts the dollars come from
 * @param total     dollars
 * @param objects   objects labeled so far (human or machine)
 */
public record JobCost(
        String jobName,
        PriceTable prices,
        List<ServiceCost> services,
        List<FunctionCost> functions,
        JobUsage usage,
        double total,
        long objects) {

    public JobCost {
        services = List.copyOf(services);
        functions = List.copyOf(functions);
    }

    /** Dollars per labeled object; NaN before the first is labeled. */
    public double perObject() {
        return objects == 0 ? Double.NaN : total / objects;
    }
}
