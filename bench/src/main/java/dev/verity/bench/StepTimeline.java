package dev.verity.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryRequest;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/**
 * Each state's runs in an execution, from its Step Functions history: every {@code …StateExited} event is paired with
 * the {@code …StateEntered} of the same state it follows in its own scope (previousEventId links a scope's events, so
 * the iterations of a Map running at once stay apart). A state inside a Map has a run per iteration.
 */
final class StepTimeline {

    /**
     * One run of a state: when it was entered and left, the size of its output (what the next state gets), and its
     * Lambda invocations (attempts) and their time, from each task's start to its result (for a task that waits for a
     * token, until the invocation returned, not the token).
     */
    record Visit(Instant entered, Instant exited, long outputBytes, int invocations, Duration invoked) {

        Duration duration() {
            return Duration.between(entered, exited);
        }
    }

    private StepTimeline() {}

    /** The runs of each state, by state name, in the order the states were first entered. */
    static Map<String, List<Visit>> of(SfnClient sfn, String executionArn) {
        List<HistoryEvent> events = new ArrayList<>();
        sfn.getExecutionHistoryPaginator(GetExecutionHistoryRequest.builder()
                        .executionArn(executionArn)
                        .maxResults(1000)
                        .build())
                .events()
                .forEach(events::add);
        Map<Long, HistoryEvent> byId = new HashMap<>();
        events.forEach(e -> byId.put(e.id(), e));
        Map<String, List<Visit>> visits = new LinkedHashMap<>();
        for (HistoryEvent event : events) {
            if (event.stateEnteredEventDetails() != null) {
                visits.computeIfAbsent(event.stateEnteredEventDetails().name(), n -> new ArrayList<>());
            }
            if (event.stateExitedEventDetails() == null) {
                continue;
            }
            String name = event.stateExitedEventDetails().name();
            List<HistoryEvent> chain = new ArrayList<>(); // the visit's own events, last first
            HistoryEvent entered = byId.get(event.previousEventId());
            while (entered != null
                    && !(entered.stateEnteredEventDetails() != null
                            && entered.stateEnteredEventDetails().name().equals(name))) {
                chain.add(entered);
                entered = byId.get(entered.previousEventId());
            }
            if (entered == null) {
                continue;
            }
            int invocations = 0;
            Duration invoked = Duration.ZERO;
            Instant ended = null;
            for (HistoryEvent e : chain) {
                String type = e.typeAsString();
                if (type.equals("TaskSucceeded") || type.equals("TaskSubmitted") || type.equals("TaskFailed")) {
                    ended = e.timestamp();
                } else if (type.equals("TaskStarted") && ended != null) {
                    invocations++;
                    invoked = invoked.plus(Duration.between(e.timestamp(), ended));
                    ended = null;
                }
            }
            String output = event.stateExitedEventDetails().output();
            visits.computeIfAbsent(name, n -> new ArrayList<>())
                    .add(new Visit(
                            entered.timestamp(),
                            event.timestamp(),
                            output == null ? 0 : output.length(),
                            invocations,
                            invoked));
        }
        return visits;
    }
}
