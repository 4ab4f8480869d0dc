package dev.verity.emulators.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JDK's HTTP server on 127.0.0.1 (a given port or a free one chosen at start) for an emulator, on daemon threads,
 * in one of two ways:
 *
 * <ul>
 *   <li>{@link #serve(Function)}, for an AWS-protocol emulator: reads each request whole, hands it to a handler and
 *       writes the answer. Requests whose {@code Host} is not a loopback name with this server's port are refused
 *       with 403 before the handler sees them, so no web page can reach the emulator through DNS rebinding (a page
 *       on another origin cannot read the answers anyway; what it could send blind is the emulator's business: see
 *       {@link Request#isSigned()}). Bodies over {@link #MAX_REQUEST_BYTES} are refused with 413.
 *   <li>{@link #serveExchanges(HttpHandler)}, for a server that checks hosts, limits bodies and writes answers its own
 *       way (the API gateway, Lambda, the Mechanical Turk stand-in): only the binding, threads and closing are shared.
 * </ul>
 */
public final class LoopbackHttpServer implements AutoCloseable {
    static {
        // As in StatesEmulator: without TCP_NODELAY the JDK server's body segment waits for the client's delayed ACK.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /** Far above what SNS (256 KB messages) or Cognito requests carry. */
    public static final int MAX_REQUEST_BYTES = 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(LoopbackHttpServer.class);
    private static final Set<String> LOOPBACK_NAMES = Set.of("127.0.0.1", "localhost", "[::1]");

    private final String name;
    private final HttpServer server;
    private final ExecutorService executor;
    private final URI endpoint;
    private volatile HttpHandler handler;

    /** One request, read whole: method, path, raw query, headers (lower-case names) and body. */
    public record Request(String method, String path, String rawQuery, Map<String, String> headers, byte[] body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /**
         * Whether it carries a SigV4 {@code Authorization} header, as every SDK and AWS CLI call does (the signature
         * itself is not checked: any credentials are accepted). A browser can send a form POST to any port without
         * asking first, but not with an {@code Authorization} header, so an emulator whose protocol a form can
         * speak (SNS's query protocol) refuses unsigned requests.
         */
        public boolean isSigned() {
            String authorization = header("authorization");
            return authorization != null && authorization.startsWith("AWS4-HMAC-SHA256 ");
        }
    }

    /** An answer: status, content type and body, plus any extra headers. */
    public record Response(int status, String contentType, byte[] body, Map<String, String> headers) {
        public Response(int status, String contentType, byte[] body) {
            this(status, contentType, body, Map.of());
        }
    }

    private LoopbackHttpServer(String name, int port, int threads) {
        this.name = name;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot bind the " + name + " emulator to 127.0.0.1" + (port == 0 ? "" : ":" + port), e);
        }
        AtomicInteger count = new AtomicInteger();
        ThreadFactory daemons = r -> {
            Thread t = new Thread(r, "verity-" + name + "-http-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        executor =
                threads == 0 ? Executors.newCachedThreadPool(daemons) : Executors.newFixedThreadPool(threads, daemons);
        server.setExecutor(executor);
        server.createContext("/", exchange -> handler.handle(exchange));
        endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /**
     * Binds a free port without answering yet, so that what is built next can know its {@link #endpoint()} (SNS puts
     * it in unsubscribe URLs); {@link #serve} starts answering. {@code name} goes into thread names and messages.
     */
    public static LoopbackHttpServer bind(String name) {
        return bind(name, 0, 0);
    }

    /**
     * {@link #bind(String)} to {@code port} (0: a free one), answering at most {@code threads} requests at a time (0:
     * as many as come).
     */
    public static LoopbackHttpServer bind(String name, int port, int threads) {
        return new LoopbackHttpServer(name, port, threads);
    }

    /** Starts answering with {@code handler}, behind the host check and the size limit; once only. */
    public LoopbackHttpServer serve(Function<Request, Response> handler) {
        return serveExchanges(exchange -> answer(handler, exchange));
    }

    /**
     * Starts handing every exchange to {@code handler} as it comes, with no host check or size limit (see
     * {@link #readBody}); the handler answers and closes it. Once only.
     */
    public LoopbackHttpServer serveExchanges(HttpHandler handler) {
        if (this.handler != null) {
            throw new IllegalStateException("the " + name + " server is serving already");
        }
        this.handler = handler;
        server.start();
        return this;
    }

    /** {@code http://127.0.0.1:<port>} */
    public URI endpoint() {
        return endpoint;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops answering and interrupts requests still running, waiting up to 5 s for them to end. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The request's body, or null when it is over {@code maxBytes}: the rest is then read and dropped, so that the
     * client can read a 413 instead of a reset connection.
     */
    public static byte[] readBody(HttpExchange exchange, int maxBytes) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(maxBytes + 1);
            if (body.length > maxBytes) {
                in.transferTo(OutputStream.nullOutputStream());
                return null;
            }
            return body;
        }
    }

    private void answer(Function<Request, Response> respond, HttpExchange exchange) {
        try (exchange) {
            Response response;
            String host = exchange.getRequestHeaders().getFirst("Host");
            if (!isOwnHost(host)) {
                response = text(
                        403,
                        "Host " + host + " is not this emulator: use 127.0.0.1:" + port() + " or localhost:" + port());
            } else {
                Request request = read(exchange);
                if (request == null) {
                    response = text(413, "Request Entity Too Large");
                } else {
                    try {
                        response = respond.apply(request);
                    } catch (RuntimeException e) {
                        LOG.warn("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
                        response = text(500, "Internal Server Error");
                    }
                }
            }
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            response.headers()
                    .forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            byte[] body = response.body();
            exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        } catch (IOException e) {
            LOG.debug("the client went away", e);
        }
    }

    /** A loopback name with this server's port, or no Host at all (HTTP/1.0; browsers always send one). */
    private boolean isOwnHost(String host) {
        if (host == null) {
            return true;
        }
        int colon = host.lastIndexOf(':');
        if (colon < 0 || !host.substring(colon + 1).equals(String.valueOf(port()))) {
            return false;
        }
        return LOOPBACK_NAMES.contains(host.substring(0, colon).toLowerCase(Locale.ROOT));
    }

    private static Request read(HttpExchange exchange) throws IOException {
        byte[] body = readBody(exchange, MAX_REQUEST_BYTES);
        if (body == null) {
            return null;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            List<String> all = values == null ? List.of() : values;
            headers.put(name.toLowerCase(Locale.ROOT), String.join(",", all));
        });
        URI uri = exchange.getRequestURI();
        return new Request(
                exchange.getRequestMethod().toUpperCase(Locale.ROOT),
                uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath(),
                uri.getRawQuery() == null ? "" : uri.getRawQuery(),
                Map.copyOf(headers),
                body);
    }

    private static Response text(int status, String message) {
        return new Response(status, "text/plain; charset=utf-8", message.getBytes(StandardCharsets.UTF_8));
    }
}
