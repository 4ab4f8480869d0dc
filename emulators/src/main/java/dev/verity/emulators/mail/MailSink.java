package dev.verity.emulators.mail;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.mail.MovingMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Matcher;

/**
 * A real SMTP server in the JVM (GreenMail's, SMTP only) on 127.0.0.1, a free port chosen at start, that accepts
 * mail for any address without authentication and keeps it: the local runtime's stand-in for everybody's inbox. The
 * SNS and Cognito emulators send their e-mails here through {@link MailSender}, so they go through the same MIME
 * encoding and SMTP dialogue as mail anywhere; a mail program pointed at {@link #smtpPort()} can send here too.
 *
 * <p>A mail counts as received when the server answers the end of its DATA with 250, and {@link #messages()} has
 * it by then: a sender that returned without an error can look for it at once. With a directory, mails are also kept
 * there as {@code <id>.eml} files ({@link MailFolder}) and loaded back at start, so a restarted runtime keeps its
 * mailbox; a mail that cannot be written is refused (SMTP 451) rather than kept in memory only.
 */
public final class MailSink implements AutoCloseable {
    /** Where the SMTP server listens. */
    public static final String HOST = "127.0.0.1";

    private static final long STARTUP_TIMEOUT_MILLIS = 30_000;

    private final GreenMail server;
    private final MailFolder folder;
    private final Clock clock;
    private final int port;
    private final List<Mail> mails = new ArrayList<>();
    private long lastMillis;
    private int sequence;

    private MailSink(MailFolder folder, Clock clock) {
        this.folder = folder;
        this.clock = clock;
        if (folder != null) {
            for (Mail mail : folder.load()) {
                mails.add(mail);
                Matcher id = MailFolder.FILE_NAME.matcher(mail.id() + ".eml");
                if (id.matches()) {
                    lastMillis = Long.parseLong(id.group(1));
                    sequence = Integer.parseInt(id.group(2));
                }
            }
        }
        ServerSetup smtp = new ServerSetup(0, HOST, ServerSetup.PROTOCOL_SMTP);
        smtp.setServerStartupTimeout(STARTUP_TIMEOUT_MILLIS);
        server = new GreenMail(smtp)
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        server.getUserManager().setMessageDeliveryHandler(this::deliver);
        server.start();
        port = server.getSmtp().getPort();
    }

    /** A sink that keeps mail in memory only. */
    public static MailSink start() {
        return start(null);
    }

    /** A sink that keeps mail as {@code .eml} files in {@code directory} (created if missing; null: memory only). */
    public static MailSink start(Path directory) {
        return new MailSink(directory == null ? null : new MailFolder(directory), Clock.systemUTC());
    }

    /** {@value #HOST} */
    public String smtpHost() {
        return HOST;
    }

    public int smtpPort() {
        return port;
    }

    /** Every mail received (and, with a directory, every one kept there before), oldest first. */
    public synchronized List<Mail> messages() {
        return List.copyOf(mails);
    }

    /** The mails one address received, oldest first. */
    public List<Mail> messagesTo(String address) {
        return messages().stream()
                .filter(mail -> mail.to().stream().anyMatch(address::equalsIgnoreCase))
                .toList();
    }

    @Override
    public void close() {
        server.stop();
    }

    /**
     * GreenMail calls this once per envelope recipient of each mail, one mail after another; the mail is kept at its
     * first recipient, and nothing goes into GreenMail's own (unused) mailboxes.
     */
    private GreenMailUser deliver(MovingMessage message, MailAddress recipient) {
        Iterator<MailAddress> recipients = message.getToAddresses().iterator();
        if (recipients.hasNext() && recipients.next().equals(recipient)) {
            receive(message);
        }
        return DiscardingUser.INSTANCE;
    }

    private synchronized void receive(MovingMessage message) {
        Instant now = clock.instant();
        long millis = Math.max(now.toEpochMilli(), lastMillis);
        sequence = millis == lastMillis ? sequence + 1 : 0;
        lastMillis = millis;
        String id = String.format("%013d-%06d", millis, sequence);
        List<String> to =
                message.getToAddresses().stream().map(MailAddress::getEmail).toList();
        String envelopeFrom =
                message.getReturnPath() == null ? null : message.getReturnPath().getEmail();
        MimeMessage mime = message.getMessage();
        Mail mail = MimeMail.toMail(id, Instant.ofEpochMilli(millis), envelopeFrom, to, mime);
        if (folder != null) {
            folder.save(id, to, mime);
        }
        mails.add(mail);
    }

    /** Where GreenMail would deliver: nowhere, the sink has kept the mail already. */
    private static final class DiscardingUser implements GreenMailUser {
        static final DiscardingUser INSTANCE = new DiscardingUser();

        @Override
        public String getEmail() {
            return "sink@localhost";
        }

        @Override
        public String getLogin() {
            return "sink";
        }

        @Override
        public void deliver(MovingMessage msg) {}

        @Override
        public void deliver(MimeMessage msg) {}

        @Override
        public void create() {}

        @Override
        public void delete() {}

        @Override
        public String getPassword() {
            return null;
        }

        @Override
        public void setPassword(String password) {}

        @Override
        public void authenticate(String password) {}

        @Override
        public String getQualifiedMailboxName() {
            return "sink";
        }
    }
}
