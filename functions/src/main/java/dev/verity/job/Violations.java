package dev.verity.job;

import java.util.ArrayList;
import java.util.List;

/** Collects every problem found while reading a document, so the caller hears about all of them at once. */
public final class Violations {

    private final List<Violation> found = new ArrayList<>();

    public void add(String field, String message) {
        found.add(new Violation(field, message));
    }

    /** @throws InvalidRequestException listing everything collected, if anything was */
    public void throwIfAny() {
        if (!found.isEmpty()) {
            throw new InvalidRequestException(found);
        }
    }
}
