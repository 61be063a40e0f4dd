package dev.rig.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rig.core.json.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * A compact unified diff of two JSON values, pretty-printed line by line: what {@code rig update}
 * shows under each changed field of a tool, so an operator sees what a server changed before
 * trusting it.
 */
final class JsonDiff {

    /** Lines of context kept around each change. */
    private static final int CONTEXT = 1;
    /** Beyond this many lines per field the rest is counted, not shown. */
    private static final int MAX_LINES = 14;
    /** Above this many line pairs the diff is not searched for: both values are shown whole, up to the limit. */
    private static final int MAX_CELLS = 1_000_000;

    private JsonDiff() {}

    /** The diff of {@code before} and {@code after} (either may be missing): lines starting with "  ", "- " or "+ ". */
    static List<String> lines(JsonNode before, JsonNode after) {
        List<String> a = pretty(before);
        List<String> b = pretty(after);
        List<String> all = (long) a.size() * b.size() > MAX_CELLS ? whole(a, b) : hunks(a, b);
        if (all.size() <= MAX_LINES) {
            return all;
        }
        List<String> shown = new ArrayList<>(all.subList(0, MAX_LINES));
        long more = all.subList(MAX_LINES, all.size()).stream().filter(l -> !l.startsWith(" ")).count();
        shown.add("… " + more + " more changed line" + (more == 1 ? "" : "s"));
        return shown;
    }

    private static List<String> pretty(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return List.of();
        }
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value).lines().toList();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> whole(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>();
        a.forEach(line -> out.add("- " + line));
        b.forEach(line -> out.add("+ " + line));
        return out;
    }

    /** The changed lines (longest common subsequence) with {@value #CONTEXT} line of context, "…" between hunks. */
    private static List<String> hunks(List<String> a, List<String> b) {
        int[][] common = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                common[i][j] = a.get(i).equals(b.get(j)) ? common[i + 1][j + 1] + 1
                        : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        List<String> script = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                script.add("  " + a.get(i++));
                j++;
            } else if (i < a.size() && (j == b.size() || common[i + 1][j] >= common[i][j + 1])) {
                script.add("- " + a.get(i++));
            } else {
                script.add("+ " + b.get(j++));
            }
        }
        boolean[] keep = new boolean[script.size()];
        for (int k = 0; k < script.size(); k++) {
            if (!script.get(k).startsWith(" ")) {
                for (int c = Math.max(0, k - CONTEXT); c <= Math.min(script.size() - 1, k + CONTEXT); c++) {
                    keep[c] = true;
                }
            }
        }
        List<String> out = new ArrayList<>();
        boolean skipped = false;
        for (int k = 0; k < script.size(); k++) {
            if (keep[k]) {
                if (skipped && !out.isEmpty()) {
                    out.add("  …");
                }
                out.add(script.get(k));
                skipped = false;
            } else {
                skipped = true;
            }
        }
        return out;
    }
}
