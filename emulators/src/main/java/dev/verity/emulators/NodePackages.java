package dev.verity.emulators;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Finds (and if needed installs) the npm packages the Node-based emulators run from: the directory holding
 * {@code package.json} + {@code package-lock.json} (checked in as {@code emulators/src/main/node}).
 *
 * <p>Lookup order:
 * <ol>
 *   <li>system property {@value #DIR_PROPERTY}, else environment variable {@value #DIR_ENV};</li>
 *   <li>walking up from the working directory, the first {@code <ancestor>/emulators/src/main/node/package.json};</li>
 *   <li>otherwise the copies packaged in this jar, extracted to
 *       {@code ~/.cache/verity/emulators-node/<hash of the lock file>}.</li>
 * </ol>
 * If {@code node_modules/dynalite/cli.js} is missing there, {@code npm ci --ignore-scripts} runs in that directory
 * (under a file lock, so concurrent builds do not install twice; dynalite's LevelDB binding ships prebuilt
 * binaries, so no install script is needed). The {@code npm} and {@code node} executables come from the PATH unless
 * {@value #NPM_PROPERTY} / {@value #NODE_PROPERTY} name them.
 */
public final class NodePackages {
    public static final String DIR_PROPERTY = "verity.emulators.node.dir";
    public static final String DIR_ENV = "VERITY_EMULATORS_NODE_DIR";
    public static final String NODE_PROPERTY = "verity.node";
    public static final String NPM_PROPERTY = "verity.npm";
    static final String RESOURCE_DIR = "dev/verity/emulators/node/";
    static final String WATCHDOG = "parent-watchdog.cjs";
    private static final String[] PACKAGED = {"package.json", "package-lock.json", WATCHDOG};

    private NodePackages() {}

    /** The directory holding package.json, found as described above (not yet installed). */
    public static Path locate() {
        String configured = System.getProperty(DIR_PROPERTY);
        if (configured == null || configured.isBlank()) {
            configured = System.getenv(DIR_ENV);
        }
        if (configured != null && !configured.isBlank()) {
            Path dir = Path.of(configured).toAbsolutePath();
            if (!Files.isRegularFile(dir.resolve("package.json"))) {
                throw new IllegalStateException(
                        DIR_PROPERTY + "/" + DIR_ENV + " points at " + dir + ", which has no package.json");
            }
            return dir;
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path candidate = d.resolve("emulators/src/main/node");
            if (Files.isRegularFile(candidate.resolve("package.json"))
                    && Files.isRegularFile(candidate.resolve("package-lock.json"))) {
                return candidate;
            }
        }
        return extractPackaged();
    }

    /** {@link #locate()} and make sure dynalite is installed there. */
    public static Path dynaliteHome() {
        Path dir = locate();
        ensureInstalled(dir, "dynalite/cli.js");
        return dir;
    }

    static String nodeExecutable() {
        return System.getProperty(NODE_PROPERTY, "node");
    }

    /** Runs {@code npm ci} in {@code dir} unless {@code node_modules/<marker>} exists. */
    static synchronized void ensureInstalled(Path dir, String marker) {
        Path installed = dir.resolve("node_modules").resolve(marker);
        if (Files.isRegularFile(installed)) {
            return;
        }
        Path lockFile = dir.resolve(".npm-ci.lock");
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock = channel.lock(); // across JVMs: parallel builds must not run npm ci in one directory at once
            try {
                if (Files.isRegularFile(installed)) {
                    return; // another process installed it while we waited
                }
                npmCi(dir);
                if (!Files.isRegularFile(installed)) {
                    throw new IllegalStateException("npm ci in " + dir + " did not install node_modules/" + marker);
                }
            } finally {
                lock.release();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install the npm packages in " + dir, e);
        }
    }

    private static void npmCi(Path dir) throws IOException {
        String npm = System.getProperty(NPM_PROPERTY, "npm");
        List<String> command = List.of(npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error");
        Path log = Files.createTempFile("verity-npm-ci-", ".log");
        try {
            Process process;
            try {
                process = new ProcessBuilder(command)
                        .directory(dir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
            } catch (IOException e) {
                throw new IllegalStateException(
                        "cannot run '" + npm + "' (is Node.js installed and on the PATH? or set -D" + NPM_PROPERTY
                                + "=...) to install " + dir.resolve("package.json"),
                        e);
            }
            process.getOutputStream().close();
            boolean done = process.waitFor(10, TimeUnit.MINUTES);
            if (!done) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new IllegalStateException("npm ci in " + dir + " did not finish within 10 minutes");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("npm ci in " + dir + " failed (exit " + process.exitValue() + "):\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during npm ci", e);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static Path extractPackaged() {
        ClassLoader loader = NodePackages.class.getClassLoader();
        try {
            byte[] lock;
            try (InputStream in = loader.getResourceAsStream(RESOURCE_DIR + "package-lock.json")) {
                if (in == null) {
                    throw new IllegalStateException("no emulators/src/main/node above "
                            + Path.of("").toAbsolutePath() + " and no packaged copy on the classpath; set -D"
                            + DIR_PROPERTY + "=<dir with package.json>");
                }
                lock = in.readAllBytes();
            }
            String hash = HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(lock))
                    .substring(0, 16);
            Path dir = Path.of(System.getProperty("user.home"), ".cache", "verity", "emulators-node", hash);
            Files.createDirectories(dir);
            for (String name : PACKAGED) {
                Path target = dir.resolve(name);
                if (Files.isRegularFile(target)) {
                    continue;
                }
                try (InputStream in = loader.getResourceAsStream(RESOURCE_DIR + name)) {
                    if (in == null) {
                        throw new IllegalStateException("missing packaged resource " + RESOURCE_DIR + name);
                    }
                    Path tmp = Files.createTempFile(dir, name, ".tmp");
                    Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract the packaged npm manifest", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
