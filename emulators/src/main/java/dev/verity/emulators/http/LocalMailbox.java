package dev.verity.emulators.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.emulators.mail.Mail;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code GET /local-mail/messages}: the local runtime's mailbox, every mail its mail sink received, oldest first, as
 * {@code {"Messages": [{"Id", "From", "To", "Subject", "Body", "Received"}]}} ({@code Received} in epoch seconds).
 * Invitations carry temporary passwords, so only callers with the run's {@link SignInSecret} may read it, like the
 * local sign-in. Local only: in AWS mail goes to the real addresses.
 */
final class LocalMailbox {
    static final String PATH = "/local-mail/messages";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SignInSecret secret;
    private final Supplier<List<Mail>> mails;

    LocalMailbox(SignInSecret secret, Supplier<List<Mail>> mails) {
        this.secret = secret;
        this.mails = mails;
    }

    GatewayResponse messages(GatewayRequest http) {
        String presented = http.header(SignInSecret.HEADER);
        if (presented == null || !secret.matches(presented)) {
            return GatewayResponse.message(
                    presented == null ? 401 : 403,
                    "the mailbox needs this run's sign-in secret in the " + SignInSecret.HEADER + " header (it is in "
                            + secret.file() + "; the runtime's web UI sends it for you)");
        }
        ObjectNode out = JSON.createObjectNode();
        ArrayNode list = out.putArray("Messages");
        for (Mail mail : mails.get()) {
            ObjectNode item = list.addObject()
                    .put("Id", mail.id())
                    .put("From", mail.from())
                    .put("Subject", mail.subject())
                    .put("Body", mail.text())
                    .put(
                            "Received",
                            BigDecimal.valueOf(mail.received().toEpochMilli()).movePointLeft(3));
            mail.to().forEach(item.putArray("To")::add);
        }
        return GatewayResponse.json(200, out.toString()).set("cache-control", "no-store");
    }
}
