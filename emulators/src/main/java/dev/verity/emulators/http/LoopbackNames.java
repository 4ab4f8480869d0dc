package dev.verity.emulators.http;

import java.util.List;
import java.util.Locale;

/**
 * The names the gateway is reached by: {@code 127.0.0.1}, {@code localhost} and {@code [::1]}, with its port. A
 * request whose {@code Host} is anything else is refused: a web page whose own DNS name an attacker points at
 * 127.0.0.1 (DNS rebinding) still sends its own name as the Host, so it cannot talk to the runtime as if it were
 * the runtime's page. The same names, as {@code http://} origins, are the gateway's own origins for CORS.
 */
final class LoopbackNames {
    private static final List<String> NAMES = List.of("127.0.0.1", "localhost", "[::1]");

    private final int port;

    LoopbackNames(int port) {
        this.port = port;
    }

    /** Whether a {@code Host} header names this gateway (host names are case-insensitive). */
    boolean isOwnHost(String host) {
        return host != null && hosts().contains(host.strip().toLowerCase(Locale.ROOT));
    }

    List<String> hosts() {
        return NAMES.stream().map(name -> name + ":" + port).toList();
    }

    /** {@code http://127.0.0.1:<port>}, {@code http://localhost:<port>}, {@code http://[::1]:<port>} */
    List<String> origins() {
        return hosts().stream().map(host -> "http://" + host).toList();
    }
}
