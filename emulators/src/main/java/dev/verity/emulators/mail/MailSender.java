package dev.verity.emulators.mail;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Properties;

/**
 * Sends plain-text UTF-8 mail over SMTP (Jakarta Mail), without authentication or TLS: how the SNS and Cognito
 * emulators hand their e-mails to the {@link MailSink}. One connection per mail; safe for concurrent use.
 */
public final class MailSender {
    private static final String TIMEOUT_MILLIS = "30000";

    private final Session session;
    private final String host;
    private final int port;

    public MailSender(String host, int port) {
        this.host = host;
        this.port = port;
        Properties properties = new Properties();
        properties.setProperty("mail.smtp.host", host);
        properties.setProperty("mail.smtp.port", String.valueOf(port));
        properties.setProperty("mail.smtp.connectiontimeout", TIMEOUT_MILLIS);
        properties.setProperty("mail.smtp.timeout", TIMEOUT_MILLIS);
        // Jakarta Mail would otherwise look up this machine's DNS name for HELO and Message-ID, which can be slow.
        properties.setProperty("mail.smtp.localhost", "localhost");
        properties.setProperty("mail.host", "localhost");
        properties.setProperty("mail.user", "verity-emulators");
        this.session = Session.getInstance(properties);
    }

    /** A sender to {@code sink}'s SMTP port. */
    public static MailSender to(MailSink sink) {
        return new MailSender(sink.smtpHost(), sink.smtpPort());
    }

    /** Sends from a bare address. */
    public void send(String from, List<String> to, String subject, String text) {
        send(from, null, to, subject, text);
    }

    /**
     * Sends one mail to every address of {@code to}.
     *
     * @param fromName the sender's display name (may be null or non-ASCII)
     * @throws MailException when an address is malformed or the SMTP server refuses or cannot be reached
     */
    public void send(String from, String fromName, List<String> to, String subject, String text) {
        if (to.isEmpty()) {
            throw new MailException("a mail needs at least one recipient");
        }
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(
                    fromName == null || fromName.isBlank()
                            ? new InternetAddress(from, true)
                            : new InternetAddress(from, fromName, StandardCharsets.UTF_8.name()));
            for (String recipient : to) {
                message.addRecipient(Message.RecipientType.TO, new InternetAddress(recipient, true));
            }
            message.setSubject(subject, StandardCharsets.UTF_8.name());
            message.setText(text, StandardCharsets.UTF_8.name());
            message.setSentDate(new Date());
            Transport.send(message);
        } catch (AddressException e) {
            throw new MailException("not a mail address: " + e.getRef() + " (" + e.getMessage() + ")", e);
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new MailException(
                    "cannot send mail to " + to + " through smtp://" + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    /** A mail that could not be sent. */
    public static final class MailException extends RuntimeException {
        MailException(String message) {
            super(message);
        }

        MailException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
