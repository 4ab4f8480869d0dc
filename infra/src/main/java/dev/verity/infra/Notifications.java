package dev.verity.infra;

import dev.verity.catalog.Catalog;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.kms.Alias;
import software.amazon.awscdk.services.sns.Topic;
import software.constructs.Construct;

/**
 * The notices' topics: the requesters' job-events topic ("job completed / failed / stopped"; subscribe an address to
 * it) and the name pattern of the work teams' topics, which the requester API makes at runtime, one per team, when
 * its first member is invited. Both are encrypted with the account's SNS key and refuse requests without TLS.
 */
public class Notifications extends Construct {

    private final Topic jobEvents;
    private final String teamTopicPrefix;
    private final String teamTopicsArn;

    public Notifications(Construct scope, String id, VerityConfig config) {
        super(scope, id);
        jobEvents = Topic.Builder.create(this, "JobEventsTopic")
                .topicName(config.physicalName(Catalog.JOB_EVENTS_TOPIC))
                .displayName("Verity labeling jobs" + (config.stage() == null ? "" : " (" + config.stage() + ")"))
                .masterKey(Alias.fromAliasName(this, "SnsKey", "alias/aws/sns"))
                .enforceSsl(true)
                .build();
        // like the task queues': verity-team-[stage-]<team>
        teamTopicPrefix =
                config.stage() == null ? Catalog.TEAM_TOPIC_PREFIX : Catalog.TEAM_TOPIC_PREFIX + config.stage() + "-";
        teamTopicsArn = Stack.of(this)
                .formatArn(ArnComponents.builder()
                        .service("sns")
                        .resource(teamTopicPrefix + "*")
                        .arnFormat(ArnFormat.NO_RESOURCE_NAME)
                        .build());
    }

    public Topic jobEvents() {
        return jobEvents;
    }

    /** {@code verity-team-[stage-]}: a team's topic is this and the team name. */
    public String teamTopicPrefix() {
        return teamTopicPrefix;
    }

    /** Every team topic's ARN, as one IAM resource pattern. */
    public String teamTopicsArn() {
        return teamTopicsArn;
    }
}
