package dev.verity.workforce;

import java.util.List;
import java.util.Set;

/**
 * Who belongs to a work team, as Ground Truth's {@code MemberDefinitions} item says it: a Cognito user group, or
 * groups of the workforce's own OIDC identity provider. A team's definitions are all of one kind.
 */
public sealed interface MemberDefinition {

    /** The worker groups this definition admits. */
    Set<String> groups();

    /** {@code CognitoMemberDefinition}: the members of one user group of the workforce's user pool. */
    record Cognito(String userPool, String userGroup, String clientId) implements MemberDefinition {
        @Override
        public Set<String> groups() {
            return Set.of(userGroup);
        }
    }

    /** {@code OidcMemberDefinition}: the workers whose identity provider puts them in any of these groups. */
    record Oidc(List<String> groupNames) implements MemberDefinition {
        public Oidc {
            groupNames = List.copyOf(groupNames);
        }

        @Override
        public Set<String> groups() {
            return Set.copyOf(groupNames);
        }
    }
}
