package dev.verity.export;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/** An output manifest read from its start on each call, a line at a time, never held whole. */
@FunctionalInterface
public interface ManifestLines {

    /** Streams every non-blank line to {@code visitor} with its 1-based line number. */
    void forEach(Visitor visitor) throws IOException;

    @FunctionalInterface
    interface Visitor {
        void visit(long lineNo, ObjectNode line) throws IOException;
    }
}
