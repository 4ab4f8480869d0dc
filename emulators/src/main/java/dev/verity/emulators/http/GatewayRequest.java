package dev.verity.emulators.http;

import java.util.List;
import java.util.Map;

/**
 * An HTTP request as the gateway received it, independent of the HTTP server.
 *
 * @param rawPath  the path, still percent-encoded
 * @param rawQuery the query string without {@code ?}, still encoded ({@code ""} when absent)
 * @param headers  lower-case names, in arrival order, each with all its values
 * @param body     the body bytes (empty when none)
 * @param protocol e.g. {@code HTTP/1.1}
 * @param host     the {@code Host} header (the gateway's address when the client sent none)
 */
record GatewayRequest(
        String method,
        String rawPath,
        String rawQuery,
        Map<String, List<String>> headers,
        byte[] body,
        String protocol,
        String sourceIp,
        String host,
        int port) {

    /** The header's first value, or null. */
    String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
