package dev.verity.autolabel;

/** What a labeling model learns from: an encoded image (PNG, JPEG) or a text. */
public enum DataKind {
    IMAGE,
    TEXT
}
