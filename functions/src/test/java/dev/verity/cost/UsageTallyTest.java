package dev.verity.cost;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** One invocation's count: from its own threads, and nothing once it has ended. */
class UsageTallyTest {

    @Test
    void requestsFromAThreadTheInvocationStartedCountForItsTally() throws Exception {
        UsageTally tally = new UsageTally();
        UsageTally outer = UsageScope.enter(tally);
        AtomicReference<UsageTally> seen = new AtomicReference<>();
        try {
            Thread storing = new Thread(() -> {
                seen.set(UsageScope.current().orElse(null));
                UsageScope.current().ifPresent(t -> t.request("S3", "PutObject"));
            });
            storing.start();
            storing.join();
        } finally {
            UsageScope.restore(outer);
        }

        assertThat(seen.get()).isSameAs(tally);
        assertThat(tally.close().requests(PriceTable.S3, "PutObject")).isEqualTo(1);
        assertThat(UsageScope.current()).isEmpty();
    }

    @Test
    void countsAfterTheInvocationEndedAreDropped() {
        UsageTally tally = new UsageTally();
        tally.request("Sqs", "SendMessage");
        tally.invocation("dispatch-tasks", 250, 1024);

        JobUsage usage = tally.close();
        tally.request("Sqs", "SendMessage");

        assertThat(usage.requests("Sqs")).isEqualTo(1);
        assertThat(tally.close().requests("Sqs")).isEqualTo(1);
        assertThat(usage.functions().get("dispatch-tasks")).isEqualTo(new FunctionUsage(1, 250L * 1024));
        assertThat(usage.gbSeconds()).isEqualTo(0.25);
    }

    @Test
    void twoUsagesAddUpOperationByOperationAndFunctionByFunction() {
        UsageTally first = new UsageTally();
        first.request("DynamoDb", "GetItem");
        first.dynamoUnits(1, 0);
        first.invocation("worker-api", 10, 1024);
        UsageTally second = new UsageTally();
        second.request("DynamoDb", "GetItem");
        second.request("DynamoDb", "PutItem");
        second.dynamoUnits(0.5, 2);
        second.s3BytesPut(300);
        second.invocation("worker-api", 30, 1024);

        JobUsage both = first.close().plus(second.close());

        assertThat(both.requests("DynamoDb", "GetItem")).isEqualTo(2);
        assertThat(both.requests("DynamoDb")).isEqualTo(3);
        assertThat(both.dynamoReadUnits()).isEqualTo(1.5);
        assertThat(both.dynamoWriteUnits()).isEqualTo(2.0);
        assertThat(both.s3BytesPut()).isEqualTo(300);
        assertThat(both.functions().get("worker-api")).isEqualTo(new FunctionUsage(2, 40L * 1024));
    }
}
