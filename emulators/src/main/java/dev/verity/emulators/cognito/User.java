package dev.verity.emulators.cognito;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A user of a pool, as the pool keeps it.
 *
 * @param username     the Username Cognito answers with (a UUID equal to {@code sub} in an e-mail sign-in pool)
 * @param attributes   {@code sub} first, then the others in the order they were given
 * @param status       Cognito's UserStatus ({@code FORCE_CHANGE_PASSWORD} after AdminCreateUser)
 * @param passwordHash see {@link PasswordHash}
 * @param groups       the names of the groups the user is in
 */
record User(
        String username,
        Map<String, String> attributes,
        boolean enabled,
        String status,
        Instant created,
        Instant modified,
        String passwordHash,
        Set<String> groups) {
    static final String FORCE_CHANGE_PASSWORD = "FORCE_CHANGE_PASSWORD";

    User {
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        groups = Collections.unmodifiableSet(new TreeSet<>(groups));
    }

    String sub() {
        return attributes.get("sub");
    }

    String email() {
        return attributes.get("email");
    }

    User withEnabled(boolean enabled, Instant now) {
        return new User(username, attributes, enabled, status, created, now, passwordHash, groups);
    }

    User withPassword(String passwordHash, Instant now) {
        return new User(username, attributes, enabled, FORCE_CHANGE_PASSWORD, created, now, passwordHash, groups);
    }

    User withGroups(Set<String> groups) {
        return new User(username, attributes, enabled, status, created, modified, passwordHash, groups);
    }
}
