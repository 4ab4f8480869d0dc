package dev.verity.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.json.Json;

/**
 * Run on a schedule (the catalog's {@link dev.verity.catalog.ScheduleSpec}, an EventBridge rule in AWS): reminds the
 * teams of running jobs whose tasks expire within a day. Any event → {@code {"reminded": [<job names>]}}.
 */
public final class RemindExpiringJobsHandler extends JsonHandler {

    public RemindExpiringJobsHandler() {}

    public RemindExpiringJobsHandler(Services services) {
        super(services);
    }

    @Override
    public JsonNode handle(JsonNode event, Context context) {
        var reminded = Json.object();
        services().notices.remindExpiring().forEach(reminded.putArray("reminded")::add);
        return reminded;
    }
}
