package org.livercast.learn.train;

/** Text placed in the training, summary and recalibration reports' HTML: file paths, ids and names may hold &lt; & ". */
final class HtmlText {
    private HtmlText() {}

    static String esc(Object v) {
        return String.valueOf(v).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
