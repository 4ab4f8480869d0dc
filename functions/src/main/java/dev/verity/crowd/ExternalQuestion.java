package dev.verity.crowd;

import java.net.URI;

/**
 * Mechanical Turk's ExternalQuestion: the HIT shows the page at {@code ExternalURL} in a frame, adding
 * {@code assignmentId}, {@code hitId}, {@code turkSubmitTo} and {@code workerId} to its query, and the page posts the
 * worker's answer back to {@code <turkSubmitTo>/mturk/externalSubmit}.
 */
public final class ExternalQuestion {

    /** The ExternalQuestion schema's namespace, which its elements must belong to. */
    public static final String NAMESPACE =
            "http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2006-07-14/ExternalQuestion.xsd";

    private ExternalQuestion() {}

    /** The document for {@code url}; a frame height of 0 lets the frame fill the worker's window. */
    public static String of(URI url) {
        return "<ExternalQuestion xmlns=\"" + NAMESPACE + "\">" + "<ExternalURL>" + escape(url.toString())
                + "</ExternalURL>" + "<FrameHeight>0</FrameHeight>" + "</ExternalQuestion>";
    }

    /** XML text escaping: the URL's query carries {@code &}. */
    static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;")
                .replace("'", "&apos;");
    }
}
