package dev.verity.monitor;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.job.LabelCounters;
import dev.verity.json.Json;
import java.util.function.Supplier;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

/**
 * {@link JobEvents} on Amazon EventBridge: one event per status change on the account's default bus, shaped as Ground
 * Truth's ({@code reference/groundtruth.md} §3.4) but from source {@value #SOURCE}: detail-type {@value #DETAIL_TYPE},
 * {@code resources} the job's ARN, and a {@code detail} with the job's name, ARN, status, failure reason (if it
 * failed) and {@code LabelCounters} in {@code DescribeLabelingJob}'s spelling.
 */
public final class EventBridgeJobEvents implements JobEvents {

    public static final String SOURCE = "verity";
    public static final String DETAIL_TYPE = "Verity Labeling Job State Change";
    public static final String BUS = "default";

    private final Supplier<EventBridgeClient> events;

    public EventBridgeJobEvents(Supplier<EventBridgeClient> events) {
        this.events = events;
    }

    @Override
    public void statusChanged(JobStatusChange change) {
        PutEventsResponse response = events.get()
                .putEvents(r -> r.entries(PutEventsRequestEntry.builder()
                        .eventBusName(BUS)
                        .source(SOURCE)
                        .detailType(DETAIL_TYPE)
                        .resources(change.labelingJobArn())
                        .detail(Json.write(detail(change)))
                        .build()));
        if (response.failedEntryCount() != null && response.failedEntryCount() > 0) {
            var entry = response.entries().get(0);
            throw new IllegalStateException("EventBridge refused the event of job " + change.labelingJobName() + ": "
                    + entry.errorCode() + " " + entry.errorMessage());
        }
    }

    /** The event's {@code detail}. */
    static ObjectNode detail(JobStatusChange change) {
        ObjectNode detail = Json.object()
                .put("LabelingJobName", change.labelingJobName())
                .put("LabelingJobArn", change.labelingJobArn())
                .put("LabelingJobStatus", change.status().name());
        if (change.failureReason() != null) {
            detail.put("FailureReason", change.failureReason());
        }
        LabelCounters c = change.counters();
        if (c != null) {
            detail.putObject("LabelCounters")
                    .put("TotalLabeled", c.totalLabeled())
                    .put("HumanLabeled", c.humanLabeled())
                    .put("MachineLabeled", c.machineLabeled())
                    .put("FailedNonRetryableError", c.failedNonRetryableError())
                    .put("Unlabeled", c.unlabeled());
        }
        return detail;
    }
}
