package dev.verity.members;

import java.util.List;
import java.util.Optional;

/**
 * The private workforce's user directory (in AWS the Cognito user pool; locally the runtime's stand-in for it). Users
 * are named by their e-mail address; groups are the Cognito groups work teams are made of.
 */
public interface MemberDirectory {

    /**
     * Creates the user and has the directory send them the invitation (a temporary password and the portal link);
     * empty if a user with that e-mail exists already, who gets no second mail.
     */
    Optional<Member> create(String email);

    Optional<Member> find(String email);

    /** Puts the user in the group, creating the group first if the pool has none of that name. */
    void addToGroup(String email, String group);

    void removeFromGroup(String email, String group);

    /** The group's members, none if there is no such group. */
    List<Member> membersOf(String group);

    void setEnabled(String email, boolean enabled);
}
