package dev.verity.emulators.http;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The API's CORS configuration, applied as API Gateway applies it: the gateway answers every {@code OPTIONS}
 * request itself (a preflight never reaches a function or the authorizer), and adds
 * {@code access-control-allow-origin} to every response for an allowed {@code Origin}. Requests without an
 * allowed origin get no CORS headers.
 *
 * @param allowOrigins exact origins ({@code http://localhost:5173}), or {@code *} for any
 */
public record Cors(List<String> allowOrigins, List<String> allowMethods, List<String> allowHeaders, Duration maxAge) {

  /** The deployed API's settings, with any origin allowed. */
  public static Cors defaults() {
    return allowing(List.of("*"));
  }

  /** The deployed API's methods, headers and max age, for these origins. */
  public static Cors allowing(List<String> origins) {
    return new Cors(origins, List.of("GET", "POST", "PUT", "DELETE", "OPTIONS"),
        List.of("authorization", "content-type"), Duration.ofHours(1));
  }

  public Cors {
    allowOrigins = List.copyOf(allowOrigins);
    allowMethods = List.copyOf(allowMethods);
    allowHeaders = List.copyOf(allowHeaders);
  }

  /** The answer to an {@code OPTIONS} request: 204, with the CORS grant when the origin is allowed. */
  GatewayResponse preflight(String origin) {
    GatewayResponse response = new GatewayResponse(204, new LinkedHashMap<>(), new byte[0]);
    if (allowedOrigin(origin) != null) {
      response.set("access-control-allow-methods", String.join(",", allowMethods))
          .set("access-control-allow-headers", String.join(",", allowHeaders))
          .set("access-control-max-age", String.valueOf(maxAge.toSeconds()));
    }
    return response;
  }

  /** Adds {@code access-control-allow-origin} (and {@code vary: origin} for an echoed origin) if allowed. */
  void apply(String origin, GatewayResponse response) {
    String allowed = allowedOrigin(origin);
    if (allowed != null) {
      response.set("access-control-allow-origin", allowed);
      if (!allowed.equals("*")) {
        response.add("vary", "origin");
      }
    }
  }

  /** {@code *} when any origin is allowed, the origin itself when it is listed, else null. */
  private String allowedOrigin(String origin) {
    if (origin == null) {
      return null;
    }
    if (allowOrigins.contains("*")) {
      return "*";
    }
    return allowOrigins.contains(origin) ? origin : null;
  }
}
