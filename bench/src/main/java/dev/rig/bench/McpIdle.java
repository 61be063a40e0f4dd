package dev.rig.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.management.HotSpotDiagnosticMXBean;
import dev.rig.core.Gateway;
import dev.rig.core.api.CallRequest;
import dev.rig.core.api.ToolResult;
import dev.rig.core.config.ConfigLoader;
import dev.rig.mcp.mount.MountedServers;
import dev.rig.server.RgpServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A gateway with five mounted stdio MCP servers left idle: three {@code server-everything} and two
 * {@code server-filesystem}, all {@code start: boot}, served over RGP as {@code rig serve} would
 * (in-process: the sampler reads this JVM's own MXBeans). After one call to each server it leaves the
 * gateway alone and samples, every {@code interval}, for {@code minutes}: live platform threads
 * (ThreadMXBean), every thread including virtual ones (a JSON thread dump), heap used after a full GC
 * ({@code System.gc()}), non-heap used, this JVM's RSS, and the servers' processes (count and RSS from
 * /proc). Before and after the idle time it checks that the gateway still answers (RGP health, an RGP
 * call through a mounted server, a new virtual thread runs). Prints one line per sample, then
 * first / last / max.
 *
 * <p>Run (see bench/mcp-idle.sh): {@code java -cp bench/target/benchmarks.jar dev.rig.bench.McpIdle
 * --node-dir bench/target/node [--minutes 10] [--interval-seconds 30]}. Exits 1 when the platform or
 * virtual thread count, the number of server processes, or the heap after GC (by more than 1 MB and
 * 5 %) is higher at the end than at the start, or when the gateway no longer answers (then it halts
 * without closing the gateway, whose close would wait for virtual threads that never run).
 */
public final class McpIdle {

    private static final int SERVERS = 5;

    private McpIdle() {}

    /** One sample: JVM threads and memory, the servers' processes. */
    record Sample(long seconds, int platformThreads, int allThreads, long heapAfterGc, long nonHeap, long jvmRss,
                  int serverProcesses, long serverRss, Map<String, Long> rssById) {
    }

    public static void main(String[] args) throws Exception {
        Path nodeDir = Path.of("bench/target/node");
        double minutes = 10;
        int intervalSeconds = 30;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--node-dir" -> nodeDir = Path.of(args[++i]);
                case "--minutes" -> minutes = Double.parseDouble(args[++i]);
                case "--interval-seconds" -> intervalSeconds = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; usage: [--node-dir DIR] [--minutes M] [--interval-seconds S]");
            }
        }
        NodeServers node = new NodeServers(nodeDir);
        Path workspace = Files.createTempDirectory("rig-mcp-idle-");
        StringBuilder yaml = new StringBuilder("packs: {}\nmcp_servers:\n");
        for (int i = 1; i <= 3; i++) {
            yaml.append("  everything").append(i).append(": {start: boot, command: ")
                    .append(NodeServers.yaml(node.command(NodeServers.EVERYTHING))).append("}\n");
        }
        for (int i = 1; i <= 2; i++) {
            Path root = Files.createDirectories(workspace.resolve("files" + i));
            yaml.append("  files").append(i).append(": {start: boot, command: ")
                    .append(NodeServers.yaml(node.command(NodeServers.FILESYSTEM, root.toString()))).append("}\n");
        }
        Files.writeString(workspace.resolve("rig.yaml"), yaml);
        System.out.printf("workspace %s; server-everything %s ×3, server-filesystem %s ×2, node %s%n", workspace,
                node.version(NodeServers.EVERYTHING), node.version(NodeServers.FILESYSTEM), node.node());

        Map<String, String> environment = System.getenv();
        MountedServers mounts = new MountedServers(environment);
        List<Sample> samples = new ArrayList<>();
        Gateway gateway = Gateway.open(ConfigLoader.load(workspace), InstantSource.system(), Duration.ofMillis(200),
                environment, mounts);
        RgpServer server = RgpServer.start(gateway, gateway.config().server().withHostAndPort("127.0.0.1", 0));
        System.out.printf("gateway up: %d tools, RGP on port %d, %d server processes%n",
                gateway.snapshot().tools().size(), server.port(), mounts.processes().size());
        for (int i = 1; i <= 3; i++) {
            check(gateway.call(CallRequest.of("everything" + i + ".echo", Map.of("message", "hi"))));
        }
        for (int i = 1; i <= 2; i++) {
            check(gateway.call(CallRequest.of("files" + i + ".list_allowed_directories", Map.of())));
        }
        String before = probe(server.port());
        System.out.println("responsive before the idle time: " + before);
        long started = System.nanoTime();
        long end = started + (long) (minutes * 60e9);
        System.out.println("   s  platform  all-threads  heap-after-gc-KB  non-heap-KB  jvm-rss-KB  servers"
                + "  servers-rss-KB  (MB per server)");
        for (long next = started; ; next += intervalSeconds * 1_000_000_000L) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(Duration.ofNanos(wait));
            }
            Sample sample = sample((System.nanoTime() - started) / 1_000_000_000L, mounts, workspace);
            samples.add(sample);
            System.out.printf("%4d  %8d  %11d  %16d  %11d  %10d  %7d  %14d  %s%n", sample.seconds(),
                    sample.platformThreads(), sample.allThreads(), sample.heapAfterGc() / 1024,
                    sample.nonHeap() / 1024, sample.jvmRss() / 1024, sample.serverProcesses(),
                    sample.serverRss() / 1024, sample.rssById());
            System.out.flush();
            if (next + intervalSeconds * 1_000_000_000L > end) {
                break;
            }
        }
        String after = probe(server.port());
        System.out.println("responsive after the idle time: " + after);
        boolean ok = report(samples);
        if (!after.startsWith("yes")) {
            System.out.println("verdict: the gateway stopped answering while idle; virtual-thread scheduler: "
                    + scheduler());
            // Closing would wait forever for virtual threads that never run (Jetty's selector, the servers'
            // stop threads): end the servers and halt.
            mounts.processes().values().forEach(p -> {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            });
            TempDirs.delete(workspace);
            System.out.flush();
            Runtime.getRuntime().halt(1);
        }
        server.close();
        gateway.close();
        TempDirs.delete(workspace);
        System.exit(ok ? 0 : 1);
    }

    /**
     * Whether the gateway still answers: {@code GET /v1/health} and an RGP call of {@code everything1.echo}
     * within 10 s each, and a new virtual thread runs within 10 s.
     */
    private static String probe(int port) throws InterruptedException {
        CountDownLatch ran = new CountDownLatch(1);
        Thread.ofVirtual().start(ran::countDown);
        boolean virtualRuns = ran.await(10, TimeUnit.SECONDS);
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .executor(Executors.newSingleThreadExecutor()).build()) {
            String base = "http://127.0.0.1:" + port;
            long t0 = System.nanoTime();
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/health"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            long t1 = System.nanoTime();
            HttpResponse<String> echo = http.send(HttpRequest.newBuilder(URI.create(base
                            + "/v1/tools/everything1.echo:call")).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"args\": {\"message\": \"still there?\"}}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            long t2 = System.nanoTime();
            boolean answered = health.statusCode() == 200 && echo.statusCode() == 200
                    && echo.body().contains("Echo: still there?");
            return (answered && virtualRuns ? "yes" : "NO") + " (health " + health.statusCode() + " in "
                    + (t1 - t0) / 1_000_000 + " ms, echo " + echo.statusCode() + " in " + (t2 - t1) / 1_000_000
                    + " ms, new virtual thread ran: " + virtualRuns + ")";
        } catch (IOException e) {
            return "NO (" + e + "; new virtual thread ran: " + virtualRuns + ")";
        }
    }

    /** The virtual-thread scheduler's state (its toString: parallelism, size, active, queued submissions). */
    private static String scheduler() {
        try {
            Field field = Class.forName("java.lang.VirtualThread").getDeclaredField("DEFAULT_SCHEDULER");
            field.setAccessible(true);
            return String.valueOf(field.get(null));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return "unknown (jcmd <pid> Thread.vthread_scheduler shows it)";
        }
    }

    private static void check(ToolResult result) {
        if (!result.ok()) {
            throw new IllegalStateException("a call to a mounted server failed: " + result.error());
        }
    }

    private static Sample sample(long seconds, MountedServers mounts, Path workspace) throws IOException {
        System.gc();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Long> rss = new TreeMap<>();
        int processes = 0;
        long serversRss = 0;
        for (Map.Entry<String, ProcessHandle> entry : mounts.processes().entrySet()) {
            List<ProcessHandle> tree = Stream.concat(Stream.of(entry.getValue()), entry.getValue().descendants())
                    .filter(ProcessHandle::isAlive).toList();
            long total = tree.stream().mapToLong(p -> rssOf(p.pid())).sum();
            processes += tree.size();
            rss.put(entry.getKey(), total / 1024 / 1024);
            serversRss += total;
        }
        return new Sample(seconds, threads.getThreadCount(), allThreads(workspace),
                memory.getHeapMemoryUsage().getUsed(), memory.getNonHeapMemoryUsage().getUsed(),
                rssOf(ProcessHandle.current().pid()), processes, serversRss, rss);
    }

    /** Every thread of the JVM, virtual ones included, from a JSON thread dump. */
    private static int allThreads(Path workspace) throws IOException {
        Path dump = workspace.resolve("threads-" + System.nanoTime() + ".json");
        ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).dumpThreads(dump.toString(),
                HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
        JsonNode containers = new ObjectMapper().readTree(dump.toFile()).path("threadDump").path("threadContainers");
        Files.delete(dump);
        int count = 0;
        for (JsonNode container : containers) {
            count += container.path("threads").size();
        }
        return count;
    }

    /** Resident set size in bytes (VmRSS of /proc/PID/status), 0 when unknown. */
    private static long rssOf(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or the process ended
        }
        return 0;
    }

    private static boolean report(List<Sample> samples) {
        Sample first = samples.getFirst();
        Sample last = samples.getLast();
        System.out.printf("%nafter %d s idle (%d samples):%n", last.seconds(), samples.size());
        line("platform threads", first.platformThreads(), last.platformThreads(),
                samples.stream().mapToLong(Sample::platformThreads).max().orElseThrow(), "");
        line("all threads (virtual too)", first.allThreads(), last.allThreads(),
                samples.stream().mapToLong(Sample::allThreads).max().orElseThrow(), "");
        line("heap used after GC", first.heapAfterGc() / 1024, last.heapAfterGc() / 1024,
                samples.stream().mapToLong(Sample::heapAfterGc).max().orElseThrow() / 1024, " KB");
        line("non-heap used", first.nonHeap() / 1024, last.nonHeap() / 1024,
                samples.stream().mapToLong(Sample::nonHeap).max().orElseThrow() / 1024, " KB");
        line("JVM RSS", first.jvmRss() / 1024, last.jvmRss() / 1024,
                samples.stream().mapToLong(Sample::jvmRss).max().orElseThrow() / 1024, " KB");
        line("server processes", first.serverProcesses(), last.serverProcesses(),
                samples.stream().mapToLong(Sample::serverProcesses).max().orElseThrow(), "");
        line("servers' RSS (sum)", first.serverRss() / 1024, last.serverRss() / 1024,
                samples.stream().mapToLong(Sample::serverRss).max().orElseThrow() / 1024, " KB");
        System.out.println("servers' RSS at the end, MB: " + last.rssById());
        List<String> grew = new ArrayList<>();
        if (last.platformThreads() > first.platformThreads()) {
            grew.add("platform threads");
        }
        if (last.allThreads() > first.allThreads()) {
            grew.add("threads");
        }
        if (last.serverProcesses() != SERVERS || first.serverProcesses() != SERVERS) {
            grew.add("server processes (expected " + SERVERS + ")");
        }
        long heapGrowth = last.heapAfterGc() - first.heapAfterGc();
        if (heapGrowth > 1024 * 1024 && heapGrowth > first.heapAfterGc() / 20) {
            grew.add("heap after GC");
        }
        System.out.println(grew.isEmpty() ? "verdict: no growth" : "verdict: GREW: " + String.join(", ", grew));
        return grew.isEmpty();
    }

    private static void line(String what, long first, long last, long max, String unit) {
        System.out.printf("  %-26s first %,10d%s  last %,10d%s  max %,10d%s  (last − first %+,d%s)%n", what, first, unit,
                last, unit, max, unit, last - first, unit);
    }
}
