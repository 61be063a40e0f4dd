package dev.rig.bench;

import dev.rig.core.Gateway;
import dev.rig.core.api.CallRequest;
import dev.rig.core.api.ToolResult;
import dev.rig.core.config.ConfigLoader;
import dev.rig.core.config.RigConfig;
import dev.rig.core.lock.LockFile;
import dev.rig.core.lock.LockedPack;
import dev.rig.core.registry.Snapshot;
import dev.rig.core.snapshot.Routing;
import dev.rig.spi.ErrorType;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Swap latency under load (issue 7: "new snapshot built to first call served on it ≤ 50 ms with 12
 * packs"): a gateway on a real workspace ({@code ConfigLoader.load(dir)} + {@code Gateway.open}), callers
 * calling all the time, and N rounds of canary → promotion.
 *
 * <p><b>Workload.</b> {@code --callers} platform threads (4) each loop over two calls: {@code echo
 * {"message":"hi"}} for the next of 10 000 tenants (every one must succeed), then the marker tool
 * ({@code fs.list_directory {"path":"."}}, a read of the empty fs root) for a tenant that the current canary
 * leaves on the active snapshot. Each round builds a canary, untimed: {@code requestCanary} of rig.lock
 * with the marker tool held back ({@code LockedPack.withDisabledTools}), or of rig.lock without it held
 * back, alternately, at {@code --percent} (10 %); lets ≥ 200 calls run on it; then times
 * {@code promote("bench")} from the call until the first marker call that <em>completes</em> with the
 * promoted snapshot's answer (refused as held back, or answered), and separately from the moment
 * {@code promote} returned (negative: a caller saw the new snapshot before promote returned).
 *
 * <p>Why a marker call and not {@code ToolResult.interfaceHash()}: a held-back tool stays in the
 * snapshot (blocked), so holding one back does not change the interface hash (it does change the
 * snapshot's content id); only the tool's answer shows which snapshot served the call. The run prints how
 * many rounds had a canary with the active snapshot's own id (0 expected).
 *
 * <p>Calls failed: any echo that is not ok, and any marker call that is neither ok nor refused as held
 * back. For information, it times {@code gateway.reload()} (the full rebuild of the workspace's packs)
 * {@code --reloads} times with the callers still running.
 *
 * <p>Run (see bench/swap.sh): {@code java -cp ... dev.rig.bench.SwapLatency --dir WORKSPACE [--rounds 30]
 * [--callers 4] [--percent 10] [--reloads 10] [--target-ms 50]}. Exits 1 when the p95 swap latency is above
 * the target, a call failed, or a promoted snapshot was never seen; 2 on a usage error.
 */
public final class SwapLatency {

    private static final String ECHO = "echo";
    private static final String MARKER = "fs.list_directory";
    private static final String MARKER_PACK = "fs";
    private static final int TENANTS = 10_000;
    private static final long SEEN_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(5);

    /** What the marker tool answers on a snapshot: it runs, or it is refused as held back. */
    private enum Marker { ENABLED, HELD_BACK }

    /** One promotion being watched: the answer the promoted snapshot gives, and when a caller first saw it. */
    private static final class Round {
        final Marker expected;
        final AtomicLong firstSeen = new AtomicLong();

        Round(Marker expected) {
            this.expected = expected;
        }
    }

    private final Gateway gateway;
    private final String[] tenants = new String[TENANTS];
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong markerCalls = new AtomicLong();
    private final AtomicLong heldBackAnswers = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    private volatile boolean running = true;
    private volatile String markerTenant;
    private volatile Round round;
    /** Marker answers with the snapshot's answer before the promotion (sanity check of each round). */
    private final AtomicLong oldAnswers = new AtomicLong();

    private SwapLatency(Gateway gateway) {
        this.gateway = gateway;
        for (int i = 0; i < TENANTS; i++) {
            tenants[i] = "tenant-" + i;
        }
    }

    public static void main(String[] args) throws Exception {
        Path dir = null;
        int rounds = 30;
        int callers = 4;
        int percent = 10;
        int reloads = 10;
        long targetMs = 50;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--dir" -> dir = Path.of(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--callers" -> callers = Integer.parseInt(args[++i]);
                case "--percent" -> percent = Integer.parseInt(args[++i]);
                case "--reloads" -> reloads = Integer.parseInt(args[++i]);
                case "--target-ms" -> targetMs = Long.parseLong(args[++i]);
                default -> {
                    System.err.println("usage: SwapLatency --dir WORKSPACE [--rounds N] [--callers N] [--percent P]"
                            + " [--reloads N] [--target-ms T]");
                    System.exit(2);
                }
            }
        }
        if (dir == null) {
            System.err.println("--dir WORKSPACE is required (a workspace made by bench/swap.sh)");
            System.exit(2);
        }
        RigConfig config = ConfigLoader.load(dir);
        long opening = System.nanoTime();
        int status;
        try (Gateway gateway = Gateway.open(config)) {
            System.out.printf(Locale.ROOT, "gateway opened in %d ms: %d packs, %d tools, %d problems%n",
                    (System.nanoTime() - opening) / 1_000_000, gateway.snapshot().packs().size(),
                    gateway.snapshot().tools().size(), gateway.snapshot().problems().size());
            gateway.snapshot().problems().forEach(p -> System.out.println("  problem: " + p.packId() + ": " + p.message()));
            status = new SwapLatency(gateway).run(config, rounds, callers, percent, reloads, targetMs);
        }
        System.exit(status);
    }

    private int run(RigConfig config, int rounds, int callerCount, int percent, int reloads, long targetMs)
            throws InterruptedException {
        LockFile base = LockFile.read(config.lockFile()).orElseThrow(() -> new IllegalStateException(
                "no rig.lock in " + config.workingDirectory() + ": install the packs first (bench/swap.sh does)"));
        LockedPack markerPack = base.pack(MARKER_PACK).orElseThrow(() -> new IllegalStateException(
                "pack " + MARKER_PACK + " is not in rig.lock"));
        if (!markerPack.disabledTools().isEmpty()) {
            throw new IllegalStateException("rig.lock holds back " + markerPack.disabledTools() + " already");
        }
        LockFile heldBack = base.with(markerPack.withDisabledTools(Set.of(MARKER)), "bench", Instant.now());
        if (marker(call(MARKER, tenants[0])) != Marker.ENABLED || !call(ECHO, tenants[0]).ok()) {
            throw new IllegalStateException("echo or " + MARKER + " fails before any swap");
        }

        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < callerCount; t++) {
            int offset = t * (TENANTS / callerCount);
            threads.add(Thread.ofPlatform().name("caller-" + t).start(() -> callLoop(offset)));
        }
        long[] swap = new long[rounds];
        long[] afterReturn = new long[rounds];
        long[] canaryBuild = new long[rounds];
        int sameId = 0;
        int unseen = 0;
        for (int r = 0; r < rounds; r++) {
            boolean holdBack = r % 2 == 0;
            markerTenant = null;
            long b0 = System.nanoTime();
            gateway.requestCanary(holdBack ? heldBack : base, percent, "bench");
            canaryBuild[r] = System.nanoTime() - b0;
            Routing routing = gateway.routing();
            if (routing.canary() == null) {
                throw new IllegalStateException("round " + r + ": the canary did not start");
            }
            if (routing.canary().id().equals(routing.active().id())) {
                sameId++;
            }
            markerTenant = tenantOnActive(routing);
            long oldBefore = oldAnswers.get();
            awaitCalls(200, () -> oldAnswers.get() > oldBefore);

            Round watched = new Round(holdBack ? Marker.HELD_BACK : Marker.ENABLED);
            round = watched;
            long t0 = System.nanoTime();
            gateway.promote("bench");
            long t1 = System.nanoTime();
            while (watched.firstSeen.get() == 0 && System.nanoTime() - t0 < SEEN_TIMEOUT_NANOS) {
                LockSupport.parkNanos(20_000);
            }
            long seen = watched.firstSeen.get();
            round = null;
            if (seen == 0) {
                unseen++;
                swap[r] = afterReturn[r] = Long.MAX_VALUE;
            } else {
                swap[r] = seen - t0;
                afterReturn[r] = seen - t1;
            }
            if (gateway.routing().canary() != null) {
                throw new IllegalStateException("round " + r + ": a canary is still on trial after the promotion");
            }
            awaitCalls(200, () -> true);
        }

        long[] reload = new long[reloads];
        for (int i = 0; i < reloads; i++) {
            long s = System.nanoTime();
            gateway.reload();
            reload[i] = System.nanoTime() - s;
        }
        running = false;
        for (Thread thread : threads) {
            thread.join();
        }

        Snapshot last = gateway.snapshot();
        System.out.printf(Locale.ROOT, "workspace: %d packs, %d tools; %d callers (echo + %s), canary at %d%%%n",
                last.packs().size(), last.tools().size(), callerCount, MARKER, percent);
        System.out.printf(Locale.ROOT, "swap latency, promote() called -> first call completed on the promoted"
                + " snapshot (%d rounds): %s%n", rounds, summary(swap));
        System.out.printf(Locale.ROOT, "  from promote() returned -> that call: %s%n", summary(afterReturn));
        System.out.printf(Locale.ROOT, "canary build, requestCanary() (not in the swap figure): %s%n",
                summary(canaryBuild));
        System.out.printf(Locale.ROOT, "gateway.reload(), full rebuild (%d times, callers running): %s%n", reloads,
                summary(reload));
        System.out.printf(Locale.ROOT, "calls: %d (%d marker calls, %d of them refused as held back, as expected);"
                + " failed: %d%n", calls.get(), markerCalls.get(), heldBackAnswers.get(), failed.get());
        System.out.printf(Locale.ROOT, "canaries with the active snapshot's own id: %d of %d (should be 0: held-back"
                + " tools are part of the snapshot id)%n", sameId, rounds);
        failures.stream().limit(5).forEach(f -> System.out.println("  failed call: " + f));
        int status = 0;
        if (unseen > 0) {
            System.out.println(unseen + " promoted snapshot(s) never answered a marker call within 5 s");
            status = 1;
        }
        if (failed.get() > 0) {
            System.out.println("calls failed during the swaps");
            status = 1;
        }
        long p95 = percentile(swap, 0.95);
        if (p95 > TimeUnit.MILLISECONDS.toNanos(targetMs)) {
            System.out.printf(Locale.ROOT, "p95 swap latency %.2f ms is above the target %d ms%n", p95 / 1e6, targetMs);
            status = 1;
        }
        return status;
    }

    private void callLoop(int offset) {
        long n = offset;
        while (running) {
            String tenant = tenants[(int) (n++ % TENANTS)];
            ToolResult echo = call(ECHO, tenant);
            calls.incrementAndGet();
            if (!echo.ok()) {
                fail(ECHO + " for " + tenant + ": " + echo.error());
            }
            String onActive = markerTenant;
            if (onActive == null) {
                continue;
            }
            ToolResult result = call(MARKER, onActive);
            long done = System.nanoTime();
            Round watched = round;
            calls.incrementAndGet();
            markerCalls.incrementAndGet();
            Marker answer = marker(result);
            if (answer == null) {
                fail(MARKER + " for " + onActive + ": " + result.error());
                continue;
            }
            if (answer == Marker.HELD_BACK) {
                heldBackAnswers.incrementAndGet();
            }
            // The snapshot being promoted answers the opposite of the active one: its answer marks it.
            if (watched == null) {
                oldAnswers.incrementAndGet();
            } else if (answer == watched.expected) {
                watched.firstSeen.compareAndSet(0, done);
            }
        }
    }

    private ToolResult call(String tool, String tenant) {
        Map<String, Object> args = tool.equals(ECHO) ? Map.of("message", "hi") : Map.of("path", ".");
        return gateway.call(new CallRequest(tool, args, tenant, null, "bench", null));
    }

    /** The marker tool's answer, or null when the call failed otherwise. */
    private static Marker marker(ToolResult result) {
        if (result.ok()) {
            return Marker.ENABLED;
        }
        if (result.error().type() == ErrorType.POLICY_BLOCKED && result.error().message().contains("not enabled")) {
            return Marker.HELD_BACK;
        }
        return null;
    }

    private void fail(String what) {
        failed.incrementAndGet();
        if (failures.size() < 20) {
            failures.add(what);
        }
    }

    /** A tenant the canary of {@code routing} leaves on the active snapshot. */
    private String tenantOnActive(Routing routing) {
        for (String tenant : tenants) {
            if (routing.route(tenant) == routing.active()) {
                return tenant;
            }
        }
        throw new IllegalStateException("every tenant routes to the canary");
    }

    /** Waits until {@code count} more calls completed and {@code also} holds (at most 10 s). */
    private void awaitCalls(long count, BooleanSupplier also) {
        long target = calls.get() + count;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while ((calls.get() < target || !also.getAsBoolean()) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(100_000);
        }
        if (calls.get() < target || !also.getAsBoolean()) {
            throw new IllegalStateException("the callers stalled: " + calls.get() + " calls");
        }
    }

    private static String summary(long[] nanos) {
        return String.format(Locale.ROOT, "p50 %s / p95 %s / max %s ms", ms(percentile(nanos, 0.50)),
                ms(percentile(nanos, 0.95)), ms(percentile(nanos, 1.0)));
    }

    private static String ms(long nanos) {
        return nanos == Long.MAX_VALUE ? "never" : String.format(Locale.ROOT, "%.2f", nanos / 1e6);
    }

    /** Nearest-rank percentile. */
    private static long percentile(long[] values, double p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
    }
}
