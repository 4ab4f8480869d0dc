package dev.verity.workforce;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A private work team, Ground Truth's {@code Workteam}: its members are the workers in any of its member definitions'
 * groups.
 *
 * @param notificationTopicArn          {@code NotificationConfiguration.NotificationTopicArn}, or null
 * @param workerAccessConfiguration     {@code WorkerAccessConfiguration} as given (kept and returned), or null
 */
public record Workteam(
        String name,
        String arn,
        String workforceArn,
        List<MemberDefinition> memberDefinitions,
        String description,
        String notificationTopicArn,
        JsonNode workerAccessConfiguration,
        Instant createDate,
        Instant lastUpdatedDate) {

    public Workteam {
        memberDefinitions = List.copyOf(memberDefinitions);
    }

    /**
     * Whether a worker with these groups belongs to the team: a Cognito definition admits its user group's members,
     * an OIDC definition those whose identity provider puts them in one of its groups.
     */
    public boolean admits(WorkerGroups workerGroups) {
        return memberDefinitions.stream().anyMatch(definition -> {
            Set<String> vouched =
                    definition instanceof MemberDefinition.Oidc ? workerGroups.provider() : workerGroups.pool();
            return definition.groups().stream().anyMatch(vouched::contains);
        });
    }
}
