package dev.verity.emulators.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.verity.emulators.lambda.LambdaFunctionException;
import dev.verity.emulators.lambda.LambdaInvoker;
import dev.verity.emulators.mail.Mail;
import dev.verity.emulators.support.LoopbackHttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * API Gateway HTTP API on 127.0.0.1: routes to Lambda functions (payload format 2.0, through a
 * {@link LambdaInvoker}) behind a JWT authorizer that trusts a {@link LocalTokenIssuer}, with CORS, and optionally
 * the web UI's static files and the local sign-in endpoints.
 *
 * <p>Only loopback callers of the runtime's own pages are served: a {@code Host} other than this gateway's loopback
 * names and port → 403 (DNS rebinding), and a state-changing request from a page of an origin CORS does not allow →
 * 403 (a foreign page could otherwise send one blind; a GET's answer it cannot read).
 *
 * <p>A request goes: body over 10 MB → 413; {@code OPTIONS} → CORS preflight; a fixed endpoint; a route (401 from
 * the JWT authorizer, 403 from the IAM one: SigV4 with the key pair of {@link Builder#iamCredentials}; 500 when the
 * function fails or answers nonsense, 502 when its result exceeds Lambda's 6 MB); a static file for {@code GET};
 * else 404. Every answer carries {@code apigw-requestid} and, for an allowed {@code Origin},
 * {@code access-control-allow-origin}.
 */
public final class HttpApiGateway implements AutoCloseable {
    /** API Gateway's payload limit for HTTP APIs. */
    public static final int MAX_REQUEST_BYTES = 10 * 1024 * 1024;
    /** Lambda's limit on a synchronous invocation's result. */
    public static final int MAX_RESPONSE_BYTES = 6 * 1024 * 1024;

    public static final String ACCOUNT_ID = "000000000000";
    public static final String API_ID = "verity";
    private static final int THREADS = 32;
    private static final Logger LOG = LoggerFactory.getLogger(HttpApiGateway.class);

    private final LoopbackHttpServer server;
    private final LambdaInvoker invoker;
    private final RouteTable routes;
    private final JwtAuthorizer authorizer;
    private final SigV4Authorizer iam;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final EventFactory events = new EventFactory(ACCOUNT_ID, API_ID);
    private final Cors cors;
    private final LoopbackNames names;
    private final Map<String, Function<GatewayRequest, GatewayResponse>> endpoints;
    private final StaticFiles staticFiles;

    private HttpApiGateway(Builder b) {
        this.invoker = b.invoker;
        this.routes = new RouteTable(b.routes);
        this.authorizer = new JwtAuthorizer(b.issuer);
        this.iam = b.iamCredentials == null ? null : new SigV4Authorizer(b.iamCredentials, Instant::now);
        this.endpoints = Map.copyOf(b.endpoints);
        this.staticFiles = b.staticRoot == null ? null : new StaticFiles(b.staticRoot);
        // exchanges, not LoopbackHttpServer's requests: the gateway checks hosts and origins itself (with CORS), reads
        // every header value, the protocol and the caller's address, and answers API Gateway's way
        server = LoopbackHttpServer.bind("api-gateway", b.port, THREADS);
        names = new LoopbackNames(server.port());
        cors = b.cors.plus(names.origins());
        server.serveExchanges(this::handle);
    }

    public static Builder builder(LambdaInvoker invoker, LocalTokenIssuer issuer) {
        return new Builder(invoker, issuer);
    }

    /** {@code http://127.0.0.1:<port>} */
    public URI endpoint() {
        return server.endpoint();
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
    }

    private void handle(HttpExchange exchange) {
        try (exchange) {
            String requestId = requestId();
            GatewayResponse response;
            String host = exchange.getRequestHeaders().getFirst("Host");
            String origin = exchange.getRequestHeaders().getFirst("Origin");
            try {
                GatewayRequest request = read(exchange);
                response = request == null
                        ? GatewayResponse.message(413, "Request Entity Too Large")
                        : guard(request, host, origin).orElseGet(() -> dispatch(request, requestId));
            } catch (RuntimeException e) {
                LOG.warn("{} {} failed in the gateway", exchange.getRequestMethod(), exchange.getRequestURI(), e);
                response = GatewayResponse.message(500, "Internal Server Error");
            }
            if (names.isOwnHost(host)) {
                cors.apply(origin, response);
            }
            response.set("apigw-requestid", requestId);
            write(exchange, response);
        } catch (IOException e) {
            LOG.debug("the client went away", e);
        }
    }

    /** A refusal for a request that is not for this gateway or comes from a foreign page, else empty. */
    private Optional<GatewayResponse> guard(GatewayRequest request, String host, String origin) {
        if (!names.isOwnHost(host)) {
            LOG.warn("refused {} {} for Host {}", request.method(), request.rawPath(), host);
            return Optional.of(GatewayResponse.message(
                    403,
                    "Host " + (host == null ? "(none)" : host) + " is not this "
                            + "Verity runtime: use one of " + String.join(", ", names.hosts())
                            + " (other names are refused so that no web page can reach it through DNS rebinding)"));
        }
        boolean safe = Set.of("GET", "HEAD", "OPTIONS").contains(request.method());
        if (!safe && origin != null && !cors.allows(origin)) {
            LOG.warn("refused {} {} from a page of {}", request.method(), request.rawPath(), origin);
            return Optional.of(GatewayResponse.message(
                    403,
                    "Origin " + origin + " may not call this Verity runtime: only "
                            + "its own pages may (a dev server's origin can be allowed with verity up --dev-origin "
                            + origin + ")"));
        }
        return Optional.empty();
    }

    private GatewayResponse dispatch(GatewayRequest request, String requestId) {
        if (request.method().equals("OPTIONS")) {
            return cors.preflight(request.header("origin"));
        }
        Function<GatewayRequest, GatewayResponse> fixed = endpoints.get(request.method() + " " + request.rawPath());
        if (fixed != null) {
            return fixed.apply(request);
        }
        Optional<RouteTable.Match> match;
        try {
            match = routes.match(request.method(), request.rawPath());
        } catch (IllegalArgumentException e) {
            return GatewayResponse.message(400, "Bad Request"); // a malformed %-escape in the path
        }
        if (match.isPresent()) {
            return invoke(request, match.get(), requestId);
        }
        if (staticFiles != null && request.method().equals("GET")) {
            return staticFiles.get(request.rawPath()).orElseGet(() -> GatewayResponse.message(404, "Not Found"));
        }
        return GatewayResponse.message(404, "Not Found");
    }

    private GatewayResponse invoke(GatewayRequest request, RouteTable.Match match, String requestId) {
        Route route = match.route();
        ObjectNode authorizerNode = null;
        switch (route.authorization()) {
            case JWT -> {
                try {
                    authorizerNode =
                            JSON.createObjectNode().set("jwt", authorizer.authorize(request.header("authorization")));
                } catch (JwtAuthorizer.Unauthorized e) {
                    LOG.debug("{} refused: {}", route.routeKey(), e.getMessage());
                    return e.response();
                }
            }
            case IAM -> {
                if (iam == null) {
                    LOG.warn("{} is IAM-authorised but the gateway has no key pair: refused", route.routeKey());
                    return new SigV4Authorizer.Refused("AccessDeniedException", "this gateway accepts no signatures")
                            .response();
                }
                try {
                    authorizerNode = JSON.createObjectNode().set("iam", iam.authorize(request, ACCOUNT_ID));
                } catch (SigV4Authorizer.Refused e) {
                    LOG.debug("{} refused: {}", route.routeKey(), e.getMessage());
                    return e.response();
                }
            }
            case NONE -> {}
        }
        String event = events.event(request, match, authorizerNode, requestId, Instant.now())
                .toString();
        String result;
        try {
            result = invoker.invoke(route.function(), event);
        } catch (LambdaFunctionException e) {
            LOG.warn("{} → {} failed: {}: {}", route.routeKey(), route.function(), e.errorType(), e.errorMessage());
            return GatewayResponse.message(500, "Internal Server Error");
        } catch (RuntimeException e) {
            LOG.warn("{} → {} could not be invoked", route.routeKey(), route.function(), e);
            return GatewayResponse.message(500, "Internal Server Error");
        }
        if (result == null) {
            result = "null";
        }
        if (result.getBytes(StandardCharsets.UTF_8).length > MAX_RESPONSE_BYTES) {
            LOG.warn("{} → {} returned more than Lambda's 6 MB", route.routeKey(), route.function());
            return GatewayResponse.message(502, "Bad Gateway");
        }
        try {
            return ResponseMapper.map(result);
        } catch (IllegalArgumentException e) {
            LOG.warn("{} → {} returned a malformed response: {}", route.routeKey(), route.function(), e.getMessage());
            return GatewayResponse.message(500, "Internal Server Error");
        }
    }

    /** The request, or null when its body is over {@link #MAX_REQUEST_BYTES} (the rest is read and dropped). */
    private static GatewayRequest read(HttpExchange exchange) throws IOException {
        byte[] body = LoopbackHttpServer.readBody(exchange, MAX_REQUEST_BYTES);
        if (body == null) {
            return null;
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders()
                .forEach(
                        (name, values) -> headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>())
                                .addAll(values));
        URI uri = exchange.getRequestURI();
        int port = exchange.getLocalAddress().getPort();
        String host = exchange.getRequestHeaders().getFirst("Host");
        return new GatewayRequest(
                exchange.getRequestMethod().toUpperCase(Locale.ROOT),
                uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath(),
                uri.getRawQuery() == null ? "" : uri.getRawQuery(),
                headers,
                body,
                exchange.getProtocol(),
                exchange.getRemoteAddress().getAddress().getHostAddress(),
                host == null ? "127.0.0.1:" + port : host,
                port);
    }

    private static void write(HttpExchange exchange, GatewayResponse response) throws IOException {
        exchange.getResponseHeaders().putAll(response.headers());
        byte[] body = response.body();
        boolean bodiless = body.length == 0 || response.status() == 204 || response.status() == 304;
        // -1 means "no body"; 0 would mean a chunked body
        exchange.sendResponseHeaders(response.status(), bodiless ? -1 : body.length);
        if (!bodiless) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** API Gateway's request ids look like {@code KtUfbjJIg8mHQ8A=}. */
    private static String requestId() {
        byte[] bytes = new byte[11];
        ThreadLocalRandom.current().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** Configures and starts a gateway; only the invoker and the issuer are required. */
    public static final class Builder {
        private final LambdaInvoker invoker;
        private final LocalTokenIssuer issuer;
        private final List<Route> routes = new ArrayList<>();
        private final Map<String, Function<GatewayRequest, GatewayResponse>> endpoints = new LinkedHashMap<>();
        private int port;
        private Cors cors = Cors.defaults();
        private Path staticRoot;
        private SigV4Authorizer.Credentials iamCredentials;

        private Builder(LambdaInvoker invoker, LocalTokenIssuer issuer) {
            this.invoker = invoker;
            this.issuer = issuer;
        }

        public Builder route(Route route) {
            routes.add(route);
            return this;
        }

        public Builder routes(List<Route> routes) {
            this.routes.addAll(routes);
            return this;
        }

        /**
         * The key pair IAM-authorised routes ({@link Route.Authorization#IAM}) accept SigV4 signatures of; without
         * one, such routes refuse every request.
         */
        public Builder iamCredentials(String accessKeyId, String secretAccessKey) {
            this.iamCredentials = new SigV4Authorizer.Credentials(accessKeyId, secretAccessKey);
            return this;
        }

        /** The port on 127.0.0.1; 0 (the default) picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** CORS settings; the default is {@link Cors#defaults()} (the gateway's own origins only). */
        public Builder cors(Cors cors) {
            this.cors = cors;
            return this;
        }

        /** Serves files under {@code root} to GET requests no route matches ({@code index.html} for {@code /}). */
        public Builder staticRoot(Path root) {
            this.staticRoot = root;
            return this;
        }

        /** A fixed {@code GET path} answering the supplier's JSON text (asked afresh each time), with no authorizer. */
        public Builder getJson(String path, Supplier<String> json) {
            // no-store and nosniff: the local config.json carries the sign-in secret; it is for the runtime's own page
            endpoints.put(
                    "GET " + path,
                    request -> GatewayResponse.json(200, json.get())
                            .set("cache-control", "no-store")
                            .set("x-content-type-options", "nosniff"));
            return this;
        }

        /** The local runtime's mailbox ({@link LocalMailbox}) for callers that present {@code secret}. */
        public Builder localMailbox(SignInSecret secret, Supplier<List<Mail>> mails) {
            endpoints.put("GET " + LocalMailbox.PATH, new LocalMailbox(secret, mails)::messages);
            return this;
        }

        /**
         * The local runtime's sign-in: {@code GET /.well-known/jwks.json} (the issuer's key) and
         * {@code POST /local-auth/token} for callers that present {@code secret} (see {@link LocalSignIn}). Local only:
         * the deployed API has neither.
         */
        public Builder localSignIn(SignInSecret secret) {
            return localSignIn(secret, null);
        }

        /**
         * {@link #localSignIn(SignInSecret)} whose token endpoint also signs in the users {@code users} knows (the
         * Cognito emulator's user pool) with their password ({@code {"username": ..., "password": ...}}, see
         * {@link LocalSignIn}); null: no password sign-in.
         */
        public Builder localSignIn(SignInSecret secret, PasswordSignIn users) {
            LocalSignIn signIn = new LocalSignIn(issuer, secret, users);
            getJson(LocalSignIn.JWKS_PATH, issuer::jwks);
            endpoints.put("POST " + LocalSignIn.TOKEN_PATH, signIn::token);
            return this;
        }

        public HttpApiGateway start() {
            return new HttpApiGateway(this);
        }
    }
}
