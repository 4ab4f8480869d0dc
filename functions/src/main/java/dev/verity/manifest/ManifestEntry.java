package dev.verity.manifest;

/** One non-blank line of an input manifest: either an accepted data object or the reason it was rejected. */
public sealed interface ManifestEntry permits DataObject, LineError {

    /** The 1-based physical line number in the manifest (blank lines count). */
    long lineNumber();
}
