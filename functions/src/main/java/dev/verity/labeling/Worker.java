package dev.verity.labeling;

import java.util.Set;

/** An authenticated worker: the token's subject, its issuer and its groups (work teams). */
public record Worker(String id, String issuer, Set<String> groups) {}
