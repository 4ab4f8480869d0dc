package dev.verity.emulators.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SMTP mail sink, written to with MailSender over real SMTP. */
class MailSinkIT {

    @Test
    void keepsEachMailOnceWithItsEnvelopeRecipientsSubjectAndPlainText() {
        try (MailSink sink = MailSink.start()) {
            MailSender sender = MailSender.to(sink);
            sender.send(
                    "no-reply@verity.local",
                    "Verity Notifications",
                    List.of("ana@example.com", "bo@example.com"),
                    "Über eine neue Aufgabe",
                    "Hallo Ana,\nes gibt Arbeit: 3 Bilder.\n\n— Verity");
            sender.send("no-reply@verity.local", List.of("bo@example.com"), "second", "two");

            List<Mail> mails = sink.messages();
            assertThat(mails).hasSize(2);
            Mail first = mails.get(0);
            assertThat(first.from()).isEqualTo("no-reply@verity.local");
            assertThat(first.to()).containsExactly("ana@example.com", "bo@example.com");
            assertThat(first.subject()).isEqualTo("Über eine neue Aufgabe");
            assertThat(first.text()).isEqualTo("Hallo Ana,\nes gibt Arbeit: 3 Bilder.\n\n— Verity");
            assertThat(mails.get(1).subject()).isEqualTo("second");
            assertThat(mails.get(1).id()).isGreaterThan(first.id());
            assertThat(mails.get(1).received()).isAfterOrEqualTo(first.received());
            assertThat(sink.messagesTo("ANA@example.com")).containsExactly(first);
            assertThat(sink.smtpHost()).isEqualTo("127.0.0.1");
        }
    }

    @Test
    void aRestartedSinkWithTheSameDirectoryStillHasItsMailsAsEmlFiles(@TempDir Path dir) throws Exception {
        Path mailDir = dir.resolve("mail");
        List<Mail> before;
        try (MailSink sink = MailSink.start(mailDir)) {
            MailSender sender = MailSender.to(sink);
            sender.send("a@example.com", List.of("x@example.com"), "one", "first body");
            sender.send("b@example.com", List.of("y@example.com", "z@example.com"), "two", "second body");
            before = sink.messages();
        }
        try (Stream<Path> files = Files.list(mailDir)) {
            List<Path> eml = files.toList();
            assertThat(eml)
                    .hasSize(2)
                    .allSatisfy(
                            file -> assertThat(file.getFileName().toString()).endsWith(".eml"));
            if (Files.getFileStore(mailDir).supportsFileAttributeView("posix")) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(eml.get(0))))
                        .isEqualTo("rw-------");
            }
        }

        try (MailSink restarted = MailSink.start(mailDir)) {
            assertThat(restarted.messages()).isEqualTo(before);
            MailSender.to(restarted).send("c@example.com", List.of("x@example.com"), "three", "third body");
            List<Mail> after = restarted.messages();
            assertThat(after).hasSize(3);
            assertThat(after.get(2).subject()).isEqualTo("three");
            assertThat(after.get(2).id()).isGreaterThan(after.get(1).id());
        }
    }

    @Test
    void sendingToAClosedSinkFailsWithTheReason() {
        MailSink sink = MailSink.start();
        MailSender sender = MailSender.to(sink);
        sink.close();

        assertThatThrownBy(() -> sender.send("a@example.com", List.of("b@example.com"), "s", "t"))
                .isInstanceOf(MailSender.MailException.class)
                .hasMessageContaining("smtp://127.0.0.1:" + sink.smtpPort());
    }
}
