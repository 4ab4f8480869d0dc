package dev.verity.fakes;

import dev.verity.members.Member;
import dev.verity.members.MemberDirectory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** {@link MemberDirectory} in memory: users by e-mail, groups, and the invitations it would have mailed. */
public final class InMemoryMemberDirectory implements MemberDirectory {

    private final Map<String, Member> users = new LinkedHashMap<>();
    private final Map<String, Set<String>> groups = new LinkedHashMap<>();
    private final List<String> invitations = new ArrayList<>();

    @Override
    public synchronized Optional<Member> create(String email) {
        if (users.containsKey(email)) {
            return Optional.empty();
        }
        Member member = new Member(
                email,
                UUID.nameUUIDFromBytes(email.getBytes()).toString(),
                true,
                "FORCE_CHANGE_PASSWORD",
                Instant.EPOCH);
        users.put(email, member);
        invitations.add(email);
        return Optional.of(member);
    }

    @Override
    public synchronized Optional<Member> find(String email) {
        return Optional.ofNullable(users.get(email));
    }

    @Override
    public synchronized void addToGroup(String email, String group) {
        if (!users.containsKey(email)) {
            throw new IllegalArgumentException("no user " + email); // Cognito's UserNotFoundException
        }
        groups.computeIfAbsent(group, g -> new LinkedHashSet<>()).add(email);
    }

    @Override
    public synchronized void removeFromGroup(String email, String group) {
        groups.getOrDefault(group, new LinkedHashSet<>()).remove(email);
    }

    @Override
    public synchronized List<Member> membersOf(String group) {
        return groups.getOrDefault(group, Set.of()).stream().map(users::get).toList();
    }

    @Override
    public synchronized void setEnabled(String email, boolean enabled) {
        Member m = users.get(email);
        users.put(email, new Member(m.email(), m.sub(), enabled, m.status(), m.created()));
    }

    /** The addresses an invitation mail went to, in order. */
    public synchronized List<String> invitations() {
        return List.copyOf(invitations);
    }
}
