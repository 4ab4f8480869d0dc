package dev.verity.selection;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Decides per object, called once per object in increasing index order (index = 0-based position among accepted objects). */
@FunctionalInterface
public interface ObjectSelector {

    /** True if the object at {@code index}, whose manifest line is {@code line}, is to be labeled. */
    boolean test(long index, ObjectNode line);
}
