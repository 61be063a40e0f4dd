package dev.rig.install;

import dev.rig.install.TopLevelSection.Entry;
import dev.rig.install.TopLevelSection.Line;
import dev.rig.install.TopLevelSection.UnsupportedShape;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The top-level {@code packs:} section of a rig.yaml text, found line by line and edited in place
 * so that every other line keeps its bytes (the line model is {@link TopLevelSection}'s).
 *
 * <p>Four shapes are edited: a block mapping ({@code  fs:} entries, each with the lines indented
 * under it), a block list ({@code  - fs}), and a flow mapping or list on the key's own line
 * ({@code packs: {fs: {}}}, {@code packs: [fs]}). Anything else (anchors, aliases, tags, flow
 * collections spanning lines) throws {@link UnsupportedShape}. This class only rewrites text; the
 * caller proves the result by parsing it.
 */
final class PacksSection {

    private static final Pattern KEY_LINE = TopLevelSection.keyPattern("packs");

    /** How the section is written. */
    enum Form { BLOCK_MAPPING, BLOCK_LIST, FLOW_MAPPING, FLOW_LIST, OTHER }

    /** A stretch {@code [start, end)} of one line's text. */
    private record Span(int start, int end) {}

    private final TopLevelSection section;

    private PacksSection(TopLevelSection section) {
        this.section = section;
    }

    /** Splits {@code text} into lines (keeping each line's own break) and finds the {@code packs:} key. */
    static PacksSection of(String text) {
        return new PacksSection(TopLevelSection.of(text, KEY_LINE));
    }

    /** Whether the text has a top-level {@code packs:} key. */
    boolean hasKey() {
        return section.hasKey();
    }

    /** The 1-based line of the {@code packs:} key, 0 when there is none. */
    int keyLine() {
        return section.keyLine();
    }

    /** How the section is written, {@link Form#OTHER} when it is none of the editable shapes. */
    Form form() {
        if (!section.hasKey()) {
            return Form.OTHER;
        }
        String value = section.keyValue();
        if (value.isEmpty()) {
            int first = section.firstContentAfterKey();
            if (first < 0) {
                return Form.OTHER;
            }
            return TopLevelSection.isItem(section.text(first)) ? Form.BLOCK_LIST : Form.BLOCK_MAPPING;
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
            String text = section.keyText();
            int open = text.indexOf(form == Form.FLOW_MAPPING ? '{' : '[', section.keyColon() + 1);
            Flow flow = Flow.scan(text, open, keyLine());
            String edited = flow.items().isEmpty()
                    ? text.substring(0, open + 1) + entry + text.substring(flow.close())
                    : text.substring(0, flow.last().end()) + ", " + entry + text.substring(flow.last().end());
            return textWithKeyLine(edited);
        }
        List<Entry> entries = section.blockEntries();
        List<Line> out = section.lines();
        insertAfter(out, entries.get(entries.size() - 1).last(), form == Form.BLOCK_LIST
                ? section.blockIndent() + "- " + id : section.blockIndent() + id + ": {}");
        return TopLevelSection.join(out);
    }

    /** The text without {@code id}'s entry (and the settings lines under it). */
    String withoutPack(String id) {
        Form form = requireEditable();
        if (form == Form.FLOW_MAPPING || form == Form.FLOW_LIST) {
            String text = section.keyText();
            int open = text.indexOf(form == Form.FLOW_MAPPING ? '{' : '[', section.keyColon() + 1);
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
        List<Entry> entries = section.blockEntries();
        List<Entry> matches = entries.stream().filter(e -> id.equals(e.id())).toList();
        if (matches.isEmpty()) {
            throw new UnsupportedShape(keyLine(), "cannot find the line that enables " + id);
        }
        List<Line> out = section.lines();
        if (matches.size() == entries.size()) {
            String key = section.keyText();
            int colon = section.keyColon();
            section.replaceKeyText(out, key.substring(0, colon + 1) + (form == Form.BLOCK_LIST ? " []" : " {}")
                    + key.substring(colon + 1));
        }
        for (int m = matches.size() - 1; m >= 0; m--) {
            TopLevelSection.remove(out, matches.get(m).first(), matches.get(m).last());
        }
        return TopLevelSection.join(out);
    }

    /** What to add by hand when this class may not: the exact line or entry, and where. */
    String addByHand(String id) {
        return switch (form()) {
            case BLOCK_MAPPING -> "add the line `" + section.blockIndent() + id + ": {}` at the end of the packs: section";
            case BLOCK_LIST -> "add the line `" + section.blockIndent() + "- " + id + "` at the end of the packs: list";
            case FLOW_MAPPING -> "add `" + id + ": {}` inside the braces of packs: (line " + keyLine() + ")";
            case FLOW_LIST -> "add `" + id + "` inside the brackets of packs: (line " + keyLine() + ")";
            case OTHER -> "add `" + id + ": {}` under packs: (or `- " + id + "` if packs is a list)";
        };
    }

    /** What to remove by hand when this class may not: the entry's line when it can be found. */
    String removeByHand(String id) {
        Form form = form();
        if (form == Form.BLOCK_MAPPING || form == Form.BLOCK_LIST) {
            Optional<Entry> entry = section.entry(id);
            if (entry.isPresent()) {
                return section.removeByHand(entry.get());
            }
        }
        if (form == Form.FLOW_MAPPING || form == Form.FLOW_LIST) {
            return "remove `" + id + "` from packs: (line " + keyLine() + ")";
        }
        return "remove " + id + " and its settings from packs:";
    }

    private Form requireEditable() {
        if (!section.hasKey()) {
            throw new UnsupportedShape(0, "cannot find a top-level `packs:` line");
        }
        Form form = form();
        if (form == Form.OTHER) {
            String value = section.keyValue();
            throw new UnsupportedShape(keyLine(), value.isEmpty() ? "nothing is written under packs:"
                    : "packs: is written as `" + value + "`, not as a mapping or list of pack ids");
        }
        return form;
    }

    private String textWithKeyLine(String keyText) {
        List<Line> out = section.lines();
        section.replaceKeyText(out, keyText);
        return TopLevelSection.join(out);
    }

    /** Adds a line after line {@code index}, with that line's break (the file's when it had none). */
    private void insertAfter(List<Line> out, int index, String text) {
        Line previous = out.get(index);
        if (previous.eol().isEmpty()) {
            out.set(index, new Line(previous.text(), section.eol()));
            out.add(index + 1, new Line(text, ""));
        } else {
            out.add(index + 1, new Line(text, previous.eol()));
        }
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
                } else if ((c == '"' || c == '\'') && TopLevelSection.startsScalar(text, i, open)) {
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
                if (id.equals(TopLevelSection.unquote(name))) {
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
