package dev.verity.emulators.mail;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One mail the {@link MailSink} received.
 *
 * @param id       unique in the sink, and in the order mails arrived ({@code <epoch millis>-<sequence>}, zero-padded)
 * @param from     the sender's address (without a display name), or the SMTP envelope sender when there is no From
 * @param to       the SMTP envelope recipients ({@code RCPT TO}), so Bcc recipients are here too
 * @param subject  the decoded Subject, or "" when there is none
 * @param text     the plain-text body with {@code \n} line ends (a text/html body as is when there is no plain one)
 * @param received when the sink accepted it
 */
public record Mail(String id, String from, List<String> to, String subject, String text, Instant received) {
    public Mail {
        Objects.requireNonNull(id);
        Objects.requireNonNull(from);
        to = List.copyOf(to);
        Objects.requireNonNull(subject);
        Objects.requireNonNull(text);
        Objects.requireNonNull(received);
    }
}
