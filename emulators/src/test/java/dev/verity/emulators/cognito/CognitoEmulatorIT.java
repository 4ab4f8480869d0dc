package dev.verity.emulators.cognito;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.emulators.http.AuthenticationException;
import dev.verity.emulators.http.LocalTokenIssuer;
import dev.verity.emulators.http.SignedInUser;
import dev.verity.emulators.mail.Mail;
import dev.verity.emulators.mail.MailSender;
import dev.verity.emulators.mail.MailSink;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminCreateUserRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminGetUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.DeliveryMediumType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GroupExistsException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GroupType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidPasswordException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListUsersInGroupResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameExistsException;

/** The Cognito user-pool emulator driven by the SDK's CognitoIdentityProviderClient, mailing to a mail sink. */
class CognitoEmulatorIT {
    private static final String POOL = "us-east-1_verity";
    private static final InvitationTemplate INVITATION = new InvitationTemplate(
            "Your Verity worker account",
            "Hello {username},\nyou are invited to label data with Verity.\nYour temporary password is {####}\n");
    private static final Pattern PASSWORD = Pattern.compile("Your temporary password is (\\S+)");

    private static MailSink mail;
    private CognitoEmulator emulator;
    private CognitoIdentityProviderClient cognito;

    @BeforeAll
    static void startMail() {
        mail = MailSink.start();
    }

    @AfterAll
    static void stopMail() {
        mail.close();
    }

    @BeforeEach
    void start() {
        emulator = CognitoEmulator.builder()
                .userPool(UserPoolConfig.of(POOL).withInvitation(INVITATION))
                .mailSender(MailSender.to(mail))
                .start();
        cognito = client(emulator);
    }

    @AfterEach
    void stop() {
        cognito.close();
        emulator.close();
    }

    private static CognitoIdentityProviderClient client(CognitoEmulator emulator) {
        return CognitoIdentityProviderClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .endpointOverride(emulator.endpoint())
                .build();
    }

    private static AdminCreateUserRequest.Builder invite(String username, String email) {
        return AdminCreateUserRequest.builder()
                .userPoolId(POOL)
                .username(username)
                .userAttributes(
                        AttributeType.builder().name("email").value(email).build(),
                        AttributeType.builder()
                                .name("email_verified")
                                .value("true")
                                .build())
                .desiredDeliveryMediums(DeliveryMediumType.EMAIL);
    }

    private UserType createSilently(String username, String password) {
        return cognito.adminCreateUser(b -> b.userPoolId(POOL)
                        .username(username)
                        .temporaryPassword(password)
                        .messageAction(MessageActionType.SUPPRESS))
                .user();
    }

    private static Map<String, String> attributes(List<AttributeType> attributes) {
        return attributes.stream().collect(Collectors.toMap(AttributeType::name, AttributeType::value));
    }

    private static String passwordIn(Mail invitation) {
        Matcher m = PASSWORD.matcher(invitation.text());
        assertThat(m.find()).as("a temporary password in %s", invitation.text()).isTrue();
        return m.group(1);
    }

    @Test
    void adminCreateUserMailsTheInvitationWithTheUsernameAndTemporaryPasswordFilledIn() throws Exception {
        UserType user = cognito.adminCreateUser(invite("ana", "ana@example.com").build())
                .user();

        assertThat(user.username()).isEqualTo("ana");
        assertThat(user.userStatus()).isEqualTo(UserStatusType.FORCE_CHANGE_PASSWORD);
        assertThat(user.enabled()).isTrue();
        assertThat(user.userCreateDate()).isNotNull();
        assertThat(user.userLastModifiedDate()).isEqualTo(user.userCreateDate());
        assertThat(attributes(user.attributes()))
                .containsEntry("sub", LocalTokenIssuer.subject("ana"))
                .containsEntry("email", "ana@example.com")
                .containsEntry("email_verified", "true");

        // Mail goes through SMTP synchronously: it is in the sink when AdminCreateUser returns.
        Mail invitation = mail.messagesTo("ana@example.com").get(0);
        assertThat(invitation.from()).isEqualTo(UserPoolConfig.DEFAULT_FROM_ADDRESS);
        assertThat(invitation.subject()).isEqualTo("Your Verity worker account");
        assertThat(invitation.text()).startsWith("Hello ana,\nyou are invited to label data with Verity.\n");
        String password = passwordIn(invitation);
        assertThat(PasswordPolicy.defaults().violation(password)).isNull();
        assertThat(emulator.authenticate("ana", password).groups()).isEmpty();
    }

    @Test
    void aGivenTemporaryPasswordIsUsedAndSuppressSendsNoMail() throws Exception {
        cognito.adminCreateUser(invite("bo", "bo@example.com")
                .temporaryPassword("Temporary-Pass1")
                .messageAction(MessageActionType.SUPPRESS)
                .build());

        assertThat(mail.messagesTo("bo@example.com")).isEmpty();
        assertThat(emulator.authenticate("bo", "Temporary-Pass1").username()).isEqualTo("bo");
        assertThatThrownBy(() -> cognito.adminCreateUser(invite("bo-weak", "bo@example.com")
                        .temporaryPassword("short")
                        .build()))
                .isInstanceOf(InvalidPasswordException.class)
                .hasMessageContaining("Password not long enough");
    }

    @Test
    void withoutEmailAsADesiredMediumNoInvitationIsMailedAsCognitoDefaultsToSms() {
        cognito.adminCreateUser(b -> b.userPoolId(POOL)
                .username("cy")
                .userAttributes(AttributeType.builder()
                        .name("email")
                        .value("cy@example.com")
                        .build()));

        assertThat(mail.messagesTo("cy@example.com")).isEmpty();
        assertThatThrownBy(() -> cognito.adminCreateUser(b ->
                        b.userPoolId(POOL).username("no-address").desiredDeliveryMediums(DeliveryMediumType.EMAIL)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("No email provided");
    }

    @Test
    void resendMailsANewTemporaryPasswordAndTheOldOneStopsWorking() throws Exception {
        cognito.adminCreateUser(invite("dee", "dee@example.com").build());
        String first = passwordIn(mail.messagesTo("dee@example.com").get(0));

        cognito.adminCreateUser(invite("dee", "dee@example.com")
                .messageAction(MessageActionType.RESEND)
                .build());

        List<Mail> invitations = mail.messagesTo("dee@example.com");
        assertThat(invitations).hasSize(2);
        String second = passwordIn(invitations.get(1));
        assertThat(emulator.authenticate("dee", second).username()).isEqualTo("dee");
        assertThatThrownBy(() -> emulator.authenticate("dee", first))
                .isInstanceOf(AuthenticationException.class)
                .extracting(e -> ((AuthenticationException) e).reason())
                .isEqualTo(AuthenticationException.Reason.WRONG_PASSWORD);
        assertThatThrownBy(() -> cognito.adminCreateUser(invite("nobody", "n@example.com")
                        .messageAction(MessageActionType.RESEND)
                        .build()))
                .isInstanceOf(UserNotFoundException.class);
    }

    @Test
    void creatingAUserWhoExistsIsUsernameExists() {
        createSilently("eve", "Temporary-Pass1");

        assertThatThrownBy(() -> createSilently("eve", "Temporary-Pass2"))
                .isInstanceOf(UsernameExistsException.class)
                .hasMessageContaining("already exists");
    }

    @Test
    void usersJoinListAndLeaveGroups() {
        createSilently("fay", "Temporary-Pass1");
        cognito.createGroup(b ->
                b.userPoolId(POOL).groupName("workers").description("Labelers").precedence(5));
        cognito.createGroup(b -> b.userPoolId(POOL).groupName("requesters"));

        cognito.adminAddUserToGroup(b -> b.userPoolId(POOL).username("fay").groupName("workers"));
        cognito.adminAddUserToGroup(b -> b.userPoolId(POOL).username("fay").groupName("requesters"));
        cognito.adminAddUserToGroup(b -> b.userPoolId(POOL).username("fay").groupName("workers")); // idempotent

        assertThat(cognito.adminListGroupsForUser(b -> b.userPoolId(POOL).username("fay"))
                        .groups())
                .extracting(GroupType::groupName)
                .containsExactly("requesters", "workers");
        GroupType workers =
                cognito.getGroup(b -> b.userPoolId(POOL).groupName("workers")).group();
        assertThat(workers.description()).isEqualTo("Labelers");
        assertThat(workers.precedence()).isEqualTo(5);
        assertThat(workers.userPoolId()).isEqualTo(POOL);
        assertThat(workers.creationDate()).isNotNull();
        assertThat(cognito.listGroups(b -> b.userPoolId(POOL)).groups())
                .extracting(GroupType::groupName)
                .containsExactly("requesters", "workers");
        assertThat(cognito.listUsersInGroup(b -> b.userPoolId(POOL).groupName("workers"))
                        .users())
                .extracting(UserType::username)
                .containsExactly("fay");

        cognito.adminRemoveUserFromGroup(b -> b.userPoolId(POOL).username("fay").groupName("workers"));
        assertThat(cognito.adminListGroupsForUser(b -> b.userPoolId(POOL).username("fay"))
                        .groups())
                .extracting(GroupType::groupName)
                .containsExactly("requesters");
        cognito.deleteGroup(b -> b.userPoolId(POOL).groupName("requesters"));
        assertThat(cognito.adminListGroupsForUser(b -> b.userPoolId(POOL).username("fay"))
                        .groups())
                .isEmpty();

        assertThatThrownBy(() -> cognito.createGroup(b -> b.userPoolId(POOL).groupName("workers")))
                .isInstanceOf(GroupExistsException.class);
        assertThatThrownBy(() -> cognito.getGroup(b -> b.userPoolId(POOL).groupName("requesters")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> cognito.adminAddUserToGroup(
                        b -> b.userPoolId(POOL).username("fay").groupName("no-such-group")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> cognito.adminAddUserToGroup(
                        b -> b.userPoolId(POOL).username("nobody").groupName("workers")))
                .isInstanceOf(UserNotFoundException.class);
    }

    @Test
    void disablingAndEnablingShowsInAdminGetUserAndInSignIn() throws Exception {
        createSilently("gus", "Temporary-Pass1");

        cognito.adminDisableUser(b -> b.userPoolId(POOL).username("gus"));
        AdminGetUserResponse disabled =
                cognito.adminGetUser(b -> b.userPoolId(POOL).username("gus"));
        assertThat(disabled.enabled()).isFalse();
        assertThat(disabled.userLastModifiedDate()).isAfterOrEqualTo(disabled.userCreateDate());
        assertThatThrownBy(() -> emulator.authenticate("gus", "Temporary-Pass1"))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("gus is disabled")
                .extracting(e -> ((AuthenticationException) e).reason())
                .isEqualTo(AuthenticationException.Reason.DISABLED);

        cognito.adminEnableUser(b -> b.userPoolId(POOL).username("gus"));
        AdminGetUserResponse enabled =
                cognito.adminGetUser(b -> b.userPoolId(POOL).username("gus"));
        assertThat(enabled.enabled()).isTrue();
        assertThat(enabled.userStatus()).isEqualTo(UserStatusType.FORCE_CHANGE_PASSWORD);
        assertThat(attributes(enabled.userAttributes())).containsEntry("sub", LocalTokenIssuer.subject("gus"));
        assertThat(emulator.authenticate("gus", "Temporary-Pass1").sub()).isEqualTo(LocalTokenIssuer.subject("gus"));
    }

    @Test
    void listUsersInGroupComesInPagesOfTheGivenLimit() {
        cognito.createGroup(b -> b.userPoolId(POOL).groupName("annotators"));
        for (int i = 1; i <= 7; i++) {
            String name = "annotator-" + i;
            createSilently(name, "Temporary-Pass1");
            cognito.adminAddUserToGroup(b -> b.userPoolId(POOL).username(name).groupName("annotators"));
        }
        createSilently("outsider", "Temporary-Pass1");

        List<String> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            ListUsersInGroupResponse page = cognito.listUsersInGroup(
                    b -> b.userPoolId(POOL).groupName("annotators").limit(3).nextToken(next));
            page.users().forEach(u -> seen.add(u.username()));
            pageSizes.add(page.users().size());
            token = page.nextToken();
        } while (token != null);

        assertThat(pageSizes).containsExactly(3, 3, 1);
        assertThat(seen)
                .containsExactlyInAnyOrder(
                        "annotator-1",
                        "annotator-2",
                        "annotator-3",
                        "annotator-4",
                        "annotator-5",
                        "annotator-6",
                        "annotator-7");
        assertThat(
                        cognito
                                .listUsersInGroupPaginator(b -> b.userPoolId(POOL)
                                        .groupName("annotators")
                                        .limit(2))
                                .users()
                                .stream())
                .hasSize(7);
        assertThatThrownBy(() -> cognito.listUsersInGroup(
                        b -> b.userPoolId(POOL).groupName("annotators").limit(61)))
                .isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void listUsersFiltersByEmailAndByUsernameAndPages() {
        cognito.adminCreateUser(invite("hal", "hal@example.com")
                .messageAction(MessageActionType.SUPPRESS)
                .build());
        cognito.adminCreateUser(invite("ida", "ida@example.com")
                .messageAction(MessageActionType.SUPPRESS)
                .build());
        cognito.adminCreateUser(invite("ivy", "ivy@example.org")
                .messageAction(MessageActionType.SUPPRESS)
                .build());

        assertThat(cognito.listUsers(b -> b.userPoolId(POOL).filter("email = \"ida@example.com\""))
                        .users())
                .extracting(UserType::username)
                .containsExactly("ida");
        assertThat(cognito.listUsers(b -> b.userPoolId(POOL).filter("username = \"hal\""))
                        .users())
                .extracting(UserType::username)
                .containsExactly("hal");
        assertThat(cognito.listUsers(b -> b.userPoolId(POOL).filter("email ^= \"i\""))
                        .users())
                .extracting(UserType::username)
                .containsExactly("ida", "ivy");
        assertThat(cognito.listUsers(b -> b.userPoolId(POOL).filter("status = \"Enabled\""))
                        .users())
                .hasSize(3);
        assertThat(cognito.listUsers(b ->
                                b.userPoolId(POOL).filter("username = \"ivy\"").attributesToGet("email"))
                        .users())
                .singleElement()
                .satisfies(u -> assertThat(u.attributes())
                        .containsExactly(AttributeType.builder()
                                .name("email")
                                .value("ivy@example.org")
                                .build()));
        var first = cognito.listUsers(b -> b.userPoolId(POOL).limit(2));
        assertThat(first.users()).extracting(UserType::username).containsExactly("hal", "ida");
        assertThat(cognito.listUsers(b -> b.userPoolId(POOL).limit(2).paginationToken(first.paginationToken()))
                        .users())
                .extracting(UserType::username)
                .containsExactly("ivy");
        assertThatThrownBy(() -> cognito.listUsers(b -> b.userPoolId(POOL).filter("email == ida")))
                .isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void signInAcceptsTheTemporaryPasswordAndNamesTheGroupsByPrecedence() throws Exception {
        createSilently("jo", "Temporary-Pass1");
        cognito.createGroup(b -> b.userPoolId(POOL).groupName("a-late").precedence(10));
        cognito.createGroup(b -> b.userPoolId(POOL).groupName("z-first").precedence(1));
        cognito.createGroup(b -> b.userPoolId(POOL).groupName("m-unranked"));
        for (String group : List.of("a-late", "z-first", "m-unranked")) {
            cognito.adminAddUserToGroup(b -> b.userPoolId(POOL).username("jo").groupName(group));
        }

        SignedInUser user = emulator.authenticate("jo", "Temporary-Pass1");

        assertThat(user.groups()).containsExactly("z-first", "a-late", "m-unranked");
        assertThat(user.sub()).isEqualTo(LocalTokenIssuer.subject("jo"));
        assertThatThrownBy(() -> emulator.authenticate("jo", "Wrong-Pass1"))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("password")
                .extracting(e -> ((AuthenticationException) e).reason())
                .isEqualTo(AuthenticationException.Reason.WRONG_PASSWORD);
        assertThatThrownBy(() -> emulator.authenticate("kim", "Temporary-Pass1"))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("no user kim")
                .extracting(e -> ((AuthenticationException) e).reason())
                .isEqualTo(AuthenticationException.Reason.UNKNOWN_USER);
    }

    @Test
    void unknownUsersAndPoolsAreNotFound() {
        assertThatThrownBy(() -> cognito.adminGetUser(b -> b.userPoolId(POOL).username("nobody")))
                .isInstanceOf(UserNotFoundException.class)
                .hasMessageContaining("User does not exist.");
        assertThatThrownBy(() -> cognito.adminDeleteUser(b -> b.userPoolId(POOL).username("nobody")))
                .isInstanceOf(UserNotFoundException.class);
        assertThatThrownBy(() -> cognito.listUsers(b -> b.userPoolId("us-east-1_other")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("us-east-1_other");

        createSilently("leo", "Temporary-Pass1");
        cognito.adminDeleteUser(b -> b.userPoolId(POOL).username("leo"));
        assertThatThrownBy(() -> cognito.adminGetUser(b -> b.userPoolId(POOL).username("leo")))
                .isInstanceOf(UserNotFoundException.class);
    }

    @Test
    void inAPoolWhoseUsersSignInWithEmailTheUsernameIsTheSub() throws Exception {
        try (CognitoEmulator byEmail = CognitoEmulator.builder()
                        .userPool(UserPoolConfig.of("us-east-1_byemail").withSignInWithEmail(true))
                        .mailSender(MailSender.to(mail))
                        .start();
                CognitoIdentityProviderClient client = client(byEmail)) {
            UserType user = client.adminCreateUser(b -> b.userPoolId("us-east-1_byemail")
                            .username("max@example.com")
                            .desiredDeliveryMediums(DeliveryMediumType.EMAIL))
                    .user();

            String sub = LocalTokenIssuer.subject("max@example.com");
            assertThat(user.username()).isEqualTo(sub);
            assertThat(attributes(user.attributes()))
                    .containsEntry("sub", sub)
                    .containsEntry("email", "max@example.com");
            assertThat(client.adminGetUser(
                                    b -> b.userPoolId("us-east-1_byemail").username("max@example.com"))
                            .username())
                    .isEqualTo(sub);
            Mail invitation = mail.messagesTo("max@example.com").get(0);
            assertThat(invitation.text()).contains("Your username is max@example.com and temporary password is");
            String password = invitation.text().replaceAll("(?s).*temporary password is (\\S+)\\.$", "$1");
            assertThat(byEmail.authenticate("max@example.com", password).username())
                    .isEqualTo(sub);
            assertThatThrownBy(() -> client.adminCreateUser(
                            b -> b.userPoolId("us-east-1_byemail").username("not-an-email")))
                    .isInstanceOf(InvalidParameterException.class)
                    .hasMessageContaining("Username should be an email");
            assertThatThrownBy(() -> client.adminCreateUser(b -> b.userPoolId("us-east-1_byemail")
                            .username("max@example.com")
                            .messageAction(MessageActionType.SUPPRESS)))
                    .isInstanceOf(UsernameExistsException.class);
        }
    }

    @Test
    void usersGroupsAndPasswordsSurviveARestartWithADataDirectory(@TempDir Path dir) throws Exception {
        try (CognitoEmulator first = CognitoEmulator.builder()
                        .userPool(UserPoolConfig.of(POOL))
                        .dataDirectory(dir)
                        .start();
                CognitoIdentityProviderClient client = client(first)) {
            client.adminCreateUser(b -> b.userPoolId(POOL)
                    .username("nia")
                    .temporaryPassword("Temporary-Pass1")
                    .messageAction(MessageActionType.SUPPRESS)
                    .userAttributes(AttributeType.builder()
                            .name("email")
                            .value("nia@example.com")
                            .build()));
            client.createGroup(b -> b.userPoolId(POOL).groupName("workers").precedence(3));
            client.adminAddUserToGroup(b -> b.userPoolId(POOL).username("nia").groupName("workers"));
            client.adminDisableUser(b -> b.userPoolId(POOL).username("nia"));
        }
        assertThat(dir.resolve(POOL + ".json")).content().doesNotContain("Temporary-Pass1");

        try (CognitoEmulator second = CognitoEmulator.builder()
                        .userPool(UserPoolConfig.of(POOL))
                        .dataDirectory(dir)
                        .start();
                CognitoIdentityProviderClient client = client(second)) {
            AdminGetUserResponse user =
                    client.adminGetUser(b -> b.userPoolId(POOL).username("nia"));
            assertThat(user.enabled()).isFalse();
            assertThat(attributes(user.userAttributes())).containsEntry("email", "nia@example.com");
            assertThat(client.getGroup(b -> b.userPoolId(POOL).groupName("workers"))
                            .group()
                            .precedence())
                    .isEqualTo(3);
            client.adminEnableUser(b -> b.userPoolId(POOL).username("nia"));
            assertThat(second.authenticate("nia", "Temporary-Pass1").groups()).containsExactly("workers");
        }
    }
}
