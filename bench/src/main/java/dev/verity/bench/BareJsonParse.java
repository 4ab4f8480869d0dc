package dev.verity.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;

/**
 * The baseline of manifest ingestion: Jackson's streaming parser over the bytes, reading every token of every line
 * (strings decoded) and keeping nothing, so no step that checks and rewrites the lines can be faster.
 */
final class BareJsonParse {

    private static final JsonFactory FACTORY = new JsonFactory();

    private BareJsonParse() {}

    /** The JSON objects (lines) in {@code in}, which it closes. */
    static long countLines(InputStream in) throws IOException {
        long lines = 0;
        int depth = 0;
        try (JsonParser parser = FACTORY.createParser(in)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                switch (token) {
                    case START_OBJECT, START_ARRAY -> depth++;
                    case END_OBJECT, END_ARRAY -> {
                        if (--depth == 0) {
                            lines++;
                        }
                    }
                    case VALUE_STRING -> parser.getText();
                    default -> {}
                }
            }
        }
        return lines;
    }
}
