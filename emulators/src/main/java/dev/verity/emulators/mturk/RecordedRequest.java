package dev.verity.emulators.mturk;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One requester API call the stand-in received.
 *
 * @param operation     the {@code X-Amz-Target}'s operation, e.g. {@code CreateHIT}
 * @param body          the JSON body as sent
 * @param authorization the {@code Authorization} header, or null
 * @param contentType   the {@code Content-Type} header, or null
 */
public record RecordedRequest(String operation, JsonNode body, String authorization, String contentType) {

    /**
     * Signed with SigV4 for Mechanical Turk: {@code AWS4-HMAC-SHA256 Credential=<key>/<date>/us-east-1/mturk-requester/
     * aws4_request, SignedHeaders=…, Signature=…}. The signature itself is not checked: the stand-in has no secret.
     */
    public boolean signedForMechanicalTurk() {
        return authorization != null
                && authorization.startsWith("AWS4-HMAC-SHA256 ")
                && authorization.contains("/us-east-1/mturk-requester/aws4_request")
                && authorization.contains("SignedHeaders=")
                && authorization.contains("Signature=");
    }
}
