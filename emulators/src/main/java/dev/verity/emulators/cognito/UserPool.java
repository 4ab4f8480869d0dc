package dev.verity.emulators.cognito;

import dev.verity.emulators.http.AuthenticationException;
import dev.verity.emulators.http.LocalTokenIssuer;
import dev.verity.emulators.http.SignedInUser;
import dev.verity.emulators.mail.MailSender;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Cognito user pool's users and groups, independent of the protocol: each operation checks its input as Cognito
 * does and throws {@link CognitoException} with Cognito's {@code __type} and message. Thread-safe; with a
 * {@link CognitoStore} each change is written through before the call returns.
 */
final class UserPool {
    /** The largest Limit the list operations take. */
    static final int MAX_LIMIT = 60;

    private static final Logger LOG = LoggerFactory.getLogger(UserPool.class);
    private static final Set<String> STANDARD_ATTRIBUTES = Set.of(
            "address",
            "birthdate",
            "email",
            "email_verified",
            "family_name",
            "gender",
            "given_name",
            "locale",
            "middle_name",
            "name",
            "nickname",
            "phone_number",
            "phone_number_verified",
            "picture",
            "preferred_username",
            "profile",
            "updated_at",
            "website",
            "zoneinfo");
    private static final Pattern USERNAME = Pattern.compile("[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]{1,128}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final UserPoolConfig config;
    private final MailSender mail;
    private final CognitoStore store;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final TreeMap<String, User> users = new TreeMap<>();
    private final TreeMap<String, Group> groups = new TreeMap<>();

    /** What AdminCreateUser was asked; {@code messageAction} and {@code deliveryMediums} may be null. */
    record CreateUser(
            String username,
            Map<String, String> attributes,
            String temporaryPassword,
            String messageAction,
            List<String> deliveryMediums) {}

    /** One page of a listing and the token of the next, or null. */
    record Page<T>(List<T> items, String nextToken) {}

    UserPool(UserPoolConfig config, MailSender mail, CognitoStore store, Clock clock) {
        this.config = config;
        this.mail = mail;
        this.store = store;
        this.clock = clock;
        if (store != null) {
            CognitoStore.State state = store.load();
            state.users().forEach(u -> users.put(u.username(), u));
            state.groups().forEach(g -> groups.put(g.name(), g));
        }
    }

    String id() {
        return config.id();
    }

    // ---- users ----

    synchronized User adminCreateUser(CreateUser request) {
        String name = required(request.username(), "username");
        if (!USERNAME.matcher(name).matches()) {
            throw CognitoException.invalidParameter("1 validation error detected: Value at 'username' failed to"
                    + " satisfy constraint: Member must satisfy regular expression pattern:"
                    + " [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+");
        }
        String action = request.messageAction();
        if (action != null && !action.equals("RESEND") && !action.equals("SUPPRESS")) {
            throw CognitoException.invalidParameter("1 validation error detected: Value '" + action
                    + "' at 'messageAction' failed to satisfy constraint: Member must satisfy enum value set:"
                    + " [RESEND, SUPPRESS]");
        }
        List<String> mediums =
                request.deliveryMediums() == null || request.deliveryMediums().isEmpty()
                        ? List.of("SMS")
                        : request.deliveryMediums();
        for (String medium : mediums) {
            if (!medium.equals("SMS") && !medium.equals("EMAIL")) {
                throw CognitoException.invalidParameter("1 validation error detected: Value '[" + medium
                        + "]' at 'desiredDeliveryMediums' failed to satisfy constraint: Member must satisfy"
                        + " constraint: [Member must satisfy enum value set: [SMS, EMAIL]]");
            }
        }
        String password = request.temporaryPassword();
        if (password != null) {
            String violation = config.passwordPolicy().violation(password);
            if (violation != null) {
                throw new CognitoException(
                        "InvalidPasswordException", "Password does not conform to policy: " + violation);
            }
        } else {
            password = config.passwordPolicy().generate(random);
        }
        Instant now = now();
        User user;
        if ("RESEND".equals(action)) {
            User existing = find(name);
            if (existing == null) {
                throw CognitoException.userNotFound();
            }
            if (!existing.status().equals(User.FORCE_CHANGE_PASSWORD)) {
                throw new CognitoException(
                        "UnsupportedUserStateException",
                        "Resend not possible. " + existing.username() + " status is not FORCE_CHANGE_PASSWORD.");
            }
            user = existing.withPassword(PasswordHash.hash(password, random), now);
        } else {
            user = newUser(name, request.attributes(), PasswordHash.hash(password, random), now);
        }
        if (!"SUPPRESS".equals(action)) {
            invite(user, name, password, mediums);
        }
        users.put(user.username(), user);
        persist();
        return user;
    }

    private User newUser(String name, Map<String, String> given, String passwordHash, Instant now) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("sub", LocalTokenIssuer.subject(name));
        for (Map.Entry<String, String> attribute : given.entrySet()) {
            checkAttribute(attribute.getKey(), attribute.getValue());
            attributes.put(attribute.getKey(), attribute.getValue());
        }
        String username = name;
        if (config.signInWithEmail()) {
            if (!EMAIL.matcher(name).matches()) {
                throw CognitoException.invalidParameter("Username should be an email.");
            }
            String email = attributes.get("email");
            if (email != null && !email.equalsIgnoreCase(name)) {
                throw CognitoException.invalidParameter("The email attribute must be the Username in a user pool"
                        + " whose users sign in with their e-mail address");
            }
            if (users.values().stream().anyMatch(u -> name.equalsIgnoreCase(u.email()))) {
                throw new CognitoException(
                        "UsernameExistsException", "An account with the given email already exists.");
            }
            attributes.put("email", email != null ? email : name);
            username = attributes.get("sub");
        }
        if (users.containsKey(username)) {
            throw new CognitoException("UsernameExistsException", "User account already exists");
        }
        return new User(username, attributes, true, User.FORCE_CHANGE_PASSWORD, now, now, passwordHash, Set.of());
    }

    private static void checkAttribute(String name, String value) {
        if (name.equals("sub")) {
            throw CognitoException.invalidParameter("Attributes did not conform to the schema: sub: Attribute"
                    + " cannot be provided (Cognito gives every user its own)");
        }
        boolean known = STANDARD_ATTRIBUTES.contains(name)
                || (name.startsWith("custom:") && name.length() > "custom:".length() && name.length() <= 32);
        if (!known) {
            throw CognitoException.invalidParameter(
                    "Attributes did not conform to the schema: " + name + ": Attribute does not exist in the schema.");
        }
        if (value != null && value.length() > 2048) {
            throw CognitoException.invalidParameter(
                    "Attribute value for " + name + " must not be null or longer" + " than 2048 characters");
        }
        if (name.equals("email") && (value == null || !EMAIL.matcher(value).matches())) {
            throw CognitoException.invalidParameter("Invalid email address format.");
        }
        if (name.endsWith("_verified") && !"true".equals(value) && !"false".equals(value)) {
            throw CognitoException.invalidParameter(name + " must be true or false");
        }
    }

    /** Mails the invitation when EMAIL is a desired medium; SMS is not sent locally (said in the log). */
    private void invite(User user, String signInName, String password, List<String> mediums) {
        if (mediums.contains("EMAIL")) {
            String email = user.email();
            if (email == null) {
                throw CognitoException.invalidParameter("No email provided but desired delivery medium was Email");
            }
            if (mail == null) {
                LOG.warn("User pool {} has no mail sink: the invitation to {} is not sent", id(), email);
                return;
            }
            InvitationTemplate template = config.invitation();
            try {
                mail.send(
                        config.fromAddress(),
                        List.of(email),
                        template.subjectFor(signInName, password),
                        template.bodyFor(signInName, password));
            } catch (MailSender.MailException e) {
                throw new CognitoException(
                        "CodeDeliveryFailureException",
                        "Unable to deliver the invitation to " + email + ": " + e.getMessage());
            }
        } else {
            LOG.warn(
                    "AdminCreateUser {} in {} asked for an SMS invitation (the default when DesiredDeliveryMediums is"
                            + " not given): the local emulator sends no SMS; ask for EMAIL to get a mail",
                    signInName,
                    id());
        }
    }

    /** The user named by its Username or, in an e-mail sign-in pool, its e-mail address; null if none. */
    private User find(String name) {
        if (name == null) {
            return null;
        }
        User user = users.get(name);
        if (user == null && config.signInWithEmail()) {
            user = users.values().stream()
                    .filter(u -> name.equalsIgnoreCase(u.email()))
                    .findFirst()
                    .orElse(null);
        }
        return user;
    }

    private User existing(String name) {
        User user = find(required(name, "username"));
        if (user == null) {
            throw CognitoException.userNotFound();
        }
        return user;
    }

    synchronized User user(String name) {
        return existing(name);
    }

    synchronized void deleteUser(String name) {
        users.remove(existing(name).username());
        persist();
    }

    synchronized void setEnabled(String name, boolean enabled) {
        User user = existing(name);
        users.put(user.username(), user.withEnabled(enabled, now()));
        persist();
    }

    synchronized Page<User> listUsers(UserFilter filter, Integer limit, String token) {
        List<User> matching = users.values().stream()
                .filter(u -> filter == null || filter.matches(u))
                .toList();
        return page(matching, User::username, limit, token, "paginationToken");
    }

    // ---- groups ----

    synchronized Group createGroup(String name, String description, String roleArn, Integer precedence) {
        required(name, "groupName");
        if (precedence != null && precedence < 0) {
            throw CognitoException.invalidParameter("1 validation error detected: Value '" + precedence
                    + "' at 'precedence' failed to satisfy constraint: Member must have value greater than or equal"
                    + " to 0");
        }
        if (groups.containsKey(name)) {
            throw new CognitoException("GroupExistsException", "A group with the name " + name + " already exists.");
        }
        Instant now = now();
        Group group = new Group(name, description, roleArn, precedence, now, now);
        groups.put(name, group);
        persist();
        return group;
    }

    synchronized Group group(String name) {
        Group group = groups.get(required(name, "groupName"));
        if (group == null) {
            throw CognitoException.groupNotFound();
        }
        return group;
    }

    synchronized void deleteGroup(String name) {
        group(name);
        groups.remove(name);
        users.replaceAll((username, user) -> {
            if (!user.groups().contains(name)) {
                return user;
            }
            Set<String> remaining = new LinkedHashSet<>(user.groups());
            remaining.remove(name);
            return user.withGroups(remaining);
        });
        persist();
    }

    synchronized Page<Group> listGroups(Integer limit, String token) {
        return page(List.copyOf(groups.values()), Group::name, limit, token, "nextToken");
    }

    synchronized void addUserToGroup(String username, String groupName) {
        changeGroups(username, groupName, Set::add);
    }

    synchronized void removeUserFromGroup(String username, String groupName) {
        changeGroups(username, groupName, Set::remove);
    }

    /**
     * Applies {@code change} (add or remove) to a copy of the user's group names; stores and persists only if it
     * changed them, as adding a member twice or removing a non-member is no error.
     */
    private void changeGroups(String username, String groupName, BiPredicate<Set<String>, String> change) {
        Group group = group(groupName);
        User user = existing(username);
        Set<String> names = new LinkedHashSet<>(user.groups());
        if (change.test(names, group.name())) {
            users.put(user.username(), user.withGroups(names));
            persist();
        }
    }

    synchronized Page<Group> groupsForUser(String username, Integer limit, String token) {
        User user = existing(username);
        return page(user.groups().stream().map(groups::get).toList(), Group::name, limit, token, "nextToken");
    }

    synchronized Page<User> usersInGroup(String groupName, Integer limit, String token) {
        Group group = group(groupName);
        List<User> members = users.values().stream()
                .filter(u -> u.groups().contains(group.name()))
                .toList();
        return page(members, User::username, limit, token, "nextToken");
    }

    // ---- sign-in ----

    SignedInUser authenticate(String name, String password) throws AuthenticationException {
        User user;
        List<String> groupNames;
        synchronized (this) {
            user = find(name);
            if (user == null) {
                throw new AuthenticationException(
                        AuthenticationException.Reason.UNKNOWN_USER,
                        "there is no user " + name + " in user pool " + id());
            }
            groupNames = user.groups().stream()
                    .map(groups::get)
                    .filter(Objects::nonNull)
                    .sorted(Comparator.comparing(
                                    (Group g) -> g.precedence() == null ? Integer.MAX_VALUE : g.precedence())
                            .thenComparing(Group::name))
                    .map(Group::name)
                    .toList();
        }
        if (!PasswordHash.matches(password, user.passwordHash())) {
            throw new AuthenticationException(
                    AuthenticationException.Reason.WRONG_PASSWORD, "the password of user " + name + " is wrong");
        }
        if (!user.enabled()) {
            throw new AuthenticationException(AuthenticationException.Reason.DISABLED, "user " + name + " is disabled");
        }
        return new SignedInUser(user.username(), user.sub(), user.email(), groupNames);
    }

    // ---- helpers ----

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static String required(String value, String member) {
        if (value == null || value.isEmpty()) {
            throw CognitoException.invalidParameter("1 validation error detected: Value null at '" + member
                    + "' failed to satisfy constraint: Member must not be null");
        }
        return value;
    }

    /** Items after the one the token names (their keys ascend), at most {@code limit} (0 or null: 60). */
    private static <T> Page<T> page(
            List<T> sorted, Function<T, String> key, Integer limit, String token, String tokenName) {
        int size = limit == null || limit == 0 ? MAX_LIMIT : limit;
        if (size < 0 || size > MAX_LIMIT) {
            throw CognitoException.invalidParameter("1 validation error detected: Value '" + limit
                    + "' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 60");
        }
        String after = null;
        if (token != null) {
            try {
                after = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw CognitoException.invalidParameter("Invalid " + tokenName);
            }
        }
        List<T> items = new ArrayList<>();
        String next = null;
        for (T item : sorted) {
            String k = key.apply(item);
            if (after != null && k.compareTo(after) <= 0) {
                continue;
            }
            if (items.size() == size) {
                next = Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(key.apply(items.get(items.size() - 1)).getBytes(StandardCharsets.UTF_8));
                break;
            }
            items.add(item);
        }
        return new Page<>(items, next);
    }

    private void persist() {
        if (store != null) {
            store.save(new CognitoStore.State(List.copyOf(users.values()), List.copyOf(groups.values())));
        }
    }
}
