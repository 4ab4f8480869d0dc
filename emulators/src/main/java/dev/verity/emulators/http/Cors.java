package dev.verity.emulators.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * The API's CORS configuration, applied as API Gateway applies it: the gateway answers every {@code OPTIONS}
 * request itself (a preflight never reaches a function or the authorizer), and adds
 * {@code access-control-allow-origin} to every response for an allowed {@code Origin}. Requests without an
 * allowed origin get no CORS headers.
 *
 * <p>There is no {@code *}: the gateway always allows its own origins ({@link LoopbackNames}) and these others
 * only, because any web page the user opens could otherwise call the local runtime.
 *
 * @param allowOrigins exact origins besides the gateway's own, e.g. a dev server's {@code http://localhost:5173}
 */
public record Cors(List<String> allowOrigins, List<String> allowMethods, List<String> allowHeaders, Duration maxAge) {

    /** The deployed API's settings, for the gateway's own origins only. */
    public static Cors defaults() {
        return allowing(List.of());
    }

    /** The deployed API's methods, headers and max age, for the gateway's own origins and these. */
    public static Cors allowing(List<String> origins) {
        return new Cors(
                origins,
                List.of("GET", "POST", "PUT", "DELETE", "OPTIONS"),
                // the sign-in secret's header, so that an allowed dev server's page can sign in too
                List.of("authorization", "content-type", SignInSecret.HEADER),
                Duration.ofHours(1));
    }

    public Cors {
        allowOrigins = allowOrigins.stream().map(Cors::origin).toList();
        allowMethods = List.copyOf(allowMethods);
        allowHeaders = List.copyOf(allowHeaders);
    }

    /** These settings with more allowed origins. */
    Cors plus(List<String> origins) {
        LinkedHashSet<String> all = new LinkedHashSet<>(allowOrigins);
        all.addAll(origins);
        return new Cors(List.copyOf(all), allowMethods, allowHeaders, maxAge);
    }

    /** Whether a page of this origin may read the API's answers. */
    boolean allows(String origin) {
        return origin != null && allowOrigins.contains(origin.toLowerCase(Locale.ROOT));
    }

    /** The answer to an {@code OPTIONS} request: 204, with the CORS grant when the origin is allowed. */
    GatewayResponse preflight(String origin) {
        GatewayResponse response = new GatewayResponse(204, new LinkedHashMap<>(), new byte[0]);
        if (allows(origin)) {
            response.set("access-control-allow-methods", String.join(",", allowMethods))
                    .set("access-control-allow-headers", String.join(",", allowHeaders))
                    .set("access-control-max-age", String.valueOf(maxAge.toSeconds()));
        }
        return response;
    }

    /** Adds {@code access-control-allow-origin} (the origin itself) and {@code vary: origin} if allowed. */
    void apply(String origin, GatewayResponse response) {
        if (allows(origin)) {
            response.set("access-control-allow-origin", origin);
            response.add("vary", "origin");
        }
    }

    /** An origin as browsers send it ({@code scheme://host[:port]}, lower case), or why it is not one. */
    private static String origin(String origin) {
        URI uri;
        try {
            uri = new URI(origin.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not an origin: " + origin + " (expected e.g. http://localhost:5173)");
        }
        boolean web = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
        boolean bare = (uri.getRawPath() == null
                        || uri.getRawPath().isEmpty()
                        || uri.getRawPath().equals("/"))
                && uri.getRawQuery() == null
                && uri.getRawFragment() == null
                && uri.getRawUserInfo() == null;
        if (!web || uri.getHost() == null || !bare) {
            throw new IllegalArgumentException("not an origin: " + origin
                    + " (expected scheme://host[:port], e.g. http://localhost:5173; * is not allowed)");
        }
        return (uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()))
                .toLowerCase(Locale.ROOT);
    }
}
