package dev.verity.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.json.Json;
import dev.verity.workforce.MemberDefinition;
import dev.verity.workforce.TeamService;
import dev.verity.workforce.Workteam;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * SageMaker's JSON shapes of the work-team operations: the {@code Workteam} object of DescribeWorkteam,
 * UpdateWorkteam and ListWorkteams, with dates as epoch seconds (as DescribeLabelingJob gives them).
 */
public final class WorkteamJson {

    private WorkteamJson() {}

    /** CreateWorkteam's response. */
    public static ObjectNode created(Workteam team) {
        return Json.object().put("WorkteamArn", team.arn());
    }

    /**
     * DescribeWorkteam's and UpdateWorkteam's response; {@code subDomain} is the worker portal's host, Ground Truth's
     * {@code SubDomain}.
     */
    public static ObjectNode described(Workteam team, String subDomain) {
        ObjectNode out = Json.object();
        out.set("Workteam", workteam(team, subDomain));
        return out;
    }

    /** ListWorkteams' response. */
    public static ObjectNode listed(TeamService.Page page, String subDomain) {
        ObjectNode out = Json.object();
        var list = out.putArray("Workteams");
        page.workteams().forEach(team -> list.add(workteam(team, subDomain)));
        if (page.nextToken() != null) {
            out.put("NextToken", page.nextToken());
        }
        return out;
    }

    /** DeleteWorkteam's response. */
    public static ObjectNode deleted() {
        return Json.object().put("Success", true);
    }

    static ObjectNode workteam(Workteam team, String subDomain) {
        ObjectNode out = Json.object();
        out.put("WorkteamName", team.name());
        var members = out.putArray("MemberDefinitions");
        for (MemberDefinition definition : team.memberDefinitions()) {
            ObjectNode item = members.addObject();
            if (definition instanceof MemberDefinition.Cognito c) {
                item.putObject("CognitoMemberDefinition")
                        .put("UserPool", c.userPool())
                        .put("UserGroup", c.userGroup())
                        .put("ClientId", c.clientId());
            } else if (definition instanceof MemberDefinition.Oidc o) {
                var groups = item.putObject("OidcMemberDefinition").putArray("Groups");
                o.groupNames().forEach(groups::add);
            }
        }
        out.put("WorkteamArn", team.arn());
        out.put("WorkforceArn", team.workforceArn());
        out.put("Description", team.description());
        out.put("SubDomain", subDomain);
        out.put("CreateDate", epochSeconds(team.createDate()));
        out.put("LastUpdatedDate", epochSeconds(team.lastUpdatedDate()));
        ObjectNode notification = out.putObject("NotificationConfiguration");
        if (team.notificationTopicArn() != null) {
            notification.put("NotificationTopicArn", team.notificationTopicArn());
        }
        if (team.workerAccessConfiguration() != null) {
            out.set("WorkerAccessConfiguration", team.workerAccessConfiguration());
        }
        return out;
    }

    private static BigDecimal epochSeconds(Instant instant) {
        return BigDecimal.valueOf(instant.toEpochMilli()).movePointLeft(3);
    }
}
