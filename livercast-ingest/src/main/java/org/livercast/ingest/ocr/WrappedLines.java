package org.livercast.ingest.ocr;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Joins the lines a printer wrapped back into the lines the report was written in: a printed report breaks a long
 * sentence at the page's margin ("…, no" / "capsule. Margin smooth."; "边缘不光" / "整。"), and the findings are read a line
 * at a time. A line is a wrapped one when it reaches the page's right margin (the rightmost line end on the page, less
 * one and a half line heights), the next line is in the same paragraph by the engine's layout (its TSV line boxes), and
 * the sentence runs on: the next line starts in lower case, or the line ends in a Chinese character or a comma and the
 * next starts with a Chinese character (a title or a field line that happens to be the longest is not joined to the next).
 */
final class WrappedLines {
    private WrappedLines() {}

    /** A line of the engine's layout: its paragraph, right edge and height in pixels. */
    private record Line(String paragraph, int right, int height) {}

    /**
     * The txt output with wrapped lines joined (Chinese without a space, Latin with one, a hyphen at the end kept and
     * joined). When the txt's lines do not match the layout's one for one, the text is returned as it is.
     */
    static String join(String txt, String tsv) {
        List<Line> lines = lines(tsv);
        List<String> text = new ArrayList<>();
        for (String l : txt.replace("\r\n", "\n").replace('\f', '\n').split("\n")) if (!l.isBlank()) text.add(l.strip());
        if (lines.size() != text.size() || lines.isEmpty()) return txt;
        int margin = lines.stream().mapToInt(Line::right).max().orElse(0);
        StringBuilder out = new StringBuilder(text.get(0));
        for (int i = 1; i < text.size(); i++) {
            Line previous = lines.get(i - 1);
            String next = text.get(i);
            boolean wrapped = previous.paragraph().equals(lines.get(i).paragraph()) && previous.right() >= margin - previous.height() * 3 / 2
                    && runsOn(out.charAt(out.length() - 1), next.charAt(0));
            if (!wrapped) out.append('\n');
            else if (!(cjk(out.charAt(out.length() - 1)) || cjk(next.charAt(0)) || out.charAt(out.length() - 1) == '-')) out.append(' ');
            out.append(next);
        }
        return out.toString();
    }

    /** The TSV's lines that hold a word, in order. */
    private static List<Line> lines(String tsv) {
        Map<String, int[]> boxes = new LinkedHashMap<>();
        Map<String, Boolean> hasWord = new LinkedHashMap<>();
        for (String row : tsv.split("\n")) {
            String[] f = row.split("\t", -1);
            if (f.length < 12 || !(f[0].equals("4") || f[0].equals("5"))) continue;
            String key = f[1] + "." + f[2] + "." + f[3] + "." + f[4];
            if (f[0].equals("4")) boxes.put(key, new int[] {Integer.parseInt(f[6]), Integer.parseInt(f[8]), Integer.parseInt(f[9])});
            else if (!f[11].isBlank()) hasWord.put(key, true);
        }
        List<Line> out = new ArrayList<>();
        for (var e : boxes.entrySet()) {
            if (!hasWord.containsKey(e.getKey())) continue;
            String paragraph = e.getKey().substring(0, e.getKey().lastIndexOf('.'));
            out.add(new Line(paragraph, e.getValue()[0] + e.getValue()[1], e.getValue()[2]));
        }
        return out;
    }

    /** Whether a sentence ending a line in {@code last} goes on in a line starting with {@code first}. */
    private static boolean runsOn(char last, char first) {
        if (Character.isLowerCase(first)) return true;
        boolean han = Character.UnicodeScript.of(first) == Character.UnicodeScript.HAN;
        return han && (Character.UnicodeScript.of(last) == Character.UnicodeScript.HAN || "，、,;；".indexOf(last) >= 0);
    }

    private static boolean cjk(char c) {
        return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN || "，。；：、（）！？".indexOf(c) >= 0;
    }
}
