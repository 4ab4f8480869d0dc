package dev.verity.export;

/**
 * What one export wrote.
 *
 * @param objects the objects with a label that went into the file
 * @param skipped the lines without the job's label (objects no one labeled, or that failed), left out
 */
public record ExportCounts(long objects, long skipped) {}
