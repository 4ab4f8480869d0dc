package dev.verity.emulators;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Loopback port helpers shared by the launchers. */
public final class Ports {
    static final String LOOPBACK = "127.0.0.1";

    private Ports() {}

    /** A port that was free a moment ago on 127.0.0.1 (the caller must cope with losing a race for it). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port on " + LOOPBACK, e);
        }
    }

    static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(LOOPBACK, port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Waits until something accepts connections on {@code port}, for at most {@code timeout}. Fails early when
     * {@code alive} turns false (the server process died); {@code diagnostics} is appended to the failure message.
     */
    static void awaitListening(
            String what, int port, Duration timeout, BooleanSupplier alive, Supplier<String> diagnostics) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (answers(port)) {
                return;
            }
            if (!alive.getAsBoolean()) {
                throw new IllegalStateException(what + " exited before listening on port " + port + diagnostics.get());
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException(
                        what + " did not listen on port " + port + " within " + timeout + diagnostics.get());
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
    }
}
