package dev.verity.emulators.mail;

import dev.verity.emulators.support.OwnerOnlyFiles;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The mails of a {@link MailSink} as files, one {@code <id>.eml} each (RFC 5322, as received, so any mail program
 * opens them), with a {@code Delivered-To} header per SMTP envelope recipient added on top, as a mail server adds
 * when it delivers. Files are readable by their owner only: invitation mails carry temporary passwords. Each is
 * written to a temporary file first and then renamed, so a file is whole or absent.
 */
final class MailFolder {
    static final Pattern FILE_NAME = Pattern.compile("(\\d{13})-(\\d{6})\\.eml");
    private static final String DELIVERED_TO = "Delivered-To";
    private static final Session SESSION = Session.getInstance(new Properties());

    private final Path directory;

    MailFolder(Path directory) {
        this.directory = directory;
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the mail directory " + directory, e);
        }
    }

    Path directory() {
        return directory;
    }

    void save(String id, List<String> envelopeTo, MimeMessage message) {
        Path file = directory.resolve(id + ".eml");
        try {
            Path temp = Files.createTempFile(directory, id, ".tmp");
            try {
                OwnerOnlyFiles.restrictToOwner(temp);
                try (OutputStream out = Files.newOutputStream(temp)) {
                    for (String recipient : envelopeTo) {
                        out.write((DELIVERED_TO + ": " + recipient + "\r\n").getBytes(StandardCharsets.UTF_8));
                    }
                    message.writeTo(out);
                }
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException("cannot keep mail " + id + " in " + file + ": " + e.getMessage(), e);
        }
    }

    /** Every {@code <id>.eml} here, oldest first; other files (such as an interrupted write's) are left alone. */
    List<Mail> load() {
        List<Mail> mails = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.sorted().toList()) {
                Matcher name = FILE_NAME.matcher(file.getFileName().toString());
                if (name.matches()) {
                    mails.add(read(file, name));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the mail directory " + directory, e);
        }
        return mails;
    }

    private static Mail read(Path file, Matcher name) throws IOException {
        String id = name.group(1) + "-" + name.group(2);
        Instant received = Instant.ofEpochMilli(Long.parseLong(name.group(1)));
        try (InputStream in = Files.newInputStream(file)) {
            MimeMessage message = new MimeMessage(SESSION, in);
            String[] delivered = message.getHeader(DELIVERED_TO);
            List<String> to = delivered == null
                    ? List.of()
                    : Arrays.stream(delivered).map(String::strip).toList();
            String[] returnPath = message.getHeader("Return-Path");
            String envelopeFrom = returnPath == null ? null : returnPath[0].replaceAll("[<>\\s]", "");
            return MimeMail.toMail(id, received, envelopeFrom, to, message);
        } catch (MessagingException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot read the mail file " + file + ": " + e.getMessage(), e);
        }
    }
}
