package dev.rig.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * MCP stdio round trip: starts a real MCP server process (by default the distribution's
 * {@code bin/rig mcp}), initializes, warms up, then makes {@code calls} sequential
 * {@code tools/call echo {"message":"hi"}} round trips (concurrency 1: the next request is written
 * only once the previous response line has been read). Each sample is the time from just before
 * writing the request line to stdin until its response line has been read from stdout.
 *
 * <p>Run (see bench/mcp-stdio.sh):
 * {@code java -cp bench/target/benchmarks.jar dev.rig.bench.McpStdioRoundTrip [--calls N]
 * [--warmup N] [--target-us P50] -- COMMAND...}; every {@code {dir}} in COMMAND becomes a fresh
 * temp directory (the gateway's working directory). Prints p50/p90/p99/p99.9/max in µs; exits 1
 * when a response is not a successful result or p50 is over the target (default 1000 µs).
 */
public final class McpStdioRoundTrip {

    private McpStdioRoundTrip() {}

    public static void main(String[] args) throws Exception {
        int calls = 20_000;
        int warmup = 5_000;
        long targetUs = 1000;
        List<String> command = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--calls" -> calls = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--target-us" -> targetUs = Long.parseLong(args[++i]);
                case "--" -> {
                    command.addAll(Arrays.asList(args).subList(i + 1, args.length));
                    i = args.length;
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; usage: [--calls N] [--warmup N] [--target-us P50] -- COMMAND...");
            }
        }
        if (command.isEmpty()) {
            throw new IllegalArgumentException("no server command after --");
        }
        Path dir = Files.createTempDirectory("rig-mcp-stdio-");
        List<String> resolved = command.stream().map(a -> a.replace("{dir}", dir.toString())).toList();
        System.out.println("server: " + String.join(" ", resolved));

        long[] samples = new long[calls];
        int bad = 0;
        int skipped = 0;
        String firstBad = null;
        long wall;
        String cpuReport;
        try (McpStdioProcess server = McpStdioProcess.start(resolved, dir)) {
            server.initialize();
            long id = 1;
            int[] skip = new int[1];
            for (int i = 0; i < warmup; i++, id++) {
                String request = call(id);
                server.send(request);
                JsonNode response = McpStdioProcess.MAPPER.readTree(server.readResponse(id, skip));
                if (!McpStdioProcess.isGoodCallResult(response, "hi")) {
                    bad++;
                    firstBad = firstBad == null ? response.toString() : firstBad;
                }
            }
            skip[0] = 0;
            CpuAccount cpu = CpuAccount.start(server.handle());
            long start = System.nanoTime();
            for (int i = 0; i < calls; i++, id++) {
                String request = call(id);
                long t0 = System.nanoTime();
                server.send(request);
                String line = server.readResponse(id, skip);
                samples[i] = System.nanoTime() - t0;
                JsonNode response = McpStdioProcess.MAPPER.readTree(line);
                if (!McpStdioProcess.isGoodCallResult(response, "hi")) {
                    bad++;
                    firstBad = firstBad == null ? response.toString() : firstBad;
                }
            }
            wall = System.nanoTime() - start;
            cpuReport = cpu.report();
            skipped = skip[0];
            int exit = server.closeAndWait(30);
            System.out.println("server exit code after stdin closed: " + exit);
        } finally {
            TempDirs.delete(dir);
        }

        Arrays.sort(samples);
        double mean = Arrays.stream(samples).average().orElse(0) / 1e3;
        long p50 = us(McpStdioProcess.percentile(samples, 50));
        System.out.printf("MCP stdio tools/call echo round trips, concurrency 1: %d calls after %d warm-up%n",
                calls, warmup);
        System.out.printf("%8s %8s %8s %8s %8s %8s %10s%n", "p50_us", "p90_us", "p99_us", "p99.9_us", "max_us",
                "mean_us", "calls/s");
        System.out.printf("%8d %8d %8d %8d %8d %8.1f %10.0f%n", p50,
                us(McpStdioProcess.percentile(samples, 90)), us(McpStdioProcess.percentile(samples, 99)),
                us(McpStdioProcess.percentile(samples, 99.9)), us(samples[samples.length - 1]), mean,
                calls / (wall / 1e9));
        System.out.println("CPU during the measured calls: " + cpuReport);
        System.out.printf("non-response lines skipped while measuring: %d; bad responses (error, isError, wrong "
                + "echo): %d%n", skipped, bad);
        int status = 0;
        if (bad > 0) {
            System.out.println("ERROR: first bad response: " + firstBad);
            status = 1;
        }
        if (p50 > targetUs) {
            System.out.printf("MISSED: p50 %d µs > target %d µs%n", p50, targetUs);
            status = 1;
        } else {
            System.out.printf("target p50 <= %d µs: met (%d µs)%n", targetUs, p50);
        }
        System.exit(status);
    }

    private static String call(long id) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id
                + ",\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{\"message\":\"hi\"}}}";
    }

    private static long us(long nanos) {
        return Math.round(nanos / 1e3);
    }
}
