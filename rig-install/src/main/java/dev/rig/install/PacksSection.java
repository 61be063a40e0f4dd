package dev.rig.install;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The top-level {@code packs:} section of a rig.yaml text, found line by line and edited in place
 * so that every other line keeps its bytes.
 *
 * <p>Four shapes are edited: a block mapping ({@code  fs:} entries, each with the lines indented
 * under it), a block list ({@code  - fs}), and a flow mapping or list on the key's own line
 * ({@code packs: {fs: {}}}, {@code packs: [fs]}). Anything else (anchors, aliases, tags, flow
 * collections spanning lines) throws {@link UnsupportedShape}. This class only rewrites text; the
 * caller proves the result by parsing it.
 */
final class PacksSection {

    private static final Pattern KEY_LINE = Pattern.compile("(?:packs|\"packs\"|'packs')[ \\t]*:([ \\t].*)?");

    /** How the section is written. */
    enum Form { BLOCK_MAPPING, BLOCK_LIST, FLOW_MAPPING, FLOW_LIST, OTHER }

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
    private record Line(String text, String eol) {}

    /** A stretch {@code [start, end)} of one line's text. */
    private record Span(int start, int end) {}

    /** An entry or item of a block section: the pack id it names (null when unreadable) and its lines. */
    private record Entry(String id, int first, int last) {}

    private final List<Line> lines;
    private final String eol;
    private final int keyIndex;

    private PacksSection(List<Line> lines, String eol, int keyIndex) {
        this.lines = lines;
        this.eol = eol;
        this.keyIndex = keyIndex;
    }

    /** Splits {@code text} into lines (keeping each line's own break) and finds the {@code packs:} key. */
    static PacksSection of(String text) {
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
            if (KEY_LINE.matcher(lines.get(i).text()).matches()) {
                keyIndex = i;
            }
        }
        return new PacksSection(lines, firstEol == null ? "\n" : firstEol, keyIndex);
    }

    /** Whether the text has a top-level {@code packs:} key. */
    boolean hasKey() {
        return keyIndex >= 0;
    }

    /** The 1-based line of the {@code packs:} key, 0 when there is none. */
    int keyLine() {
        return keyIndex + 1;
    }

    /** How the section is written, {@link Form#OTHER} when it is none of the editable shapes. */
    Form form() {
        if (keyIndex < 0) {
            return Form.OTHER;
        }
        String value = keyValue();
        if (value.isEmpty()) {
            int first = firstContentAfterKey();
            if (first < 0) {
                return Form.OTHER;
            }
            return isItem(lines.get(first).text()) ? Form.BLOCK_LIST : Form.BLOCK_MAPPING;
        }
        return switch (value.charAt(0)) {
            case '{' -> Form.FLOW_MAPPING;
            case '[' -> Form.FLOW_LIST;
            default -> Form.OTHER;
        };
    }

    /** The text with {@code id} added as the section's last entry. */
    String withPack(String id) {
        Form form = requireEditable();
        if (form == Form.FLOW_MAPPING || form == Form.FLOW_LIST) {
            String entry = form == Form.FLOW_MAPPING ? id + ": {}" : id;
            String text = keyText();
            int open = text.indexOf(form == Form.FLOW_MAPPING ? '{' : '[', keyColon() + 1);
            Flow flow = Flow.scan(text, open, keyLine());
            String edited = flow.items().isEmpty()
                    ? text.substring(0, open + 1) + entry + text.substring(flow.close())
                    : text.substring(0, flow.last().end()) + ", " + entry + text.substring(flow.last().end());
            return textWithKeyLine(edited);
        }
        List<Entry> entries = blockEntries();
        List<Line> out = new ArrayList<>(lines);
        insertAfter(out, entries.get(entries.size() - 1).last(), form == Form.BLOCK_LIST
                ? blockIndent() + "- " + id : blockIndent() + id + ": {}");
        return join(out);
    }

    /** The text without {@code id}'s entry (and the settings lines under it). */
    String withoutPack(String id) {
        Form form = requireEditable();
        if (form == Form.FLOW_MAPPING || form == Form.FLOW_LIST) {
            String text = keyText();
            int open = text.indexOf(form == Form.FLOW_MAPPING ? '{' : '[', keyColon() + 1);
            String edited = text;
            while (true) {
                Flow flow = Flow.scan(edited, open, keyLine());
                int k = flow.indexOf(edited, id, form);
                if (k < 0) {
                    break;
                }
                edited = flow.without(edited, open, k);
            }
            if (edited.equals(text)) {
                throw new UnsupportedShape(keyLine(), "cannot find " + id + " in the line of packs:");
            }
            return textWithKeyLine(edited);
        }
        List<Entry> entries = blockEntries();
        List<Entry> matches = entries.stream().filter(e -> id.equals(e.id())).toList();
        if (matches.isEmpty()) {
            throw new UnsupportedShape(keyLine(), "cannot find the line that enables " + id);
        }
        List<Line> out = new ArrayList<>(lines);
        if (matches.size() == entries.size()) {
            String key = keyText();
            int colon = keyColon();
            out.set(keyIndex, new Line(key.substring(0, colon + 1) + (form == Form.BLOCK_LIST ? " []" : " {}")
                    + key.substring(colon + 1), lines.get(keyIndex).eol()));
        }
        for (int m = matches.size() - 1; m >= 0; m--) {
            remove(out, matches.get(m).first(), matches.get(m).last());
        }
        return join(out);
    }

    /** What to add by hand when this class may not: the exact line or entry, and where. */
    String addByHand(String id) {
        return switch (form()) {
            case BLOCK_MAPPING -> "add the line `" + blockIndent() + id + ": {}` at the end of the packs: section";
            case BLOCK_LIST -> "add the line `" + blockIndent() + "- " + id + "` at the end of the packs: list";
            case FLOW_MAPPING -> "add `" + id + ": {}` inside the braces of packs: (line " + keyLine() + ")";
            case FLOW_LIST -> "add `" + id + "` inside the brackets of packs: (line " + keyLine() + ")";
            case OTHER -> "add `" + id + ": {}` under packs: (or `- " + id + "` if packs is a list)";
        };
    }

    /** What to remove by hand when this class may not: the entry's line when it can be found. */
    String removeByHand(String id) {
        Form form = form();
        if (form == Form.BLOCK_MAPPING || form == Form.BLOCK_LIST) {
            for (Entry entry : blockEntries()) {
                if (id.equals(entry.id())) {
                    return "remove line " + (entry.first() + 1) + " (`" + lines.get(entry.first()).text().strip()
                            + "`) and the lines indented under it";
                }
            }
        }
        if (form == Form.FLOW_MAPPING || form == Form.FLOW_LIST) {
            return "remove `" + id + "` from packs: (line " + keyLine() + ")";
        }
        return "remove " + id + " and its settings from packs:";
    }

    private Form requireEditable() {
        if (keyIndex < 0) {
            throw new UnsupportedShape(0, "cannot find a top-level `packs:` line");
        }
        Form form = form();
        if (form == Form.OTHER) {
            throw new UnsupportedShape(keyLine(), keyValue().isEmpty() ? "nothing is written under packs:"
                    : "packs: is written as `" + keyValue() + "`, not as a mapping or list of pack ids");
        }
        return form;
    }

    /** The key line's value with its comment and surrounding blanks cut off ("" for a block section). */
    private String keyValue() {
        Matcher m = KEY_LINE.matcher(keyText());
        if (!m.matches() || m.group(1) == null) {
            return "";
        }
        String rest = m.group(1);
        return rest.substring(0, commentStart(rest, 0)).strip();
    }

    /** Where the colon after {@code packs} stands on its line. */
    private int keyColon() {
        Matcher m = KEY_LINE.matcher(keyText());
        return m.matches() && m.group(1) != null ? m.start(1) - 1 : keyText().length() - 1;
    }

    private String keyText() {
        return lines.get(keyIndex).text();
    }

    /** Index of the first non-blank, non-comment line after the key, -1 when the section is empty. */
    private int firstContentAfterKey() {
        for (int i = keyIndex + 1; i < lines.size(); i++) {
            String text = lines.get(i).text();
            if (isContent(text)) {
                return indent(text) == 0 && !isItem(text) ? -1 : i;
            }
        }
        return -1;
    }

    /** The entries (mapping keys or list items) of a block section, in file order. */
    private List<Entry> blockEntries() {
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

    private String textWithKeyLine(String keyText) {
        List<Line> out = new ArrayList<>(lines);
        out.set(keyIndex, new Line(keyText, lines.get(keyIndex).eol()));
        return join(out);
    }

    private void insertAfter(List<Line> out, int index, String text) {
        Line previous = out.get(index);
        if (previous.eol().isEmpty()) {
            out.set(index, new Line(previous.text(), eol));
            out.add(index + 1, new Line(text, ""));
        } else {
            out.add(index + 1, new Line(text, previous.eol()));
        }
    }

    private static void remove(List<Line> out, int first, int last) {
        if (out.get(last).eol().isEmpty() && first > 0) {
            out.set(first - 1, new Line(out.get(first - 1).text(), ""));
        }
        out.subList(first, last + 1).clear();
    }

    private static String join(List<Line> lines) {
        StringBuilder text = new StringBuilder();
        for (Line line : lines) {
            text.append(line.text()).append(line.eol());
        }
        return text.toString();
    }

    private String blockIndent() {
        List<Entry> entries = blockEntries();
        return entries.isEmpty() ? "  " : " ".repeat(indent(lines.get(entries.get(0).first()).text()));
    }

    /** The pack id of a block mapping line {@code id: ...}, or null when its key is not a plain or quoted word. */
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

    /** The pack id of a block list line {@code - id}, or null when the item is not a plain or quoted word. */
    private static String itemId(String text, int indent) {
        String value = text.substring(indent + 1, commentStart(text, indent + 1)).strip();
        return value.isEmpty() || "{[&*!|>".indexOf(value.charAt(0)) >= 0 ? null : unquote(value);
    }

    /** Where the key of a flow mapping entry ends: its first {@code :} outside quotes, or the entry's end. */
    private static int flowKeyEnd(String entry) {
        char quote = 0;
        for (int i = 0; i < entry.length(); i++) {
            char c = entry.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if ((c == '"' || c == '\'') && entry.substring(0, i).isBlank()) {
                quote = c;
            } else if (c == ':') {
                return i;
            }
        }
        return entry.length();
    }

    private static String unquote(String value) {
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
    private static boolean startsScalar(String text, int i, int from) {
        int p = i - 1;
        while (p >= from && Character.isWhitespace(text.charAt(p))) {
            p--;
        }
        return p < from || "{[,:-?".indexOf(text.charAt(p)) >= 0;
    }

    private static boolean isContent(String text) {
        return !text.isBlank() && !text.stripLeading().startsWith("#");
    }

    private static boolean isItem(String text) {
        int indent = indent(text);
        return text.startsWith("-", indent)
                && (text.length() == indent + 1 || Character.isWhitespace(text.charAt(indent + 1)));
    }

    private static int indent(String text) {
        int n = 0;
        while (n < text.length() && text.charAt(n) == ' ') {
            n++;
        }
        return n;
    }

    /** A flow collection written on one line: where it closes and the spans of its top-level items. */
    private record Flow(int close, List<Span> items) {

        /** Scans the collection opening at {@code open}; refuses one that does not close on this line. */
        static Flow scan(String text, int open, int lineNumber) {
            List<Span> items = new ArrayList<>();
            int depth = 0;
            int itemStart = open + 1;
            char quote = 0;
            for (int i = open; i < text.length(); i++) {
                char c = text.charAt(i);
                if (quote == '"' && c == '\\') {
                    i++;
                } else if (quote != 0) {
                    if (c == quote && quote == '\'' && i + 1 < text.length() && text.charAt(i + 1) == '\'') {
                        i++;
                    } else if (c == quote) {
                        quote = 0;
                    }
                } else if ((c == '"' || c == '\'') && startsScalar(text, i, open)) {
                    quote = c;
                } else if (c == '{' || c == '[') {
                    depth++;
                } else if (c == ',' && depth == 1) {
                    addItem(items, text, itemStart, i);
                    itemStart = i + 1;
                } else if (c == '#' && Character.isWhitespace(text.charAt(i - 1))) {
                    break;
                } else if ((c == '}' || c == ']') && --depth == 0) {
                    addItem(items, text, itemStart, i);
                    String after = text.substring(i + 1).strip();
                    if (!after.isEmpty() && !after.startsWith("#")) {
                        throw new UnsupportedShape(lineNumber, "packs: has more after its closing `" + c + "`");
                    }
                    return new Flow(i, List.copyOf(items));
                }
            }
            throw new UnsupportedShape(lineNumber, "packs: is a flow " + (text.charAt(open) == '{' ? "mapping" : "list")
                    + " that does not close on its own line");
        }

        private static void addItem(List<Span> items, String text, int start, int end) {
            while (start < end && Character.isWhitespace(text.charAt(start))) {
                start++;
            }
            while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
                end--;
            }
            if (end > start) {
                items.add(new Span(start, end));
            }
        }

        /** The position of the item naming {@code id}, -1 when none does. */
        int indexOf(String text, String id, Form form) {
            for (int k = 0; k < items.size(); k++) {
                String item = text.substring(items.get(k).start(), items.get(k).end());
                String name = form == Form.FLOW_MAPPING ? item.substring(0, flowKeyEnd(item)).strip() : item;
                if (id.equals(unquote(name))) {
                    return k;
                }
            }
            return -1;
        }

        Span last() {
            return items.get(items.size() - 1);
        }

        /** {@code text} without item {@code k} and the comma that joined it to its neighbour. */
        String without(String text, int open, int k) {
            if (items.size() == 1) {
                return text.substring(0, open + 1) + text.substring(close);
            }
            Span item = items.get(k);
            return k < items.size() - 1
                    ? text.substring(0, item.start()) + text.substring(items.get(k + 1).start())
                    : text.substring(0, items.get(k - 1).end()) + text.substring(item.end());
        }
    }
}
