package dev.verity.crowd;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which of Mechanical Turk's errors are refusals (recorded as such) and which are worth a retry (fail the step). */
class CrowdMarketplaceExceptionTest {

    private static CrowdMarketplaceException error(int status, String type) {
        return new CrowdMarketplaceException("ApproveAssignment", status, type, null, "message");
    }

    @Test
    void aRequestErrorIsARefusal() {
        assertThat(error(400, "RequestError").isRequestError()).isTrue();
        assertThat(error(403, "AccessDeniedException").isRequestError()).isTrue();
    }

    @Test
    void aServiceFaultOrThrottlingIsWorthARetry() {
        assertThat(error(500, "ServiceFault").isRequestError()).isFalse();
        assertThat(error(400, "ThrottlingException").isRequestError()).isFalse();
        assertThat(error(429, "HTTP429").isRequestError()).isFalse();
    }

    @Test
    void theMessageNamesTheOperationTheStatusAndTheErrorCode() {
        var e = new CrowdMarketplaceException(
                "CreateHIT", 400, "RequestError", "AWS.MechanicalTurk.HitAlreadyExists", "There is already a HIT");

        assertThat(e.getMessage())
                .isEqualTo("CreateHIT failed (HTTP 400, RequestError AWS.MechanicalTurk.HitAlreadyExists): There is"
                        + " already a HIT");
        assertThat(e.serviceMessage()).isEqualTo("There is already a HIT");
    }
}
