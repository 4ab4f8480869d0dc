package dev.verity.members;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.DeliveryMediumType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GroupExistsException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameExistsException;

/**
 * {@link MemberDirectory} on a Cognito user pool whose users sign in with their e-mail address. Cognito itself mails
 * the invitation ({@code AdminCreateUser}), with the pool's invitation message (the stack puts the portal link in it).
 */
public final class CognitoMemberDirectory implements MemberDirectory {

    private final Supplier<CognitoIdentityProviderClient> cognito;
    private final String userPoolId;

    public CognitoMemberDirectory(Supplier<CognitoIdentityProviderClient> cognito, String userPoolId) {
        this.cognito = cognito;
        this.userPoolId = userPoolId;
    }

    @Override
    public Optional<Member> create(String email) {
        try {
            var user = cognito.get()
                    .adminCreateUser(b -> b.userPoolId(userPoolId)
                            .username(email)
                            .userAttributes(attribute("email", email), attribute("email_verified", "true"))
                            .desiredDeliveryMediums(DeliveryMediumType.EMAIL))
                    .user();
            return Optional.of(
                    member(user.attributes(), email, user.enabled(), user.userStatusAsString(), user.userCreateDate()));
        } catch (UsernameExistsException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<Member> find(String email) {
        try {
            var user = cognito.get().adminGetUser(b -> b.userPoolId(userPoolId).username(email));
            return Optional.of(member(
                    user.userAttributes(), email, user.enabled(), user.userStatusAsString(), user.userCreateDate()));
        } catch (UserNotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public void addToGroup(String email, String group) {
        try {
            add(email, group);
        } catch (ResourceNotFoundException e) {
            // Teams may name a group no one has created yet: the first invitation creates it.
            try {
                cognito.get().createGroup(b -> b.userPoolId(userPoolId).groupName(group));
            } catch (GroupExistsException raced) {
                // another invitation created it meanwhile
            }
            add(email, group);
        }
    }

    @Override
    public void removeFromGroup(String email, String group) {
        try {
            cognito.get()
                    .adminRemoveUserFromGroup(
                            b -> b.userPoolId(userPoolId).username(email).groupName(group));
        } catch (UserNotFoundException | ResourceNotFoundException e) {
            // not a member: nothing to remove
        }
    }

    @Override
    public List<Member> membersOf(String group) {
        try {
            return cognito
                    .get()
                    .listUsersInGroupPaginator(b -> b.userPoolId(userPoolId).groupName(group))
                    .users()
                    .stream()
                    .map(u -> member(
                            u.attributes(), u.username(), u.enabled(), u.userStatusAsString(), u.userCreateDate()))
                    .toList();
        } catch (ResourceNotFoundException e) {
            return List.of();
        }
    }

    @Override
    public void setEnabled(String email, boolean enabled) {
        if (enabled) {
            cognito.get().adminEnableUser(b -> b.userPoolId(userPoolId).username(email));
        } else {
            cognito.get().adminDisableUser(b -> b.userPoolId(userPoolId).username(email));
        }
    }

    private void add(String email, String group) {
        cognito.get()
                .adminAddUserToGroup(
                        b -> b.userPoolId(userPoolId).username(email).groupName(group));
    }

    private static AttributeType attribute(String name, String value) {
        return AttributeType.builder().name(name).value(value).build();
    }

    private static Member member(
            List<AttributeType> attributes, String username, Boolean enabled, String status, Instant created) {
        return new Member(
                value(attributes, "email").orElse(username),
                value(attributes, "sub").orElse(username),
                !Boolean.FALSE.equals(enabled),
                status,
                created);
    }

    private static Optional<String> value(List<AttributeType> attributes, String name) {
        return attributes.stream()
                .filter(a -> a.name().equals(name))
                .map(AttributeType::value)
                .findFirst();
    }
}
