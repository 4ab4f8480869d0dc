package dev.verity.emulators.http;

import dev.verity.emulators.support.OwnerOnlyFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * What {@code POST /local-auth/token} asks for, so that only the local runtime's own UI and CLI can sign in: 256
 * random bits made afresh each time the runtime starts and written to a file only its user can read. The runtime's
 * UI gets it from {@code /config.json}, which other web pages cannot read (CORS and the Host check keep them out);
 * scripts and tests read the file.
 */
public final class SignInSecret {
    /** The request header that carries the secret. */
    public static final String HEADER = "x-verity-sign-in-secret";

    private static final int BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String value;
    private final Path file;

    private SignInSecret(String value, Path file) {
        this.value = value;
        this.file = file;
    }

    /** A new secret, written to {@code file} (replacing the previous run's) with owner-only permissions. */
    public static SignInSecret create(Path file) {
        byte[] bytes = new byte[BYTES];
        RANDOM.nextBytes(bytes);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        try {
            OwnerOnlyFiles.write(file, value + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sign-in secret to " + file, e);
        }
        return new SignInSecret(value, file);
    }

    public String value() {
        return value;
    }

    /** Where it is written, for messages that tell a user where to find it. */
    public Path file() {
        return file;
    }

    /** Whether {@code presented} is this secret; in constant time, so the time taken tells nothing about it. */
    boolean matches(String presented) {
        return presented != null
                && MessageDigest.isEqual(
                        value.getBytes(StandardCharsets.UTF_8),
                        presented.strip().getBytes(StandardCharsets.UTF_8));
    }
}
