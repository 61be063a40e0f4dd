package dev.rig.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MCP stdio startup: how long after the spawn of an MCP server process (by default the
 * distribution's {@code bin/rig mcp}) its answer to {@code initialize} arrives, and then what a
 * client does next: {@code notifications/initialized}, {@code tools/list}, one
 * {@code tools/call echo}. The {@code initialize} line is written right after the spawn, as MCP
 * clients do; every clock runs from just before {@code ProcessBuilder.start()} to the moment the
 * response line has been read.
 *
 * <p>Series: {@code first} (one start, before the others: for bin/rig right after install, the one
 * that writes the class data sharing archive), {@code fresh} (a new, empty working directory each
 * time: the audit database is created and migrated) and {@code warm} (one working directory whose
 * {@code .rig/audit.db} was made by an unmeasured start). When the server logs at INFO or DEBUG
 * ({@code rig mcp -v}), the arrival of its "database ready" and "gateway ready" lines is printed too.
 *
 * <p>Run (see bench/mcp-startup.sh): {@code java -cp bench/target/benchmarks.jar
 * dev.rig.bench.McpStartup [--runs N] [--target-ms T] [--show-stderr] -- COMMAND...}; every
 * {@code {dir}} in COMMAND becomes the working directory. Exits 1 when a fresh or warm start's
 * initialize took longer than the target (default 1500 ms) or any step failed.
 */
public final class McpStartup {

    /** Gateway log messages on stderr marking a start's phases (rig-cli logs them at INFO/DEBUG, i.e. with -v). */
    private static final Map<String, String> MILESTONES = new LinkedHashMap<>();
    /** Timed steps of a start: initialize, tools/list, first tools/call. */
    private static final int STEPS = 3;

    static {
        MILESTONES.put("db_ready", "\"msg\":\"database ready");
        MILESTONES.put("gw_ready", "\"msg\":\"gateway ready");
    }

    /** The working directories made, deleted at the end. */
    private static final List<Path> DIRS = new ArrayList<>();

    private McpStartup() {}

    public static void main(String[] args) throws Exception {
        int runs = 7;
        long targetMs = 1500;
        boolean showStderr = false;
        List<String> command = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--target-ms" -> targetMs = Long.parseLong(args[++i]);
                case "--show-stderr" -> showStderr = true;
                case "--" -> {
                    command.addAll(Arrays.asList(args).subList(i + 1, args.length));
                    i = args.length;
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; usage: [--runs N] [--target-ms T] [--show-stderr] -- COMMAND...");
            }
        }
        if (command.isEmpty()) {
            throw new IllegalArgumentException("no server command after --");
        }
        System.out.println("server: " + String.join(" ", command));

        // The first start of this command (for bin/rig right after install: no class data sharing
        // archive yet; it writes one when it exits). Reported, not in the medians.
        double[] first = start("first", 1, command, Files.createTempDirectory("rig-mcp-start-first-"), showStderr);
        List<double[]> fresh = new ArrayList<>();
        for (int i = 1; i <= runs; i++) {
            fresh.add(start("fresh", i, command, Files.createTempDirectory("rig-mcp-start-fresh-"), showStderr));
        }
        Path warmDir = Files.createTempDirectory("rig-mcp-start-warm-");
        start("prep", 0, command, warmDir, false); // creates .rig/audit.db; not counted
        if (!Files.exists(warmDir.resolve(".rig/audit.db"))) {
            System.out.println("WARNING: " + warmDir.resolve(".rig/audit.db") + " was not created");
        }
        List<double[]> warm = new ArrayList<>();
        for (int i = 1; i <= runs; i++) {
            warm.add(start("warm", i, command, warmDir, showStderr));
        }

        System.out.printf("%nspawn -> response, ms (%d runs each; first = the very first start, not in the medians)%n",
                runs);
        System.out.printf("%-6s %11s %11s %11s %11s %11s %11s%n", "series", "init_med", "init_max", "list_med",
                "list_max", "call_med", "call_max");
        System.out.printf("%-6s %11.0f %11s %11.0f %11s %11.0f %11s%n", "first", first[0], "", first[1], "",
                first[2], "");
        boolean ok = !Double.isNaN(first[0] + first[1] + first[2]);
        for (var series : List.of(Map.entry("fresh", fresh), Map.entry("warm", warm))) {
            double[][] steps = new double[STEPS][];
            for (int k = 0; k < STEPS; k++) {
                int column = k;
                steps[k] = series.getValue().stream().mapToDouble(r -> r[column]).sorted().toArray();
                ok &= Arrays.stream(steps[k]).noneMatch(Double::isNaN);
            }
            System.out.printf("%-6s %11.0f %11.0f %11.0f %11.0f %11.0f %11.0f%n", series.getKey(),
                    median(steps[0]), max(steps[0]), median(steps[1]), max(steps[1]), median(steps[2]),
                    max(steps[2]));
            ok &= max(steps[0]) <= targetMs;
        }
        if (ok) {
            System.out.printf("target: every fresh and warm start answers initialize within %d ms: met%n", targetMs);
        } else {
            System.out.printf("MISSED: a fresh or warm start took longer than %d ms to answer initialize, or a step "
                    + "failed (see above)%n", targetMs);
        }
        for (Path dir : DIRS) {
            TempDirs.delete(dir);
        }
        System.exit(ok ? 0 : 1);
    }

    /**
     * One start; returns {initialize ms, tools/list ms, first tools/call ms, milestone ms...}, all
     * since the spawn (a milestone not seen: -1; a failed step: NaN).
     */
    private static double[] start(String series, int run, List<String> command, Path dir, boolean showStderr)
            throws Exception {
        if (!DIRS.contains(dir)) {
            DIRS.add(dir);
        }
        List<String> resolved = command.stream().map(a -> a.replace("{dir}", dir.toString())).toList();
        double[] result = new double[STEPS + MILESTONES.size()];
        Arrays.fill(result, -1);
        double exitMs;
        List<String> stderr;
        try (McpStdioProcess server = McpStdioProcess.start(resolved, dir)) {
            server.send(McpStdioProcess.INITIALIZE);
            String line = server.readResponse(0, null);
            result[0] = sinceSpawn(server);
            if (!McpStdioProcess.MAPPER.readTree(line).has("result")) {
                System.out.println("ERROR: initialize failed: " + line);
                result[0] = Double.NaN;
            }
            // what a client does next: initialized, then list the tools, then call one
            server.send(McpStdioProcess.INITIALIZED);
            server.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}");
            line = server.readResponse(1, null);
            result[1] = sinceSpawn(server);
            if (!line.contains("\"name\":\"echo\"")) {
                System.out.println("ERROR: tools/list has no echo: " + line);
                result[1] = Double.NaN;
            }
            server.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":"
                    + "{\"name\":\"echo\",\"arguments\":{\"message\":\"hi\"}}}");
            line = server.readResponse(2, null);
            result[2] = sinceSpawn(server);
            if (!McpStdioProcess.isGoodCallResult(McpStdioProcess.MAPPER.readTree(line), "hi")) {
                System.out.println("ERROR: first tools/call failed: " + line);
                result[2] = Double.NaN;
            }
            long closing = System.nanoTime();
            int exit = server.closeAndWait(60);
            exitMs = (System.nanoTime() - closing) / 1e6;
            if (exit != 0) {
                System.out.println("WARNING: exit code " + exit);
            }
            stderr = server.stderr();
        }
        int m = STEPS;
        for (String marker : MILESTONES.values()) {
            for (String s : stderr) {
                if (s.contains(marker)) {
                    result[m] = Double.parseDouble(s.substring(0, s.indexOf(" ms")).trim());
                    break;
                }
            }
            m++;
        }
        StringBuilder line = new StringBuilder(String.format(
                "%-5s #%d: initialize %7.1f ms  tools/list %7.1f ms  first call %7.1f ms", series, run, result[0],
                result[1], result[2]));
        int k = STEPS;
        for (String name : MILESTONES.keySet()) {
            if (result[k] >= 0) {
                line.append(String.format("  %s %.0f", name, result[k]));
            }
            k++;
        }
        line.append(String.format("  (exited %.0f ms after stdin closed)", exitMs));
        System.out.println(line);
        if (showStderr) {
            stderr.forEach(s -> System.out.println("    " + s));
        }
        return result;
    }

    private static double sinceSpawn(McpStdioProcess server) {
        return (System.nanoTime() - server.spawnedNanos()) / 1e6;
    }

    private static double max(double[] sorted) {
        return sorted[sorted.length - 1];
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
