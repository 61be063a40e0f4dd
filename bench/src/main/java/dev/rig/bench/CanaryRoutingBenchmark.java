package dev.rig.bench;

import dev.rig.core.Gateway;
import dev.rig.core.api.CallRequest;
import dev.rig.core.api.ToolResult;
import dev.rig.core.config.CanarySettings;
import dev.rig.core.config.RigConfig;
import dev.rig.core.lock.LockFile;
import dev.rig.core.registry.Snapshot;
import dev.rig.core.snapshot.CanaryWatch;
import dev.rig.core.snapshot.Routing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a canary on trial adds to each call: routing the call to the active or the canary snapshot, and
 * recording it in the canary's watch (issue 7: "canary routing adds ≤ 2 µs per call").
 *
 * <p><b>Workload.</b> Every invocation takes the next of 10 000 distinct tenant ids (each thread cycles
 * through them from its own offset). {@code mode=noCanary} (the baseline): {@code Routing.of(active).route(tenant)},
 * what the gateway's routing does without a canary. {@code route}: a {@link Routing} with a canary for
 * 10 % of tenants (1 000 basis points). {@code routeAndRecord}: the same route, then
 * {@link CanaryWatch#record} of a prebuilt ok {@code ToolResult} with a duration from a fixed list
 * (20–60 µs, the same spread for both sides, so the watch never fails the canary) — exactly what
 * {@code Gateway.call} adds per call while a canary runs, the watch's judging included (it runs on the
 * recording thread every 200 ms or every {@code min_calls} = 20 canary calls: with 10 % of calls on the
 * canary, about every 200th call copies and sorts both windows of up to 4 096 calls).
 * {@code gatewayCall}: {@code gateway.call(echo {"message":"hi"})} for the same tenants on a real gateway
 * (embedded defaults, echo pack, SQLite audit on, as {@link PipelineBenchmark}); {@code gatewayCallWithCanary}:
 * the same gateway with a canary at 10 % whose content equals the active snapshot's (an empty candidate
 * lock: the class path's packs), so each call also routes and records; the difference between the two is
 * the end-to-end cost.
 *
 * <p>Snapshots for the first three modes are those of a gateway opened on the embedded defaults; the
 * canary is the active snapshot under another id ({@link Snapshot#withId}): routing and the watch tell
 * the sides apart by identity. Tenant ids are the same strings every time, so their hash codes are
 * cached, as they are not for ids parsed from a fresh request (hashing a 12-character id adds a few ns).
 *
 * <p>{@link Mode#AverageTime} in ns: the amortised cost, judging included. For the tail of
 * {@code routeAndRecord} (a judging call), run it with {@code -bm sample}.
 *
 * <p><b>Run it</b> (from the repository root, ≈ 3 min):
 * <pre>
 * ./mvnw -q -o -pl bench -am package -DskipTests
 * java -jar bench/target/benchmarks.jar CanaryRoutingBenchmark
 * # the tail of routeAndRecord:  java -jar bench/target/benchmarks.jar CanaryRoutingBenchmark -p mode=routeAndRecord -bm sample
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m", "--enable-native-access=ALL-UNNAMED"})
@State(Scope.Benchmark)
public class CanaryRoutingBenchmark {

    static final int TENANTS = 10_000;
    static final int CANARY_BASIS_POINTS = 1_000;

    /**
     * {@code noCanary}: route without a canary (baseline); {@code route}: route with a canary at 10 %;
     * {@code routeAndRecord}: route and record in the watch; {@code gatewayCall} /
     * {@code gatewayCallWithCanary}: a whole {@code gateway.call(echo)} without / with a canary of equal content.
     */
    @Param({"noCanary", "route", "routeAndRecord", "gatewayCall", "gatewayCallWithCanary"})
    public String mode;

    private Path directory;
    private Gateway gateway;
    private Routing routing;
    private CanaryWatch watch;
    private final AtomicInteger canaryFailures = new AtomicInteger();
    private final AtomicInteger threadOffsets = new AtomicInteger();
    private String[] tenants;
    private CallRequest[] requests;
    private long[] durations;
    private ToolResult ok;

    /** Each thread's place in the tenant list. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;

        @Setup(Level.Trial)
        public void start(CanaryRoutingBenchmark bench) {
            next = bench.threadOffsets.getAndAdd(TENANTS / 4) % TENANTS;
        }

        int next() {
            int i = next;
            next = i + 1 == TENANTS ? 0 : i + 1;
            return i;
        }
    }

    @Setup(Level.Trial)
    public void open() throws IOException {
        directory = Files.createTempDirectory("rig-bench-canary-");
        gateway = Gateway.open(RigConfig.defaults(directory));
        tenants = new String[TENANTS];
        requests = new CallRequest[TENANTS];
        durations = new long[TENANTS];
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < TENANTS; i++) {
            tenants[i] = "tenant-" + i;
            requests[i] = new CallRequest("echo", Map.of("message", "hi"), tenants[i], null, "bench", null);
            durations[i] = 20_000 + random.nextLong(40_000);
        }
        ok = gateway.call(requests[0]);
        if (!ok.ok()) {
            throw new IllegalStateException("echo through the gateway failed: " + ok.error());
        }
        Snapshot active = gateway.snapshot();
        Snapshot canary = active.withId("bench-canary");
        watch = new CanaryWatch(active, canary, CanarySettings.DEFAULTS, System::nanoTime, Instant.now(),
                reason -> canaryFailures.incrementAndGet(), null);
        routing = switch (mode) {
            case "noCanary" -> Routing.of(active);
            case "route", "routeAndRecord" -> new Routing(active, canary, CANARY_BASIS_POINTS, watch);
            default -> null;
        };
        if (mode.equals("gatewayCallWithCanary")) {
            gateway.requestCanary(LockFile.empty("bench", Instant.now()), CANARY_BASIS_POINTS / 100, "bench");
            if (gateway.routing().canary() == null) {
                throw new IllegalStateException("the canary did not start");
            }
        }
    }

    /** A canary rolled back mid-run (it should not be: both sides are the same code) would void the figures. */
    @TearDown(Level.Iteration)
    public void check() {
        if (canaryFailures.get() > 0) {
            throw new IllegalStateException("the watch failed the canary " + canaryFailures.get() + " times");
        }
        if (mode.equals("gatewayCallWithCanary") && gateway.routing().canary() == null) {
            throw new IllegalStateException("the canary was rolled back during the run");
        }
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        gateway.close();
        TempDirs.delete(directory);
    }

    @Benchmark
    @Threads(1)
    public Object oneThread(Cursor cursor) {
        return once(cursor.next());
    }

    @Benchmark
    @Threads(4)
    public Object fourThreads(Cursor cursor) {
        return once(cursor.next());
    }

    private Object once(int i) {
        switch (mode) {
            case "noCanary", "route" -> {
                return routing.route(tenants[i]);
            }
            case "routeAndRecord" -> {
                Snapshot target = routing.route(tenants[i]);
                watch.record(target, "echo", ok, durations[i]);
                return target;
            }
            default -> {
                ToolResult result = gateway.call(requests[i]);
                if (!result.ok()) {
                    throw new IllegalStateException("echo failed: " + result.error());
                }
                return result;
            }
        }
    }
}
