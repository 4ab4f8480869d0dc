package dev.verity.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.json.Json;
import dev.verity.members.Member;
import dev.verity.workforce.MemberService;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON of the team-member routes (a Verity addition: SageMaker manages members in Cognito's own API): members as
 * {@code {"Email", "Enabled", "Status", "CreateDate"}}, dates in epoch seconds like the work teams'.
 */
public final class MemberJson {

    private MemberJson() {}

    /** The addresses of an invitation body, {@code {"Emails": ["a@example.com", ...]}}. */
    public static List<String> emails(JsonNode body) {
        JsonNode emails = body.get("Emails");
        if (emails == null || !emails.isArray()) {
            throw new BadRequestException("the body must be {\"Emails\": [\"worker@example.com\", ...]}");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode email : emails) {
            if (!email.isTextual()) {
                throw new BadRequestException("Emails must hold strings, got " + email);
            }
            out.add(email.asText());
        }
        return out;
    }

    /** Whether an update body, {@code {"Enabled": true|false}}, enables the member. */
    public static boolean enabled(JsonNode body) {
        JsonNode enabled = body.get("Enabled");
        if (enabled == null || !enabled.isBoolean()) {
            throw new BadRequestException("the body must be {\"Enabled\": true} or {\"Enabled\": false}");
        }
        return enabled.booleanValue();
    }

    public static ObjectNode invited(List<MemberService.Invitation> invitations) {
        ObjectNode out = Json.object();
        var list = out.putArray("Members");
        invitations.forEach(i -> list.add(member(i.member()).put("Invited", i.invited())));
        return out;
    }

    public static ObjectNode listed(List<Member> members) {
        ObjectNode out = Json.object();
        var list = out.putArray("Members");
        members.forEach(m -> list.add(member(m)));
        return out;
    }

    public static ObjectNode updated(Member member) {
        ObjectNode out = Json.object();
        out.set("Member", member(member));
        return out;
    }

    private static ObjectNode member(Member member) {
        ObjectNode out = Json.object()
                .put("Email", member.email())
                .put("Enabled", member.enabled())
                .put("Status", member.status());
        if (member.created() != null) {
            out.put(
                    "CreateDate",
                    BigDecimal.valueOf(member.created().toEpochMilli()).movePointLeft(3));
        }
        return out;
    }
}
