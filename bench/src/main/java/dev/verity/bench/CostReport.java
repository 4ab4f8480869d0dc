package dev.verity.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.cost.PriceTable;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The cost benchmark's section of {@code docs/benchmarks.md}: per task type the AWS cost per 1,000 objects by
 * service beside Ground Truth's price, and the requests per answer by service and operation.
 */
final class CostReport {

    /** One task type's job and its {@code GET /jobs/{name}/cost} reply. */
    record Run(String taskType, String job, long answers, Duration wall, JsonNode cost) {

        double perThousand(String service) {
            for (JsonNode s : cost.path("services")) {
                if (s.path("service").asText().equals(service)) {
                    return s.path("dollars").asDouble() / objects() * 1000;
                }
            }
            return 0;
        }

        double totalPerThousand() {
            return cost.path("totalDollars").asDouble() / objects() * 1000;
        }

        long objects() {
            return cost.path("objects").asLong();
        }

        double units(String service) {
            for (JsonNode s : cost.path("services")) {
                if (s.path("service").asText().equals(service)) {
                    return s.path("units").asDouble();
                }
            }
            return 0;
        }
    }

    static final List<String> SERVICES = List.of("Lambda", "API Gateway", "Step Functions", "SQS", "DynamoDB", "S3");
    /** Ground Truth's service fee per labeled object, first 50,000 objects a month; then 0.04. */
    static final double GROUND_TRUTH_PER_OBJECT = 0.08;

    static final double GOAL_PER_THOUSAND = 0.05;
    static final String GOAL_TASK_TYPE = "image-classification";

    private CostReport() {}

    static String section(
            String command, int objects, int workersPerObject, List<Run> runs, double loadBefore, double loadAfter) {
        StringBuilder md = new StringBuilder("## Cost per job\n\n");
        md.append(MarkdownSections.generatedBy(command)).append('\n');
        String checkedOn = runs.isEmpty()
                ? "?"
                : runs.get(0).cost().at("/prices/checkedOn").asText();
        md.append(String.format(
                Locale.ROOT,
                "Set-up: `mvn -B -ntp -q -pl bench -am package -DskipTests`. For each task type, one job of %d objects"
                        + " with %d workers per object (5 simulated workers of accuracy 0.9, no think time, the demos'"
                        + " generated data) runs to its end through a local runtime in the benchmark's JVM (the same"
                        + " as `verity up`: the functions, the state machine and the embedded S3, SQS and DynamoDB)"
                        + " on this shared 2-core machine; then its `GET /jobs/{name}/cost` is read. The reply counts"
                        + " every AWS request each function's invocations made for the job (an SDK interceptor, each"
                        + " attempt), DynamoDB's own consumed capacity units, the bytes put to S3 (priced as a month of"
                        + " storage), each invocation's duration rounded up to the millisecond × its memory, one API"
                        + " Gateway request per HTTP call, and the state transitions of the job's execution; priced at"
                        + " us-east-1 list prices read on %s, without free tiers. Worker pay is not in it. An unreported"
                        + " 30-object job runs first, so the first reported one does not pay for the JVM's warm-up."
                        + " System load average (1 min) %.1f at the start, %.1f at the end.%n%n",
                objects,
                workersPerObject,
                checkedOn,
                loadBefore,
                loadAfter));
        md.append("Cost per 1,000 objects, dollars:\n\n");
        md.append("| Task type | Answers | Lambda GB-s |");
        SERVICES.forEach(s -> md.append(' ').append(s).append(" |"));
        md.append(" **Total** | of which metering | Ground Truth's fee | Goal |\n");
        md.append("|---|---:|---:|");
        SERVICES.forEach(s -> md.append("---:|"));
        md.append("---:|---:|---:|---|\n");
        for (Run run : runs) {
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %,d | %,.1f |",
                    run.taskType(),
                    run.answers(),
                    run.units("Lambda") / run.objects() * 1000));
            for (String service : SERVICES) {
                md.append(String.format(Locale.ROOT, " %.4f |", run.perThousand(service)));
            }
            String goal = run.taskType().equals(GOAL_TASK_TYPE)
                    ? (run.totalPerThousand() <= GOAL_PER_THOUSAND ? "≤ $0.05: met" : "≤ $0.05: **missed**")
                    : "";
            md.append(String.format(
                    Locale.ROOT,
                    " **%.4f** | %.4f | %.2f | %s |%n",
                    run.totalPerThousand(),
                    invocations(run) * PriceTable.US_EAST_1.dynamoWriteUnit() / run.objects() * 1000,
                    GROUND_TRUTH_PER_OBJECT * 1000,
                    goal));
        }
        md.append('\n');
        md.append("Requests per answer (each object has ")
                .append(workersPerObject)
                .append(" answers):\n\n");
        Map<String, double[]> rows = new TreeMap<>();
        for (int i = 0; i < runs.size(); i++) {
            Run run = runs.get(i);
            for (JsonNode r : run.cost().path("requests")) {
                String key =
                        r.path("service").asText() + " " + r.path("operation").asText();
                rows.computeIfAbsent(key, k -> new double[runs.size()])[i] =
                        r.path("count").asDouble() / run.answers();
            }
            rows.computeIfAbsent("~ DynamoDB read units", k -> new double[runs.size()])[i] =
                    dynamoUnits(run, "read") / run.answers();
            rows.computeIfAbsent("~ DynamoDB write units", k -> new double[runs.size()])[i] =
                    dynamoUnits(run, "write") / run.answers();
            rows.computeIfAbsent("~ Step Functions state transitions", k -> new double[runs.size()])[i] =
                    run.cost().path("stateTransitions").asDouble() / run.answers();
            rows.computeIfAbsent("~ Lambda invocations", k -> new double[runs.size()])[i] =
                    invocations(run) / run.answers();
        }
        md.append("| Service and operation |");
        runs.forEach(r -> md.append(' ').append(r.taskType()).append(" |"));
        md.append("\n|---|");
        runs.forEach(r -> md.append("---:|"));
        md.append('\n');
        double[] totals = new double[runs.size()];
        rows.forEach((key, values) -> {
            md.append("| ")
                    .append(key.startsWith("~ ") ? "*" + key.substring(2) + "*" : "`" + key + "`")
                    .append(" |");
            for (int i = 0; i < values.length; i++) {
                md.append(String.format(Locale.ROOT, " %.3f |", values[i]));
                if (!key.startsWith("~ ")) {
                    totals[i] += values[i];
                }
            }
            md.append('\n');
        });
        md.append("| **all requests** |");
        for (double total : totals) {
            md.append(String.format(Locale.ROOT, " **%.1f** |", total));
        }
        md.append("\n\n");
        md.append("- Ground Truth charges its fee per labeled object on top of the same kind of AWS usage in its own"
                + " account: $0.08 per object for the first 50,000 objects a month, $0.04 for the next 950,000"
                + " (the commonly cited tiers as `reference/groundtruth.md` gives them, marked there as not verified"
                + " against the English pricing page), so $80 per 1,000 objects; Mechanical Turk or vendor pay comes"
                + " on top of both.\n");
        md.append("- Durations are this machine's, not Lambda's: every function runs in one JVM on 2 shared cores with"
                + " the emulators, so GB-s are likely higher than in AWS (where each invocation has its memory's"
                + " share of a CPU to itself) or lower (no network between the function and DynamoDB here).\n");
        md.append("- Not counted: the S3 GETs of workers' browsers through presigned URLs (one per task shown,"
                + " $0.0004 per 1,000), the start from the `jobs/<name>.json` upload (S3 event, SQS, start-job-from-s3:"
                + " its event names no job), CloudWatch Logs ingestion (not measured), a resumed job's later"
                + " executions' transitions. The requester's own reads of the job are counted (the demo's"
                + " `GET /jobs/{name}` while it waits, the benchmark's `GET /jobs/{name}/cost`), as requester-api"
                + " invocations and API Gateway requests.\n");
        md.append("- Metering is in the table too (*of which metering*: its DynamoDB writes): each invocation ends with"
                + " one UpdateItem of its counts, one write unit as each function's usage item of a job stays under"
                + " 1 KB, as many per answer as the *Lambda invocations* row; each `GET /jobs/{name}/cost` reads the"
                + " execution's history.\n");
        return md.toString();
    }

    private static double invocations(Run run) {
        double sum = 0;
        for (JsonNode f : run.cost().path("functions")) {
            sum += f.path("invocations").asDouble();
        }
        return sum;
    }

    /** DynamoDB's read or write units, from the service line's detail ("12.0 read, 8.0 write units"). */
    private static double dynamoUnits(Run run, String kind) {
        for (JsonNode s : run.cost().path("services")) {
            if (s.path("service").asText().equals("DynamoDB")) {
                String[] parts = s.path("detail").asText().split("[ ,]+");
                for (int i = 1; i < parts.length; i++) {
                    if (parts[i].equals(kind)) {
                        return Double.parseDouble(parts[i - 1]);
                    }
                }
            }
        }
        return 0;
    }
}
