package dev.verity.emulators;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * DynamoDB on 127.0.0.1: dynalite (npm) as a Node child process, in memory, or LevelDB under a data directory.
 * Tables become ACTIVE at once ({@code --createTableMs 0}). The child dies with this object ({@link #close()}),
 * with the JVM (shutdown hook), and even when the JVM is killed outright: a watchdog preloaded into Node exits when
 * the stdin pipe from this JVM closes. Where the npm packages come from: {@link NodePackages}.
 */
public final class DynamoEmulator implements AutoCloseable {
    private static final int ATTEMPTS = 3;

    private final Process process;
    private final OutputStream stdin;
    private final int port;
    private final URI endpoint;
    private final Thread shutdownHook;
    private final OutputTail output;

    private DynamoEmulator(Process process, int port, OutputTail output) {
        this.process = process;
        this.stdin = process.getOutputStream();
        this.port = port;
        this.endpoint = URI.create("http://" + Ports.LOOPBACK + ":" + port);
        this.output = output;
        this.shutdownHook = new Thread(() -> stop(process, stdin), "verity-dynalite-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** In memory, packages located by {@link NodePackages#dynaliteHome()}. */
    public static DynamoEmulator start() {
        return builder().start();
    }

    /** {@code http://127.0.0.1:<port>} */
    public URI endpoint() {
        return endpoint;
    }

    public int port() {
        return port;
    }

    /** The child process (for diagnostics). */
    public ProcessHandle process() {
        return process.toHandle();
    }

    /** The last lines dynalite printed. */
    public String recentOutput() {
        return output.text();
    }

    @Override
    public void close() {
        stop(process, stdin);
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down; the hook does the same work
        }
    }

    private static void stop(Process process, OutputStream stdin) {
        if (!process.isAlive()) {
            return;
        }
        List<ProcessHandle> descendants = new ArrayList<>(process.descendants().toList());
        try {
            stdin.close(); // the watchdog exits on end-of-file
            process.waitFor(2, TimeUnit.SECONDS);
        } catch (IOException ignored) {
            // fall through to signals
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        descendants.forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                descendants.forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    public static final class Builder {
        private Path nodeDir;
        private Path dataDir;
        private Duration startTimeout = Duration.ofSeconds(60);

        private Builder() {}

        /** The directory with package.json (default: {@link NodePackages#locate()}); installed if needed. */
        public Builder nodeDir(Path nodeDir) {
            this.nodeDir = nodeDir;
            return this;
        }

        /** Persist tables in LevelDB under this directory (default: in memory). */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        public Builder startTimeout(Duration startTimeout) {
            this.startTimeout = startTimeout;
            return this;
        }

        public DynamoEmulator start() {
            Path dir = nodeDir == null ? NodePackages.locate() : nodeDir.toAbsolutePath();
            NodePackages.ensureInstalled(dir, "dynalite/cli.js");
            if (dataDir != null) {
                try {
                    Files.createDirectories(dataDir);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot create " + dataDir, e);
                }
            }
            IllegalStateException last = null;
            for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
                int port = Ports.freePort();
                Process process = launch(dir, port);
                OutputTail output = OutputTail.drain(process);
                try {
                    Ports.awaitListening("dynalite", port, startTimeout, process::isAlive, () -> ":\n" + output.text());
                    return new DynamoEmulator(process, port, output);
                } catch (IllegalStateException e) {
                    stop(process, process.getOutputStream());
                    last = e;
                    if (!output.text().contains("EADDRINUSE")) {
                        break; // only a lost port race is worth another try
                    }
                }
            }
            throw last;
        }

        private Process launch(Path dir, int port) {
            List<String> command = new ArrayList<>();
            command.add(NodePackages.nodeExecutable());
            Path watchdog = dir.resolve(NodePackages.WATCHDOG);
            if (Files.isRegularFile(watchdog)) {
                command.add("--require");
                command.add(watchdog.toString());
            }
            command.add(dir.resolve("node_modules/dynalite/cli.js").toString());
            command.addAll(List.of(
                    "--host",
                    Ports.LOOPBACK,
                    "--port",
                    Integer.toString(port),
                    "--createTableMs",
                    "0",
                    "--deleteTableMs",
                    "0",
                    "--updateTableMs",
                    "0"));
            if (dataDir != null) {
                command.add("--path");
                command.add(dataDir.toAbsolutePath().toString());
            }
            try {
                return new ProcessBuilder(command)
                        .directory(dir.toFile())
                        .redirectErrorStream(true)
                        .start();
            } catch (IOException e) {
                throw new IllegalStateException(
                        "cannot run '" + command.get(0) + "' (is Node.js 20+ on the PATH? or set -D"
                                + NodePackages.NODE_PROPERTY + "=...)",
                        e);
            }
        }
    }

    /** Drains a child's output on a daemon thread, keeping the last lines for error messages. */
    static final class OutputTail {
        private static final int LINES = 40;
        private final Deque<String> lines = new ArrayDeque<>();

        static OutputTail drain(Process process) {
            OutputTail tail = new OutputTail();
            boolean echo = Boolean.getBoolean("verity.emulators.verbose");
            Thread thread = new Thread(
                    () -> {
                        try (BufferedReader reader = new BufferedReader(
                                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                            String line;
                            while ((line = reader.readLine()) != null) {
                                tail.add(line);
                                if (echo) {
                                    System.err.println("[dynalite] " + line);
                                }
                            }
                        } catch (IOException ignored) {
                            // process ended
                        }
                    },
                    "verity-dynalite-output");
            thread.setDaemon(true);
            thread.start();
            return tail;
        }

        private synchronized void add(String line) {
            if (lines.size() == LINES) {
                lines.removeFirst();
            }
            lines.addLast(line);
        }

        synchronized String text() {
            return String.join("\n", lines);
        }
    }
}
