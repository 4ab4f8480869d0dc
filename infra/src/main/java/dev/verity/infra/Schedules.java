package dev.verity.infra;

import dev.verity.catalog.Catalog;
import dev.verity.catalog.ScheduleSpec;
import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.constructs.Construct;

/** The catalog's scheduled functions: one EventBridge rule each, invoking the function's alias at its rate. */
public class Schedules extends Construct {

    public Schedules(Construct scope, String id, VerityConfig config, Functions functions) {
        super(scope, id);
        for (ScheduleSpec spec : Catalog.SCHEDULES) {
            Rule.Builder.create(this, Names.pascal(spec.function()))
                    .ruleName(config.physicalName(Catalog.FUNCTION_NAME_PREFIX + spec.function()))
                    .description(
                            "Runs " + spec.function() + " every " + spec.rate().toMinutes() + " minutes")
                    .schedule(Schedule.rate(Duration.minutes(spec.rate().toMinutes())))
                    .targets(List.of(new LambdaFunction(functions.alias(spec.function()))))
                    .build();
        }
    }
}
