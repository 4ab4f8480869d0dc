package dev.verity.emulators.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Files that hold credentials (keys, secrets, tokens): readable and writable by their owner only. */
public final class OwnerOnlyFiles {

    private OwnerOnlyFiles() {}

    /**
     * Replaces {@code file} with {@code text}, atomically: a reader sees the old or the new content, never a part. The
     * permissions are set before the content is written, so the text is never readable by others, not even briefly.
     */
    public static void write(Path file, String text) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            restrictToOwner(temp);
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** POSIX {@code 600} where the file system has POSIX permissions (elsewhere the user's profile protects it). */
    public static void restrictToOwner(Path path) throws IOException {
        if (Files.getFileStore(path).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        }
    }
}
