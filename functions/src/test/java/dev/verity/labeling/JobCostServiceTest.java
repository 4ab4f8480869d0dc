package dev.verity.labeling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.cost.JobCost;
import dev.verity.cost.JobCostService;
import dev.verity.cost.PriceTable;
import dev.verity.cost.UsageTally;
import dev.verity.fakes.InMemoryUsageStore;
import dev.verity.job.NotFoundException;
import org.junit.jupiter.api.Test;

/** A job's cost: its stored usage and its execution's state transitions, priced. */
class JobCostServiceTest {

    private final LabelingBench bench = new LabelingBench();
    private final InMemoryUsageStore usage = new InMemoryUsageStore();
    private final JobCostService costs =
            new JobCostService(bench.jobService, usage, bench.workflow, PriceTable.US_EAST_1);

    @Test
    void theCostCountsWhatTheInvocationsStoredAndTheTransitionsOfTheJobsExecution() {
        bench.jobService.create(bench.imageRequest("Animals", 2, 1, r -> {}), LabelingBench.ACCOUNT);
        UsageTally invocation = new UsageTally();
        invocation.request("Sqs", "SendMessage");
        invocation.invocation("dispatch-tasks", 1000, 1024);
        usage.add("animals", invocation.close());
        bench.workflow.setStateTransitions("Animals", 12);

        JobCost cost = costs.cost("ANIMALS");

        assertThat(cost.jobName()).isEqualTo("Animals");
        assertThat(cost.usage().requests("Sqs")).isEqualTo(1);
        assertThat(cost.usage().stateTransitions()).isEqualTo(12);
        assertThat(cost.usage().gbSeconds()).isEqualTo(1.0);
        assertThat(cost.total()).isEqualTo(0.4e-6 + 12 * 0.025 / 1000 + 0.2e-6 + 0.0000166667);
        assertThat(cost.objects()).isZero();
    }

    @Test
    void anUnknownJobIsNotFound() {
        assertThatThrownBy(() -> costs.cost("nothing-here"))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("nothing-here");
    }
}
