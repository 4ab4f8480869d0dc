package dev.verity.emulators.cognito;

import dev.verity.emulators.http.AuthenticationException;
import dev.verity.emulators.http.PasswordSignIn;
import dev.verity.emulators.http.SignedInUser;
import dev.verity.emulators.mail.MailSender;
import dev.verity.emulators.support.LoopbackHttpServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Amazon Cognito user pools on 127.0.0.1: the Cognito Identity Provider JSON 1.1 protocol over the JDK's HTTP server,
 * so the SDK's {@code CognitoIdentityProviderClient} and {@code aws cognito-idp --endpoint-url} work. The pools are
 * those configured at start ({@link Builder#userPool(UserPoolConfig)}; by default one, {@value
 * #DEFAULT_USER_POOL_ID}); there is no CreateUserPool. Any other pool id is {@code ResourceNotFoundException}.
 *
 * <p>Supported: AdminCreateUser (UserAttributes, TemporaryPassword or a generated one checked against the pool's
 * password policy, MessageAction SUPPRESS/RESEND, DesiredDeliveryMediums), AdminGetUser, AdminDeleteUser,
 * AdminDisableUser, AdminEnableUser, AdminAddUserToGroup, AdminRemoveUserFromGroup, AdminListGroupsForUser,
 * CreateGroup, GetGroup, DeleteGroup, ListGroups, ListUsersInGroup and ListUsers (Filter, AttributesToGet), with
 * Cognito's paging (Limit up to 60, NextToken/PaginationToken) and errors ({@code UserNotFoundException},
 * {@code UsernameExistsException}, {@code ResourceNotFoundException}, {@code InvalidParameterException}, ...).
 *
 * <p>AdminCreateUser mails the pool's {@link InvitationTemplate invitation} through SMTP to the mail sink when EMAIL
 * is a desired delivery medium (as in Cognito, the default medium is SMS, which is not sent locally) and leaves the
 * user {@code FORCE_CHANGE_PASSWORD}. Every user's {@code sub} is {@code LocalTokenIssuer.subject(<the Username given
 * to AdminCreateUser>)}, so tokens the local issuer signs for that name carry the same sub.
 *
 * <p>{@link #authenticate} is the local sign-in's password check: the temporary password is accepted as it is (no
 * forced change locally). With {@link Builder#dataDirectory(Path)} each pool's users and groups persist in
 * {@code <dir>/<pool id>.json} ({@link CognitoStore}).
 */
public final class CognitoEmulator implements PasswordSignIn, AutoCloseable {
    public static final String DEFAULT_USER_POOL_ID = "us-east-1_verity";

    private final Map<String, UserPool> pools;
    private final LoopbackHttpServer server;

    private CognitoEmulator(Builder b) {
        List<UserPoolConfig> configs = b.pools.isEmpty() ? List.of(UserPoolConfig.of(DEFAULT_USER_POOL_ID)) : b.pools;
        Map<String, UserPool> pools = new LinkedHashMap<>();
        for (UserPoolConfig config : configs) {
            CognitoStore store = b.dataDirectory == null ? null : new CognitoStore(b.dataDirectory, config.id());
            if (pools.put(config.id(), new UserPool(config, b.mailSender, store, Clock.systemUTC())) != null) {
                throw new IllegalArgumentException("user pool " + config.id() + " is configured twice");
            }
        }
        this.pools = Collections.unmodifiableMap(pools);
        this.server = LoopbackHttpServer.bind("cognito").serve(new CognitoApi(pools::get)::handle);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code http://127.0.0.1:<port>} */
    public URI endpoint() {
        return server.endpoint();
    }

    public int port() {
        return server.port();
    }

    /** The first configured pool's id: the one {@link #authenticate(String, String)} signs in to. */
    public String userPoolId() {
        return pools.keySet().iterator().next();
    }

    public List<String> userPoolIds() {
        return List.copyOf(pools.keySet());
    }

    /** Checks a password in the first pool; see {@link #authenticate(String, String, String)}. */
    @Override
    public SignedInUser authenticate(String username, String password) throws AuthenticationException {
        return authenticate(userPoolId(), username, password);
    }

    /**
     * Who signs in with {@code password}: the user's groups and ids, or why not ({@link AuthenticationException}:
     * unknown user, wrong password, or — with the right password — disabled). The temporary password of a
     * {@code FORCE_CHANGE_PASSWORD} user is accepted. In a pool whose users sign in with their e-mail address the
     * address or the Username will do.
     */
    public SignedInUser authenticate(String userPoolId, String username, String password)
            throws AuthenticationException {
        UserPool pool = pools.get(userPoolId);
        if (pool == null) {
            throw new IllegalArgumentException("no user pool " + userPoolId + " here (only " + pools.keySet() + ")");
        }
        return pool.authenticate(username, password);
    }

    @Override
    public void close() {
        server.close();
    }

    public static final class Builder {
        private final List<UserPoolConfig> pools = new ArrayList<>();
        private Path dataDirectory;
        private MailSender mailSender;

        private Builder() {}

        /** A pool to serve; the first one given is the default. Without any: {@code UserPoolConfig.of("us-east-1_verity")}. */
        public Builder userPool(UserPoolConfig config) {
            pools.add(Objects.requireNonNull(config));
            return this;
        }

        /** Keep each pool's users and groups in {@code <dir>/<pool id>.json} and load them at start. */
        public Builder dataDirectory(Path directory) {
            this.dataDirectory = directory;
            return this;
        }

        /** Where invitations are mailed; without one they are not sent (and a warning says so). */
        public Builder mailSender(MailSender sender) {
            this.mailSender = sender;
            return this;
        }

        public CognitoEmulator start() {
            return new CognitoEmulator(this);
        }
    }
}
