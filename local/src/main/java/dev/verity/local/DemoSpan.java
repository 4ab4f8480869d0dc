package dev.verity.local;

/** An entity in a text: its label and its offsets in Unicode code points, end exclusive. */
record DemoSpan(String label, int start, int end) {}
