package dev.verity.emulators.mail;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reads a {@link Mail} out of a parsed MIME message. */
final class MimeMail {
    private MimeMail() {}

    /** {@code envelopeTo} empty: the To and Cc headers stand in for the envelope recipients. */
    static Mail toMail(String id, Instant received, String envelopeFrom, List<String> envelopeTo, MimeMessage message) {
        try {
            List<String> to = envelopeTo.isEmpty() ? headerRecipients(message) : envelopeTo;
            String subject = message.getSubject();
            return new Mail(
                    id, from(message, envelopeFrom), to, subject == null ? "" : subject, body(message), received);
        } catch (MessagingException | IOException e) {
            throw new IllegalArgumentException("mail " + id + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static String from(MimeMessage message, String envelopeFrom) throws MessagingException {
        Address[] from = message.getFrom();
        if (from != null && from.length > 0) {
            return from[0] instanceof InternetAddress address ? address.getAddress() : from[0].toString();
        }
        return envelopeFrom == null ? "" : envelopeFrom;
    }

    private static List<String> headerRecipients(MimeMessage message) throws MessagingException {
        List<String> to = new ArrayList<>();
        for (Message.RecipientType type : List.of(Message.RecipientType.TO, Message.RecipientType.CC)) {
            Address[] addresses = message.getRecipients(type);
            if (addresses != null) {
                for (Address address : addresses) {
                    to.add(address instanceof InternetAddress a ? a.getAddress() : address.toString());
                }
            }
        }
        return to;
    }

    private static String body(Part message) throws MessagingException, IOException {
        String plain = find(message, "text/plain");
        String text = plain != null ? plain : find(message, "text/html");
        return text == null ? "" : text.replace("\r\n", "\n");
    }

    /** The first part of {@code type} in a depth-first walk, decoded. */
    private static String find(Part part, String type) throws MessagingException, IOException {
        if (part.isMimeType(type)) {
            Object content = part.getContent();
            if (content instanceof String text) {
                return text;
            }
            if (content instanceof InputStream in) {
                try (in) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
            return null;
        }
        if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                String found = find(multipart.getBodyPart(i), type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
