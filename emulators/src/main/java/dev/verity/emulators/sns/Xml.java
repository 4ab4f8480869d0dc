package dev.verity.emulators.sns;

/** Writes the small XML documents of SNS's answers, escaping text as XML 1.0 requires. */
final class Xml {
    private final StringBuilder out;

    /** A document, starting with the XML declaration. */
    Xml() {
        this.out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    }

    private Xml(StringBuilder out) {
        this.out = out;
    }

    /** Elements to be put into a document with {@link #raw(Xml)}. */
    static Xml fragment() {
        return new Xml(new StringBuilder());
    }

    /** Appends a fragment as it is. */
    Xml raw(Xml fragment) {
        out.append(fragment.out);
        return this;
    }

    Xml open(String tag) {
        out.append('<').append(tag).append('>');
        return this;
    }

    Xml open(String tag, String namespace) {
        out.append('<').append(tag).append(" xmlns=\"").append(namespace).append("\">");
        return this;
    }

    Xml close(String tag) {
        out.append("</").append(tag).append('>');
        return this;
    }

    /** {@code <tag>text</tag>}; nothing when {@code text} is null. */
    Xml element(String tag, String text) {
        if (text != null) {
            open(tag);
            escape(text);
            close(tag);
        }
        return this;
    }

    private void escape(String text) {
        text.codePoints().forEach(c -> {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                case '\r' -> out.append("&#xD;");
                default -> {
                    boolean allowed = c == '\t'
                            || c == '\n'
                            || (c >= 0x20 && c <= 0xD7FF)
                            || (c >= 0xE000 && c <= 0xFFFD)
                            || c >= 0x10000;
                    // XML 1.0 cannot carry other control characters at all, not even as references
                    out.appendCodePoint(allowed ? c : 0xFFFD);
                }
            }
        });
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
