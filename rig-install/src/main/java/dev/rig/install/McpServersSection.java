package dev.rig.install;

import dev.rig.install.TopLevelSection.Entry;
import dev.rig.install.TopLevelSection.Line;
import dev.rig.install.TopLevelSection.UnsupportedShape;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The top-level {@code mcp_servers:} section of a rig.yaml text, found line by line and edited in
 * place so that every other line keeps its bytes (the line model is {@link TopLevelSection}'s).
 *
 * <p>Only a block mapping is edited (each server a key indented under {@code mcp_servers:}, its
 * settings indented under it), or a missing section, which is appended at the end of the file. A
 * flow mapping ({@code mcp_servers: {}}) or anything else throws {@link UnsupportedShape}. This class
 * only rewrites text; {@link McpServersEditor} proves the result by parsing it.
 */
final class McpServersSection {

    private static final Pattern KEY_LINE = TopLevelSection.keyPattern("mcp_servers");
    /** How deep a new server's settings are indented under its id when the file shows no example. */
    private static final int STEP = 2;

    private final TopLevelSection section;

    private McpServersSection(TopLevelSection section) {
        this.section = section;
    }

    /** Splits {@code text} into lines (keeping each line's own break) and finds the {@code mcp_servers:} key. */
    static McpServersSection of(String text) {
        return new McpServersSection(TopLevelSection.of(text, KEY_LINE));
    }

    /** The 1-based line of the {@code mcp_servers:} key, 0 when there is none. */
    int keyLine() {
        return section.keyLine();
    }

    /**
     * The text with server {@code id} written as {@code settings} (lines relative to the server's own
     * indentation, such as {@code command: [node, server.js]}): in place of its entry when it has one,
     * else as the section's last entry; a missing section is appended at the end of the file.
     */
    String withServer(String id, List<String> settings) {
        List<Line> out = section.lines();
        String eol = section.eol();
        if (!section.hasKey()) {
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
            return TopLevelSection.join(out);
        }
        requireBlock();
        List<Entry> entries = section.blockEntries();
        String indent = section.blockIndent();
        String inner = indent + " ".repeat(settingsStep(entries));
        List<String> added = entryLines(id, settings, indent, inner);
        Entry existing = section.entry(id).orElse(null);
        if (existing != null) {
            String lastEol = out.get(existing.last()).eol();
            out.subList(existing.first(), existing.last() + 1).clear();
            for (int k = 0; k < added.size(); k++) {
                out.add(existing.first() + k, new Line(added.get(k), k == added.size() - 1 ? lastEol : eol));
            }
            return TopLevelSection.join(out);
        }
        int after = entries.isEmpty() ? section.keyIndex() : entries.get(entries.size() - 1).last();
        Line previous = out.get(after);
        if (previous.eol().isEmpty()) {
            out.set(after, new Line(previous.text(), eol));
        }
        for (int k = 0; k < added.size(); k++) {
            boolean lastOfFile = previous.eol().isEmpty() && k == added.size() - 1;
            out.add(after + 1 + k, new Line(added.get(k), lastOfFile ? "" : eol));
        }
        return TopLevelSection.join(out);
    }

    /** The text without server {@code id}'s entry (and the settings lines under it). */
    String withoutServer(String id) {
        if (!section.hasKey()) {
            throw new UnsupportedShape(0, "cannot find a top-level `mcp_servers:` line");
        }
        requireBlock();
        Entry entry = section.entry(id)
                .orElseThrow(() -> new UnsupportedShape(keyLine(), "cannot find the line of " + id + " under mcp_servers:"));
        List<Line> out = section.lines();
        TopLevelSection.remove(out, entry.first(), entry.last());
        return TopLevelSection.join(out);
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

    /**
     * What to remove by hand when this class may not: the entry's lines when they can be found. (A
     * section that loaded with {@code id} in it is a mapping, so its entries are never list items.)
     */
    String removeByHand(String id) {
        String fallback = "remove " + id + " and its settings from mcp_servers:";
        if (section.hasKey() && section.keyValue().isEmpty()) {
            return section.entry(id).map(section::removeByHand).orElse(fallback);
        }
        return fallback;
    }

    private static List<String> entryLines(String id, List<String> settings, String indent, String inner) {
        List<String> out = new ArrayList<>();
        out.add(indent + id + ":");
        settings.forEach(line -> out.add(inner + line));
        return out;
    }

    private void requireBlock() {
        String value = section.keyValue();
        if (!value.isEmpty()) {
            throw new UnsupportedShape(keyLine(), "mcp_servers: is written as `" + value
                    + "` on its own line, not as a block mapping of servers");
        }
        int first = section.firstContentAfterKey();
        if (first >= 0 && TopLevelSection.isItem(section.text(first))) {
            throw new UnsupportedShape(first + 1, "mcp_servers: holds a list, not a mapping of server ids");
        }
    }

    /** How deep the first server's settings are indented under it; {@value #STEP} when there is no example. */
    private int settingsStep(List<Entry> entries) {
        for (Entry entry : entries) {
            int base = TopLevelSection.indent(section.text(entry.first()));
            for (int i = entry.first() + 1; i <= entry.last(); i++) {
                String text = section.text(i);
                if (TopLevelSection.isContent(text) && TopLevelSection.indent(text) > base) {
                    return TopLevelSection.indent(text) - base;
                }
            }
        }
        return STEP;
    }
}
