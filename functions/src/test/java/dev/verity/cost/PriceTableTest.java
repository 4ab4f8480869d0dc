package dev.verity.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A job's usage priced by hand, service by service, at the us-east-1 list prices. */
class PriceTableTest {

    private static final double CENT_FRACTION = 1e-12;

    /**
     * worker-api: 10 invocations of 1 s at 1,024 MB = 10 GB-s; 10 HTTP API requests; 40 state transitions; 1,000 SQS
     * requests; 30 GetItem (30 read units) and 20 UpdateItem (20 write units); 1,000 PutObject, 1,000 GetObject, 5
     * DeleteObject and 1 GiB written; 2 SNS publishes.
     */
    private static JobUsage usage() {
        return new JobUsage(
                Map.of(
                        new Operation("ApiGateway", "POST /worker/jobs/{name}/tasks/next"), 10L,
                        new Operation("Sqs", "ReceiveMessage"), 1000L,
                        new Operation("DynamoDb", "GetItem"), 30L,
                        new Operation("DynamoDb", "UpdateItem"), 20L,
                        new Operation("S3", "PutObject"), 1000L,
                        new Operation("S3", "GetObject"), 1000L,
                        new Operation("S3", "DeleteObject"), 5L,
                        new Operation("Sns", "Publish"), 2L),
                Map.of("worker-api", new FunctionUsage(10, 10 * 1000L * 1024)),
                30,
                20,
                1024L * 1024 * 1024,
                40);
    }

    @Test
    void eachServiceIsPricedByItsOwnUnitAtListPrice() {
        JobCost cost = PriceTable.US_EAST_1.price("animals", usage(), 100);

        Map<String, ServiceCost> byService =
                cost.services().stream().collect(Collectors.toMap(ServiceCost::service, Function.identity()));
        // 10 × $0.20/1M + 10 GB-s × $0.0000166667
        assertThat(byService.get("Lambda").dollars()).isCloseTo(0.000002 + 0.000166667, within(CENT_FRACTION));
        assertThat(byService.get("Lambda").units()).isEqualTo(10.0);
        assertThat(byService.get("API Gateway").dollars()).isCloseTo(0.00001, within(CENT_FRACTION));
        // 40 × $0.025/1,000
        assertThat(byService.get("Step Functions").dollars()).isCloseTo(0.001, within(CENT_FRACTION));
        assertThat(byService.get("SQS").dollars()).isCloseTo(0.0004, within(CENT_FRACTION));
        // 30 × $0.125/1M + 20 × $0.625/1M
        assertThat(byService.get("DynamoDB").dollars()).isCloseTo(0.00000375 + 0.0000125, within(CENT_FRACTION));
        assertThat(byService.get("DynamoDB").requests()).isEqualTo(50);
        // 1,000 × $0.005/1,000 + 1,000 × $0.0004/1,000 + 1 GB-month × $0.023; DELETE is free
        assertThat(byService.get("S3").dollars()).isCloseTo(0.005 + 0.0004 + 0.023, within(CENT_FRACTION));
        assertThat(byService.get("S3").units()).isEqualTo(2000.0);
        assertThat(byService.get("Other").requests()).isEqualTo(2);
        assertThat(byService.get("Other").dollars()).isZero();
    }

    @Test
    void theTotalIsTheSumOfTheServicesAndPerObjectDividesItByTheObjectsLabeled() {
        JobCost cost = PriceTable.US_EAST_1.price("animals", usage(), 100);

        assertThat(cost.total()).isCloseTo(0.029994917, within(1e-9));
        assertThat(cost.total())
                .isEqualTo(cost.services().stream()
                        .mapToDouble(ServiceCost::dollars)
                        .sum());
        assertThat(cost.perObject()).isCloseTo(0.00029994917, within(1e-11));
        assertThat(cost.functions()).singleElement().satisfies(f -> {
            assertThat(f.function()).isEqualTo("worker-api");
            assertThat(f.gbSeconds()).isEqualTo(10.0);
        });
    }

    @Test
    void aJobWithNothingLabeledHasNoPricePerObject() {
        JobCost cost = PriceTable.US_EAST_1.price("animals", JobUsage.NONE, 0);

        assertThat(cost.total()).isZero();
        assertThat(cost.perObject()).isNaN();
        assertThat(cost.services()).extracting(ServiceCost::service).doesNotContain("Other");
    }

    @Test
    void thePricesSayWhenTheyWereRead() {
        assertThat(PriceTable.US_EAST_1.checkedOn()).hasToString("2026-12-07");
        assertThat(PriceTable.US_EAST_1.region()).isEqualTo("us-east-1");
    }
}
