package dev.rig.install;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The top-level {@code mcp_servers:} section of a rig.yaml text, found line by line and edited in
 * place so that every other line keeps its bytes.
 *
 * <p>Only a block mapping is edited (each server a key indented under {@code mcp_servers:}, its
 * settings indented under it), or a missing section, which is appended at the end of the file. A
 * flow mapping ({@code mcp_servers: {}}) or anything else throws {@link UnsupportedShape}. This class
 * only rewrites text; {@link McpServersEditor} proves the result by parsing it.
 */
final class McpServersSection {

    private static final Pattern KEY_LINE = Pattern.compile("(?:mcp_servers|\"mcp_servers\"|'mcp_servers')[ \\t]*:([ \\t].*)?");
    /** How deep a new server's settings are indented under its id when the file shows no example. */
    private static final int STEP = 2;

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

    /** A server of the section: its id (null when unreadable) and its first and last line. */
    private record Entry(String id, int first, int last) {}

    private final List<Line> lines;
    private final String eol;
    private final int keyIndex;

    private McpServersSection(List<Line> lines, String eol, int keyIndex) {
        this.lines = lines;
        this.eol = eol;
        this.keyIndex = keyIndex;
    }

    /** Splits {@code text} into lines (keeping each line's own break) and finds the {@code mcp_servers:} key. */
    static McpServersSection of(String text) {
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
        return new McpServersSection(lines, firstEol == null ? "\n" : firstEol, keyIndex);
    }

    /** The 1-based line of the {@code mcp_servers:} key, 0 when there is none. */
    int keyLine() {
        return keyIndex + 1;
    }

    /**
     * The text with server {@code id} written as {@code settings} (lines relative to the server's own
     * indentation, such as {@code command: [node, server.js]}): in place of its entry when it has one,
     * else as the section's last entry; a missing section is appended at the end of the file.
     */
    String withServer(String id, List<String> settings) {
        List<Line> out = new ArrayList<>(lines);
        if (keyIndex < 0) {
            if (!out.isEmpty() && out.get(out.size() - 1).eol().isEmpty()) {
                Line last = out.remove(out.size() - 1);
                out.add(new Line(last.text(), eol));
            }
            if (!out.isEmpty() && !out.get(out.size() - 1).text().isBlank()) {
                out.add(new Line("", eol));
            }
            out.add(new Line("# MCP servers mounted as packs; `rig install mcp:<id>` adds one, `rig update <id>` reviews"
                    + " its tools.", eol));
            out.add(new Line("mcp_servers:", eol));
            for (String line : entryLines(id, settings, " ".repeat(STEP), " ".repeat(2 * STEP))) {
                out.add(new Line(line, eol));
            }
            return join(out);
        }
        requireBlock();
        List<Entry> entries = entries();
        String indent = entries.isEmpty() ? " ".repeat(STEP) : " ".repeat(indent(lines.get(entries.get(0).first()).text()));
        String inner = indent + " ".repeat(settingsStep(entries));
        List<String> added = entryLines(id, settings, indent, inner);
        Entry existing = entries.stream().filter(e -> id.equals(e.id())).findFirst().orElse(null);
        if (existing != null) {
            String lastEol = out.get(existing.last()).eol();
            out.subList(existing.first(), existing.last() + 1).clear();
            for (int k = 0; k < added.size(); k++) {
                out.add(existing.first() + k, new Line(added.get(k), k == added.size() - 1 ? lastEol : eol));
            }
            return join(out);
        }
        int after = entries.isEmpty() ? keyIndex : entries.get(entries.size() - 1).last();
        Line previous = out.get(after);
        if (previous.eol().isEmpty()) {
            out.set(after, new Line(previous.text(), eol));
        }
        for (int k = 0; k < added.size(); k++) {
            boolean lastOfFile = previous.eol().isEmpty() && k == added.size() - 1;
            out.add(after + 1 + k, new Line(added.get(k), lastOfFile ? "" : eol));
        }
        return join(out);
    }

    /** The text without server {@code id}'s entry (and the settings lines under it). */
    String withoutServer(String id) {
        if (keyIndex < 0) {
            throw new UnsupportedShape(0, "cannot find a top-level `mcp_servers:` line");
        }
        requireBlock();
        Entry entry = entries().stream().filter(e -> id.equals(e.id())).findFirst()
                .orElseThrow(() -> new UnsupportedShape(keyLine(), "cannot find the line of " + id + " under mcp_servers:"));
        List<Line> out = new ArrayList<>(lines);
        if (out.get(entry.last()).eol().isEmpty() && entry.first() > 0) {
            out.set(entry.first() - 1, new Line(out.get(entry.first() - 1).text(), ""));
        }
        out.subList(entry.first(), entry.last() + 1).clear();
        return join(out);
    }

    /** The lines to add by hand to {@code file} when this class may not edit it. */
    static String addByHand(String id, List<String> settings, String file) {
        StringBuilder text = new StringBuilder("add these lines under mcp_servers: in " + file + " by hand (as a block"
                + " mapping), then run `rig update " + id + "` to pin its tools:");
        for (String line : entryLines(id, settings, " ".repeat(STEP), " ".repeat(2 * STEP))) {
            text.append("\n    ").append(line);
        }
        return text.toString();
    }

    /** What to remove by hand when this class may not: the entry's lines when they can be found. */
    String removeByHand(String id) {
        if (keyIndex >= 0 && keyValue().isEmpty()) {
            for (Entry entry : entries()) {
                if (id.equals(entry.id())) {
                    return "remove line " + (entry.first() + 1) + " (`" + lines.get(entry.first()).text().strip()
                            + "`) and the lines indented under it";
                }
            }
        }
        return "remove " + id + " and its settings from mcp_servers:";
    }

    private static List<String> entryLines(String id, List<String> settings, String indent, String inner) {
        List<String> out = new ArrayList<>();
        out.add(indent + id + ":");
        settings.forEach(line -> out.add(inner + line));
        return out;
    }

    private void requireBlock() {
        String value = keyValue();
        if (!value.isEmpty()) {
            throw new UnsupportedShape(keyLine(), "mcp_servers: is written as `" + value
                    + "` on its own line, not as a block mapping of servers");
        }
        int first = firstContentAfterKey();
        if (first >= 0 && isItem(lines.get(first).text())) {
            throw new UnsupportedShape(first + 1, "mcp_servers: holds a list, not a mapping of server ids");
        }
    }

    /** How deep the first server's settings are indented under it; {@value #STEP} when there is no example. */
    private int settingsStep(List<Entry> entries) {
        for (Entry entry : entries) {
            int base = indent(lines.get(entry.first()).text());
            for (int i = entry.first() + 1; i <= entry.last(); i++) {
                String text = lines.get(i).text();
                if (isContent(text) && indent(text) > base) {
                    return indent(text) - base;
                }
            }
        }
        return STEP;
    }

    /** The key line's value with its comment and surrounding blanks cut off ("" for a block section). */
    private String keyValue() {
        Matcher m = KEY_LINE.matcher(lines.get(keyIndex).text());
        if (!m.matches() || m.group(1) == null) {
            return "";
        }
        String rest = m.group(1);
        return rest.substring(0, commentStart(rest)).strip();
    }

    /** Index of the first content line inside the section, -1 when the section is empty. */
    private int firstContentAfterKey() {
        for (int i = keyIndex + 1; i < lines.size(); i++) {
            String text = lines.get(i).text();
            if (isContent(text)) {
                return indent(text) == 0 && !isItem(text) ? -1 : i;
            }
        }
        return -1;
    }

    /** The servers of the block section, in file order. */
    private List<Entry> entries() {
        int first = firstContentAfterKey();
        List<Entry> entries = new ArrayList<>();
        if (first < 0) {
            return entries;
        }
        int indent = indent(lines.get(first).text());
        int end = sectionEnd();
        for (int i = first; i < end; i++) {
            String text = lines.get(i).text();
            if (isContent(text) && indent(text) == indent) {
                int last = lastLineOf(i, indent, end);
                entries.add(new Entry(keyId(text, indent), i, last));
                i = last;
            }
        }
        return entries;
    }

    /** Index of the first line after the section: the next content line at column 0. */
    private int sectionEnd() {
        for (int i = keyIndex + 1; i < lines.size(); i++) {
            String text = lines.get(i).text();
            if (isContent(text) && indent(text) == 0) {
                return i;
            }
        }
        return lines.size();
    }

    /** The last line of the entry on line {@code first}: the lines indented deeper, with comments among them. */
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
        String key = text.substring(indent, close).strip();
        if (key.length() >= 2 && (key.charAt(0) == '"' || key.charAt(0) == '\'')
                && key.charAt(key.length() - 1) == key.charAt(0)) {
            return key.substring(1, key.length() - 1);
        }
        return key;
    }

    /** Where a {@code #} comment starts in {@code text}, or its length. */
    private static int commentStart(String text) {
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '#' && (i == 0 || Character.isWhitespace(text.charAt(i - 1)))) {
                return i;
            }
        }
        return text.length();
    }

    private static String join(List<Line> lines) {
        StringBuilder text = new StringBuilder();
        for (Line line : lines) {
            text.append(line.text()).append(line.eol());
        }
        return text.toString();
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
}
