package org.livercast.ingest.ocr;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a Roman grade (I–IV) between "分级：" and "级" (分級 and 級 in traditional characters) by counting its strokes in the page image, where the engine fails:
 * its simplified-Chinese model, trained on few Roman numerals, reads a sans-serif II as 1, 吊 or 中 and III as 山 (in
 * sans-serif type I, l and | are one glyph, so its English model does no better: Il, Ill). A pathologist's grade is the
 * finding that matters most on the line, and the strokes are plain to count: each I an upright bar, V one wider shape.
 *
 * <p>Only a clean pattern is taken (I, II, III, IV: upright bars as tall as the grade's height, and for IV one wider
 * shape after one bar); anything else (an Arabic 2, a stain across the strokes) leaves the engine's reading as it was.
 */
final class RomanGrades {
    private RomanGrades() {}

    /** Dark enough to be ink, on the 0–255 grey scale. */
    private static final int INK = 128;

    /**
     * The grade in each slot the engine found between a "分级：" and a "级", by the words' boxes. The engine reads the
     * slot three ways: a word of its own before the 级 (吊, 山, 1, |), nothing at all (：级), or the grade run into the
     * 级's word (中级。); each is counted from the ink between the colon and the 级.
     *
     * @return word index → what that word becomes (the grade; the colon and the grade; the grade and the 级 after it)
     */
    static Map<Integer, String> read(BufferedImage page, List<PageText.Word> words) {
        Map<Integer, String> out = new HashMap<>();
        for (int k = 1; k + 1 < words.size(); k++) {
            final int i = k;
            PageText.Word label = words.get(i - 1);
            PageText.Word colon = words.get(i);
            PageText.Word next = words.get(i + 1);
            if (!(label.text().endsWith("级") || label.text().endsWith("級")) || !(colon.text().equals(":") || colon.text().equals("：")) || !colon.sameLine(next)) continue;
            int x0 = colon.left() + colon.width() + 1;
            int ji = ji(next.text());
            if (ji == 0) {
                // Nothing read between the colon and the 级: whatever ink is there.
                grade(page, x0, next.left() - 1, next).ifPresent(g -> out.put(i, colon.text() + g));
            } else if (ji > 0) {
                // The grade run into the 级's word: counting stops at the 级's first stroke.
                grade(page, x0, next.left() + next.width(), next).ifPresent(g -> out.put(i + 1, g + next.text().substring(ji)));
            } else if (i + 2 < words.size() && ji(words.get(i + 2).text()) == 0 && next.sameLine(words.get(i + 2))) {
                // A word of its own: from the colon to the 级 (whose box can start late: counting stops at its strokes).
                PageText.Word after = words.get(i + 2);
                grade(page, x0, after.left() - 1, after).ifPresent(g -> out.put(i + 1, g));
            }
        }
        return out;
    }

    /** Where 级 (or 級, a traditional report's) stands in a word; -1 where neither does. */
    private static int ji(String word) {
        int simplified = word.indexOf('级');
        int traditional = word.indexOf('級');
        return simplified < 0 ? traditional : traditional < 0 ? simplified : Math.min(simplified, traditional);
    }

    private static Optional<String> grade(BufferedImage page, int x0, int x1, PageText.Word ji) {
        int top = ji.top() - ji.height() / 8;
        int bottom = ji.top() + ji.height() + ji.height() / 8;
        return strokes(page, x0, top, x1, bottom, ji.height());
    }

    /** I, II, III or IV from the ink in the box, or empty when it is not a clean Roman numeral. */
    static Optional<String> strokes(BufferedImage page, int x0, int y0, int x1, int y1, int charHeight) {
        x0 = Math.max(0, x0);
        y0 = Math.max(0, y0);
        x1 = Math.min(page.getWidth() - 1, x1);
        y1 = Math.min(page.getHeight() - 1, y1);
        if (x1 - x0 < 2 || y1 - y0 < 4) return Optional.empty();
        int w = x1 - x0 + 1;
        int h = y1 - y0 + 1;
        boolean[] ink = new boolean[w * h];
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) ink[y * w + x] = grey(page.getRGB(x0 + x, y0 + y)) < INK;
        List<int[]> shapes = components(ink, w, h, Math.max(4, charHeight * charHeight / 200));

        shapes.sort((a, b) -> Integer.compare(a[0], b[0]));
        // The numeral's strokes from the left; the engine's box for the 级 after it can start late, so its first strokes
        // may be in the box too: counting stops at the first shape that is neither a bar nor a V.
        StringBuilder grade = new StringBuilder();
        for (int[] s : shapes) {
            int sw = s[1] - s[0] + 1;
            int sh = s[3] - s[2] + 1;
            // A stroke of the numeral stands at least half a Chinese character's height (a dot or a comma does not).
            if (sh < charHeight / 2) break;
            if (sw * 4 <= sh) {
                grade.append('I');                              // an upright bar
            } else {
                if (sw * 10 >= sh * 6 && vShaped(ink, w, s)) grade.append('V');
                break;
            }
        }
        String g = grade.toString();
        return g.equals("I") || g.equals("II") || g.equals("III") || g.equals("IV") ? Optional.of(g) : Optional.empty();
    }

    /** Wider at the top than at the bottom, as a V is (an Arabic 2 or 4 is not). */
    private static boolean vShaped(boolean[] ink, int w, int[] s) {
        int height = s[3] - s[2] + 1;
        return span(ink, w, s, s[2] + height / 5) > 2 * span(ink, w, s, s[3] - height / 10);
    }

    /** The distance from the first to the last ink of a row inside the shape's box. */
    private static int span(boolean[] ink, int w, int[] s, int y) {
        int first = -1;
        int last = -1;
        for (int x = s[0]; x <= s[1]; x++) {
            if (ink[y * w + x]) {
                if (first < 0) first = x;
                last = x;
            }
        }
        return first < 0 ? 0 : last - first + 1;
    }

    /** The boxes {minX, maxX, minY, maxY} of the 8-connected ink shapes of at least {@code minPixels}. */
    private static List<int[]> components(boolean[] ink, int w, int h, int minPixels) {
        boolean[] seen = new boolean[ink.length];
        List<int[]> out = new ArrayList<>();
        int[] stack = new int[ink.length];
        for (int start = 0; start < ink.length; start++) {
            if (!ink[start] || seen[start]) continue;
            int n = 0;
            int top = 0;
            stack[top++] = start;
            seen[start] = true;
            int[] box = {Integer.MAX_VALUE, -1, Integer.MAX_VALUE, -1};
            while (top > 0) {
                int p = stack[--top];
                n++;
                int x = p % w;
                int y = p / w;
                box[0] = Math.min(box[0], x);
                box[1] = Math.max(box[1], x);
                box[2] = Math.min(box[2], y);
                box[3] = Math.max(box[3], y);
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        int nx = x + dx;
                        int ny = y + dy;
                        if (nx < 0 || ny < 0 || nx >= w || ny >= h) continue;
                        int q = ny * w + nx;
                        if (ink[q] && !seen[q]) {
                            seen[q] = true;
                            stack[top++] = q;
                        }
                    }
                }
            }
            if (n >= minPixels) out.add(box);
        }
        return out;
    }

    private static int grey(int rgb) {
        return (((rgb >> 16) & 0xFF) * 299 + ((rgb >> 8) & 0xFF) * 587 + (rgb & 0xFF) * 114) / 1000;
    }
}
