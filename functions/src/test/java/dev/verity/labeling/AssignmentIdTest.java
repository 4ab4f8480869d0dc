package dev.verity.labeling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.job.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class AssignmentIdTest {

    @Test
    void anEncodedIdDecodesToItsParts() {
        AssignmentId id = new AssignmentId("pets", "123456789012345678", "worker-1");
        assertThat(AssignmentId.decode(id.encode())).isEqualTo(id);
    }

    @Test
    void anObjectIdTooLongForALongIsRefusedAsABadAssignmentIdNotAServerError() {
        String id = encode("pets\n12345678901234567890\nworker-1");
        assertThatThrownBy(() -> AssignmentId.decode(id))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("assignmentId")
                .hasMessageContaining("is not an assignment id this API gave out");
    }

    @Test
    void idsThatAreNotBase64OrLackAPartAreRefusedNamingTheField() {
        for (String id : new String[] {
            "not base64!", encode("pets\n1"), encode("\n1\nworker"), encode("pets\nx\nw"), "x".repeat(10_000)
        }) {
            assertThatThrownBy(() -> AssignmentId.decode(id))
                    .as(id.substring(0, Math.min(20, id.length())))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("assignmentId");
        }
    }

    private static String encode(String raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }
}
