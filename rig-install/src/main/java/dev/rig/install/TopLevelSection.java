package dev.rig.install;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rig.yaml text as lines, each with its own line break, and the section under one top-level key.
 *
 * <p>The editors rewrite rig.yaml line by line rather than through a parsed tree so that every line
 * they do not edit keeps its bytes: comments, quoting, blank lines and CRLF breaks. This is the line
 * model {@link PacksSection} and {@link McpServersSection} share: finding the key, the value on its
 * line, the block entries under it and the lines each one spans, and joining edited lines back into
 * text. What each section's shapes need beyond that stays in those classes.
 */
final class TopLevelSection {

    /** The section cannot be edited line by line; {@code line} is 1-based, 0 when unknown. */
    static final class UnsupportedShape extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final int line;

        UnsupportedShape(int line, String reason) {
            super(reason, null, false, false);
            this.line = line;
        }

        int line() {
            return line;
        }
    }

    /** One line of the file: its text and the break after it ("" on a last line without one). */
    record Line(String text, String eol) {}

    /** An entry or item of a block section: the id it names (null when unreadable) and its first and last line. */
    record Entry(String id, int first, int last) {}

    private final List<Line> lines;
    private final String eol;
    private final Pattern keyPattern;
    private final int keyIndex;

    private TopLevelSection(List<Line> lines, String eol, Pattern keyPattern, int keyIndex) {
        this.lines = lines;
        this.eol = eol;
        this.keyPattern = keyPattern;
        this.keyIndex = keyIndex;
    }

    /** The line of top-level {@code key}, plain or quoted; group 1 is what follows its colon. */
    static Pattern keyPattern(String key) {
        String word = Pattern.quote(key);
        return Pattern.compile("(?:" + word + "|\"" + word + "\"|'" + word + "')[ \\t]*:([ \\t].*)?");
    }

    /** Splits {@code text} into lines (keeping each line's own break) and finds the key: the first line matching. */
    static TopLevelSection of(String text, Pattern keyPattern) {
        List<Line> lines = new ArrayList<>();
        String firstEol = null;
        int start = 0;
        while (start < text.length()) {
            int newline = text.indexOf('\n', start);
            if (newline < 0) {
                lines.add(new Line(text.substring(start), ""));
                break;
            }
            int end = newline > start && text.charAt(newline - 1) == '\r' ? newline - 1 : newline;
            String lineEol = text.substring(end, newline + 1);
            firstEol = firstEol == null ? lineEol : firstEol;
            lines.add(new Line(text.substring(start, end), lineEol));
            start = newline + 1;
        }
        int keyIndex = -1;
        for (int i = 0; i < lines.size() && keyIndex < 0; i++) {
            if (keyPattern.matcher(lines.get(i).text()).matches()) {
                keyIndex = i;
            }
        }
        return new TopLevelSection(lines, firstEol == null ? "\n" : firstEol, keyPattern, keyIndex);
    }

    /** Whether the text has the key. */
    boolean hasKey() {
        return keyIndex >= 0;
    }

    /** The index of the key's line, -1 when there is none. */
    int keyIndex() {
        return keyIndex;
    }

    /** The 1-based line of the key, 0 when there is none. */
    int keyLine() {
        return keyIndex + 1;
    }

    /** The text of the key's line. */
    String keyText() {
        return lines.get(keyIndex).text();
    }

    /** The key line's value with its comment and surrounding blanks cut off ("" for a block section). */
    String keyValue() {
        Matcher m = keyPattern.matcher(keyText());
        if (!m.matches() || m.group(1) == null) {
            return "";
        }
        String rest = m.group(1);
        return rest.substring(0, commentStart(rest, 0)).strip();
    }

    /** Where the colon after the key stands on its line. */
    int keyColon() {
        Matcher m = keyPattern.matcher(keyText());
        return m.matches() && m.group(1) != null ? m.start(1) - 1 : keyText().length() - 1;
    }

    /** The text of line {@code index}. */
    String text(int index) {
        return lines.get(index).text();
    }

    /** The file's line break: its first line's, {@code \n} when it has none; new lines get it. */
    String eol() {
        return eol;
    }

    /** A copy of the lines, to edit and {@linkplain #join join} into the new text. */
    List<Line> lines() {
        return new ArrayList<>(lines);
    }

    /** Index of the first non-blank, non-comment line after the key, -1 when the section is empty. */
    int firstContentAfterKey() {
        for (int i = keyIndex + 1; i < lines.size(); i++) {
            String text = lines.get(i).text();
            if (isContent(text)) {
                return indent(text) == 0 && !isItem(text) ? -1 : i;
            }
        }
        return -1;
    }

    /** The entries (mapping keys or list items) of a block section, in file order. */
    List<Entry> blockEntries() {
        int first = firstContentAfterKey();
        List<Entry> entries = new ArrayList<>();
        if (first < 0) {
            return entries;
        }
        boolean list = isItem(lines.get(first).text());
        int indent = indent(lines.get(first).text());
        int end = sectionEnd(list && indent == 0);
        for (int i = first; i < end; i++) {
            String text = lines.get(i).text();
            if (isContent(text) && indent(text) == indent) {
                int last = lastLineOf(i, indent, end);
                entries.add(new Entry(list ? itemId(text, indent) : keyId(text, indent), i, last));
                i = last;
            }
        }
        return entries;
    }

    /** The first block entry naming {@code id}. */
    Optional<Entry> entry(String id) {
        return blockEntries().stream().filter(e -> id.equals(e.id())).findFirst();
    }

    /** The indentation of the block entries: the first one's, two spaces when there is none. */
    String blockIndent() {
        List<Entry> entries = blockEntries();
        return entries.isEmpty() ? "  " : " ".repeat(indent(lines.get(entries.get(0).first()).text()));
    }

    /** What to remove by hand to drop {@code entry}, naming its first line. */
    String removeByHand(Entry entry) {
        return "remove line " + (entry.first() + 1) + " (`" + lines.get(entry.first()).text().strip()
                + "`) and the lines indented under it";
    }

    /** Puts {@code keyText} in place of the key line's text in {@code out}, keeping the line's break. */
    void replaceKeyText(List<Line> out, String keyText) {
        out.set(keyIndex, new Line(keyText, lines.get(keyIndex).eol()));
    }

    /** Index of the first line after the section: the next content line at column 0. */
    private int sectionEnd(boolean itemsAtColumnZero) {
        for (int i = keyIndex + 1; i < lines.size(); i++) {
            String text = lines.get(i).text();
            if (isContent(text) && indent(text) == 0 && !(itemsAtColumnZero && isItem(text))) {
                return i;
            }
        }
        return lines.size();
    }

    /**
     * The last line belonging to the entry on line {@code first}: lines indented deeper than it, with the
     * blank and comment lines among them. Blank lines after it, and shallower comments that are not
     * followed by more of its settings, belong to what comes next.
     */
    private int lastLineOf(int first, int indent, int end) {
        int last = first;
        for (int i = first + 1; i < end; i++) {
            String text = lines.get(i).text();
            if (text.isBlank()) {
                continue;
            }
            if (indent(text) > indent) {
                last = i;
            } else if (isContent(text)) {
                break;
            }
        }
        return last;
    }

    /**
     * Removes lines {@code first} to {@code last} from {@code out}; when they end the file without a
     * break, the line before them becomes the last one and loses its break too.
     */
    static void remove(List<Line> out, int first, int last) {
        if (out.get(last).eol().isEmpty() && first > 0) {
            out.set(first - 1, new Line(out.get(first - 1).text(), ""));
        }
        out.subList(first, last + 1).clear();
    }

    static String join(List<Line> lines) {
        StringBuilder text = new StringBuilder();
        for (Line line : lines) {
            text.append(line.text()).append(line.eol());
        }
        return text.toString();
    }

    /** The id of a block mapping line {@code id: ...}, or null when its key is not a plain or quoted word. */
    private static String keyId(String text, int indent) {
        char first = text.charAt(indent);
        int close;
        if (first == '"' || first == '\'') {
            close = text.indexOf(first, indent + 1);
            if (close < 0) {
                return null;
            }
            close++;
        } else {
            close = indent;
            while (close < text.length() && !(text.charAt(close) == ':'
                    && (close + 1 == text.length() || Character.isWhitespace(text.charAt(close + 1))))) {
                close++;
            }
        }
        String rest = text.substring(close).stripLeading();
        if (!rest.startsWith(":") || (rest.length() > 1 && !Character.isWhitespace(rest.charAt(1)))) {
            return null;
        }
        return unquote(text.substring(indent, close).strip());
    }

    /** The id of a block list line {@code - id}, or null when the item is not a plain or quoted word. */
    private static String itemId(String text, int indent) {
        String value = text.substring(indent + 1, commentStart(text, indent + 1)).strip();
        return value.isEmpty() || "{[&*!|>".indexOf(value.charAt(0)) >= 0 ? null : unquote(value);
    }

    static String unquote(String value) {
        if (value.length() >= 2 && (value.charAt(0) == '"' || value.charAt(0) == '\'')
                && value.charAt(value.length() - 1) == value.charAt(0)) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    /** Where a {@code #} comment starts in {@code text} at or after {@code from}, or its length. */
    private static int commentStart(String text, int from) {
        char quote = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if ((c == '"' || c == '\'') && startsScalar(text, i, from)) {
                quote = c;
            } else if (c == '#' && (i == from || Character.isWhitespace(text.charAt(i - 1)))) {
                return i;
            }
        }
        return text.length();
    }

    /** Whether a quote at {@code i} opens a quoted scalar (rather than sitting inside a plain one). */
    static boolean startsScalar(String text, int i, int from) {
        int p = i - 1;
        while (p >= from && Character.isWhitespace(text.charAt(p))) {
            p--;
        }
        return p < from || "{[,:-?".indexOf(text.charAt(p)) >= 0;
    }

    static boolean isContent(String text) {
        return !text.isBlank() && !text.stripLeading().startsWith("#");
    }

    static boolean isItem(String text) {
        int indent = indent(text);
        return text.startsWith("-", indent)
                && (text.length() == indent + 1 || Character.isWhitespace(text.charAt(indent + 1)));
    }

    static int indent(String text) {
        int n = 0;
        while (n < text.length() && text.charAt(n) == ' ') {
            n++;
        }
        return n;
    }
}
