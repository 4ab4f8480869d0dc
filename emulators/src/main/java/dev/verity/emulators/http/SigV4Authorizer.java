package dev.verity.emulators.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * API Gateway's IAM authorization, locally: a route's caller must sign with Signature Version 4 (header form) using
 * the runtime's own key pair. The request is signed again with the secret key, the date, credential scope and signed
 * headers the caller named, and the signatures are compared in constant time. Any service name and region in the
 * scope are accepted (the SDKs sign for {@code sagemaker} when only the endpoint is changed), as long as the scope's
 * date is the request's. A request more than 15 minutes off the clock is refused, as AWS refuses it.
 *
 * <p>Refusals are 403s in the JSON protocols' error shape ({@code __type}, {@code message}, and
 * {@code x-amzn-ErrorType}), so the SDKs raise their usual exceptions.
 */
final class SigV4Authorizer {
    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final Duration SKEW = Duration.ofMinutes(15);
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern AUTHORIZATION = Pattern.compile(ALGORITHM
            + "\\s+Credential=([^/,\\s]+)/(\\d{8})/([^/,\\s]+)/([^/,\\s]+)/aws4_request\\s*,\\s*"
            + "SignedHeaders=([a-z0-9;._-]+)\\s*,\\s*Signature=([0-9a-f]{64})\\s*");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The key pair callers must sign with. */
    record Credentials(String accessKeyId, String secretAccessKey) {}

    /** A refused request: its 403 response. */
    static final class Refused extends RuntimeException {
        private final transient GatewayResponse response;

        Refused(String type, String message) {
            super(message, null, false, false);
            this.response = GatewayResponse.of(
                            403,
                            "application/x-amz-json-1.1",
                            JSON.createObjectNode()
                                    .put("__type", type)
                                    .put("message", message)
                                    .toString()
                                    .getBytes(StandardCharsets.UTF_8))
                    .set("x-amzn-errortype", type);
        }

        GatewayResponse response() {
            return response;
        }
    }

    private final Credentials credentials;
    private final Supplier<Instant> clock;

    SigV4Authorizer(Credentials credentials, Supplier<Instant> clock) {
        this.credentials = credentials;
        this.clock = clock;
    }

    /**
     * The authorizer's {@code iam} node for the event ({@code accessKey}, {@code accountId}, {@code userArn}, ...).
     *
     * @throws Refused when the request is not signed with the runtime's key pair
     */
    ObjectNode authorize(GatewayRequest request, String accountId) {
        String authorization = request.header("authorization");
        if (authorization == null || authorization.isBlank()) {
            throw new Refused(
                    "MissingAuthenticationTokenException",
                    "Missing Authentication Token: sign the request with Signature Version 4 (the SDKs and the AWS"
                            + " CLI do) using this runtime's access key");
        }
        Matcher m = AUTHORIZATION.matcher(authorization);
        if (!m.matches()) {
            throw new Refused(
                    "IncompleteSignatureException",
                    "the Authorization header is not a Signature Version 4 header (" + ALGORITHM
                            + " Credential=<key>/<date>/<region>/<service>/aws4_request, SignedHeaders=..., Signature=...)");
        }
        String accessKey = m.group(1);
        String date = m.group(2);
        String region = m.group(3);
        String service = m.group(4);
        List<String> signedHeaders = List.of(m.group(5).split(";"));
        String signature = m.group(6);
        if (!accessKey.equals(credentials.accessKeyId())) {
            throw new Refused(
                    "UnrecognizedClientException",
                    "The security token included in the request is invalid: access key " + accessKey
                            + " is not this runtime's (sign with the access key id and secret verity up uses)");
        }
        for (String required : List.of("host", "x-amz-date")) {
            if (!signedHeaders.contains(required)) {
                throw new Refused("IncompleteSignatureException", "the signed headers must include " + required);
            }
        }
        String amzDate = request.header("x-amz-date");
        Instant time;
        try {
            time = Instant.from(AMZ_DATE.parse(amzDate == null ? "" : amzDate));
        } catch (DateTimeParseException e) {
            throw new Refused("IncompleteSignatureException", "X-Amz-Date must be a time like 20260101T000000Z");
        }
        if (!amzDate.startsWith(date)) {
            throw new Refused(
                    "InvalidSignatureException", "the credential scope's date " + date + " is not X-Amz-Date's");
        }
        Instant now = clock.get();
        if (time.isBefore(now.minus(SKEW)) || time.isAfter(now.plus(SKEW))) {
            throw new Refused(
                    "InvalidSignatureException",
                    "Signature expired: " + amzDate + " is more than 15 minutes from the server's time "
                            + AMZ_DATE.format(now));
        }
        String scope = date + "/" + region + "/" + service + "/aws4_request";
        String canonical = canonicalRequest(request, signedHeaders);
        String stringToSign = ALGORITHM + "\n" + amzDate + "\n" + scope + "\n" + hex(sha256(canonical));
        byte[] key = hmac(("AWS4" + credentials.secretAccessKey()).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, region);
        key = hmac(key, service);
        key = hmac(key, "aws4_request");
        byte[] expected = hmac(key, stringToSign);
        if (!MessageDigest.isEqual(expected, HexFormat.of().parseHex(signature))) {
            throw new Refused(
                    "InvalidSignatureException",
                    "The request signature we calculated does not match the signature you provided. Check your AWS"
                            + " Secret Access Key and signing method.");
        }
        return JSON.createObjectNode()
                .put("accessKey", accessKey)
                .put("accountId", accountId)
                .put("callerId", accessKey)
                .putNull("cognitoIdentity")
                .putNull("principalOrgId")
                .put("userArn", "arn:aws:iam::" + accountId + ":root")
                .put("userId", accountId);
    }

    private static String canonicalRequest(GatewayRequest request, List<String> signedHeaders) {
        StringBuilder out = new StringBuilder();
        out.append(request.method()).append('\n');
        out.append(canonicalPath(request.rawPath())).append('\n');
        out.append(canonicalQuery(request.rawQuery())).append('\n');
        for (String name : signedHeaders) {
            List<String> values = request.headers().get(name);
            if (values == null) {
                throw new Refused("IncompleteSignatureException", "the signed header " + name + " is missing");
            }
            List<String> trimmed = new ArrayList<>();
            values.forEach(v -> trimmed.add(v.trim().replaceAll("\\s+", " ")));
            out.append(name).append(':').append(String.join(",", trimmed)).append('\n');
        }
        out.append('\n').append(String.join(";", signedHeaders)).append('\n');
        // always the body's own hash: a claimed one (x-amz-content-sha256) must be the same, or anyone could swap it
        String payloadHash = hex(sha256(request.body()));
        String claimed = request.header("x-amz-content-sha256");
        if (claimed != null && !claimed.equalsIgnoreCase(payloadHash)) {
            throw new Refused(
                    "InvalidSignatureException",
                    "X-Amz-Content-SHA256 is not the SHA-256 of the body (an unsigned payload is not accepted)");
        }
        return out.append(payloadHash).toString();
    }

    /** Every service but S3 encodes the (already encoded) path segments once more. */
    private static String canonicalPath(String rawPath) {
        if (rawPath.isEmpty()) {
            return "/";
        }
        StringBuilder out = new StringBuilder();
        for (String segment : rawPath.split("/", -1)) {
            if (out.length() > 0 || !segment.isEmpty()) {
                out.append('/');
            }
            out.append(encode(segment));
        }
        String path = out.toString();
        return path.startsWith("/") ? path : "/" + path;
    }

    private static String canonicalQuery(String rawQuery) {
        if (rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> pairs = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            pairs.add(new String[] {
                encode(URLDecoder.decode(name, StandardCharsets.UTF_8)),
                encode(URLDecoder.decode(value, StandardCharsets.UTF_8))
            });
        }
        pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        List<String> joined = new ArrayList<>();
        pairs.forEach(p -> joined.add(p[0] + "=" + p[1]));
        return String.join("&", joined);
    }

    /** RFC 3986 encoding: everything but unreserved characters. */
    static String encode(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "-_.~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    private static byte[] sha256(String s) {
        return sha256(s.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
