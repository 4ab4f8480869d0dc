package dev.verity.emulators.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** An HTTP response the gateway sends: status, headers (lower-case names; CORS adds to them) and body. */
record GatewayResponse(int status, Map<String, List<String>> headers, byte[] body) {
    static final String JSON_TYPE = "application/json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The gateway's own answers, API Gateway style: {@code {"message": "..."}}. */
    static GatewayResponse message(int status, String message) {
        return json(status, JSON.createObjectNode().put("message", message).toString());
    }

    static GatewayResponse json(int status, String json) {
        return of(status, JSON_TYPE, json.getBytes(StandardCharsets.UTF_8));
    }

    static GatewayResponse of(int status, String contentType, byte[] body) {
        return new GatewayResponse(status, new LinkedHashMap<>(), body).add("content-type", contentType);
    }

    GatewayResponse add(String name, String value) {
        headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>())
                .add(value);
        return this;
    }

    GatewayResponse set(String name, String value) {
        headers.put(name.toLowerCase(Locale.ROOT), new ArrayList<>(List.of(value)));
        return this;
    }
}
