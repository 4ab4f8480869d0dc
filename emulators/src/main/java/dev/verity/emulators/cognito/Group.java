package dev.verity.emulators.cognito;

import java.time.Instant;

/** A group of a pool; {@code description}, {@code roleArn} and {@code precedence} may be null. */
record Group(String name, String description, String roleArn, Integer precedence, Instant created, Instant modified) {}
