package dev.verity.job;

/** One category of a label category configuration; {@code shortDisplayName} is optional (null). */
public record LabelCategory(String label, String shortDisplayName) {}
