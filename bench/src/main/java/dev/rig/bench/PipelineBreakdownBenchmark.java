package dev.rig.bench;

import dev.rig.core.api.CallRequest;
import dev.rig.core.api.ToolResult;
import dev.rig.core.audit.AuditEntry;
import dev.rig.core.audit.AuditEvent;
import dev.rig.core.audit.AuditLog;
import dev.rig.core.audit.AuditPage;
import dev.rig.core.audit.AuditQuery;
import dev.rig.core.audit.ChainVerification;
import dev.rig.core.audit.JdbcAuditLog;
import dev.rig.core.approval.JdbcApprovalStore;
import dev.rig.core.config.AuditDurability;
import dev.rig.core.config.DatabaseSettings;
import dev.rig.core.pipeline.Pipeline;
import dev.rig.core.registry.Snapshot;
import dev.rig.core.secrets.SecretResolver;
import dev.rig.core.store.Database;
import dev.rig.core.Gateway;
import dev.rig.core.config.RigConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
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
 * Where the time of one pipeline call goes: the same {@link Pipeline} as the gateway's, assembled here
 * with one cost removed at a time (single caller thread, SampleTime in microseconds).
 *
 * <ul>
 *   <li>{@code stages}: every stage as the gateway runs them (the tool on the caller's thread, its
 *       deadline armed on the gateway's timer), audit a no-op: the CPU cost of resolve, allow,
 *       validate, approve, secrets, invoke, check-output and the audit event's preparation
 *       (canonical JSON, input hash).</li>
 *   <li>{@code audit-memdb}: as the gateway, with the group-committed audit log on an in-memory SQLite
 *       database (hand-off to the writer thread, the transaction, the hash chain; no disk).</li>
 *   <li>{@code audit-file}: as the gateway ships: SQLite file, WAL, {@code audit_durability: crash}
 *       ({@code synchronous=NORMAL}).</li>
 *   <li>{@code audit-file-power-loss}: {@code audit_durability: power_loss} ({@code synchronous=FULL},
 *       an fsync per commit).</li>
 * </ul>
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar PipelineBreakdownBenchmark}
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m", "--enable-native-access=ALL-UNNAMED"})
@State(Scope.Benchmark)
public class PipelineBreakdownBenchmark {

    @Param({"stages", "audit-memdb", "audit-file", "audit-file-power-loss"})
    public String variant;

    private Path directory;
    private Gateway gateway;
    private Database database;
    private AuditLog audit;
    private ScheduledThreadPoolExecutor timer;
    private Pipeline pipeline;
    private Snapshot snapshot;
    private final CallRequest request = CallRequest.of("echo", Map.of("message", "hi"));

    @Setup(Level.Trial)
    public void open() throws IOException {
        directory = Files.createTempDirectory("rig-breakdown-");
        // The gateway only provides the snapshot (packs loaded, schemas compiled, policy planned).
        gateway = Gateway.open(RigConfig.defaults(directory.resolve("snapshot")));
        snapshot = gateway.snapshot();
        database = Database.open(switch (variant) {
            case "audit-file" -> DatabaseSettings.sqlite(directory.resolve("audit.db"));
            case "audit-file-power-loss" -> DatabaseSettings.sqlite(directory.resolve("audit.db"))
                    .withDurability(AuditDurability.POWER_LOSS);
            default -> new DatabaseSettings("jdbc:sqlite::memory:", null, null);
        });
        audit = variant.startsWith("audit-") ? new JdbcAuditLog(database) : new NoAudit();
        timer = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().name("rig-deadlines").daemon(true).factory());
        timer.setRemoveOnCancelPolicy(true); // as Gateway.open
        pipeline = new Pipeline(new JdbcApprovalStore(database), new SecretResolver(List.of(), null), audit,
                timer, InstantSource.system(), Duration.ofHours(1));
        ToolResult first = pipeline.run(request, snapshot);
        if (!first.ok()) {
            throw new IllegalStateException("echo failed: " + first.error());
        }
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        timer.shutdownNow();
        audit.close();
        database.close();
        gateway.close();
        TempDirs.delete(directory);
    }

    @Benchmark
    @Threads(1)
    public ToolResult oneThread() {
        return pipeline.run(request, snapshot);
    }

    /** Accepts every event at once and stores nothing. */
    private static final class NoAudit implements AuditLog {
        private static final String ZEROS = "0".repeat(64);

        @Override public AuditEntry append(AuditEvent event) { return new AuditEntry(0, event, ZEROS, ZEROS); }
        @Override public AuditPage query(AuditQuery query) { throw new UnsupportedOperationException(); }
        @Override public ChainVerification verify() { return new ChainVerification(0, List.of()); }
        @Override public void close() {}
    }
}
