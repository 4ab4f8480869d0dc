package dev.verity.cost;

import dev.verity.labeling.JobService;
import dev.verity.store.UsageStore;
import dev.verity.workflow.Workflow;

/**
 * A job's AWS cost so far: the usage its invocations counted, the state transitions of its execution, priced with
 * one price table, per object labeled.
 */
public final class JobCostService {

    private final JobService jobs;
    private final UsageStore usage;
    private final Workflow workflow;
    private final PriceTable prices;

    public JobCostService(JobService jobs, UsageStore usage, Workflow workflow, PriceTable prices) {
        this.jobs = jobs;
        this.usage = usage;
        this.workflow = workflow;
        this.prices = prices;
    }

    /** NotFoundException if there is no such job. */
    public JobCost cost(String jobName) {
        // describe first: a 404 for a job that does not exist, and its name as the job store spells it
        var summary = jobs.describe(jobName).summary();
        // the job's execution is named after it (a resumed job's later executions are not counted)
        long transitions = workflow.stateTransitions(summary.name());
        JobUsage counted = usage.get(summary.name()).withStateTransitions(transitions);
        return prices.price(summary.name(), counted, summary.counters().totalLabeled());
    }
}
