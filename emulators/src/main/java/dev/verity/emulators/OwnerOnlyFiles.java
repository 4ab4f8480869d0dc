package dev.verity.emulators;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Files that hold credentials (keys, secrets, tokens): readable and writable by their owner only. The emulators use
 * {@link dev.verity.emulators.support.OwnerOnlyFiles}, which this delegates to; this one stays for callers outside
 * the module.
 */
public final class OwnerOnlyFiles {

    private OwnerOnlyFiles() {}

    /** See {@link dev.verity.emulators.support.OwnerOnlyFiles#write(Path, String)}. */
    public static void write(Path file, String text) throws IOException {
        dev.verity.emulators.support.OwnerOnlyFiles.write(file, text);
    }

    /** See {@link dev.verity.emulators.support.OwnerOnlyFiles#restrictToOwner(Path)}. */
    public static void restrictToOwner(Path path) throws IOException {
        dev.verity.emulators.support.OwnerOnlyFiles.restrictToOwner(path);
    }
}
