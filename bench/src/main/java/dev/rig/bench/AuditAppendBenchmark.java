package dev.rig.bench;

import dev.rig.core.audit.AuditEvent;
import dev.rig.core.audit.AuditEntry;
import dev.rig.core.audit.JdbcAuditLog;
import dev.rig.core.audit.Outcome;
import dev.rig.core.config.AuditDurability;
import dev.rig.core.config.DatabaseSettings;
import dev.rig.core.store.Database;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
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
 * The audit log alone: {@code JdbcAuditLog.append(event)} of an echo-sized event, which returns once
 * the event is committed. With one caller every append is its own transaction (one fsync); with 8 or
 * 64 callers the writer's group commit puts the events queued meanwhile into one transaction, so the
 * batch size grows with the callers. {@code db=crash} is the shipped default (SQLite WAL,
 * {@code synchronous=NORMAL}); {@code db=power_loss} adds an fsync per commit
 * ({@code synchronous=FULL}); {@code db=memory} is the baseline without disk.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar AuditAppendBenchmark}
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m", "--enable-native-access=ALL-UNNAMED"})
@State(Scope.Benchmark)
public class AuditAppendBenchmark {

    /**
     * {@code crash}: SQLite file with the default {@code audit_durability: crash} (WAL,
     * {@code synchronous=NORMAL}: no fsync per commit; survives kill -9, not a power cut);
     * {@code power_loss}: {@code synchronous=FULL}, an fsync per group commit; {@code memory}: no disk.
     */
    @Param({"crash", "power_loss", "memory"})
    public String db;

    private Path directory;
    private Database database;
    private JdbcAuditLog audit;

    @Setup(Level.Trial)
    public void open() throws IOException {
        directory = Files.createTempDirectory("rig-audit-bench-");
        database = Database.open(db.equals("memory") ? new DatabaseSettings("jdbc:sqlite::memory:", null, null)
                : DatabaseSettings.sqlite(directory.resolve("audit.db")).withDurability(AuditDurability.fromWire(db)));
        audit = new JdbcAuditLog(database);
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        audit.close();
        database.close();
        TempDirs.delete(directory);
    }

    @Benchmark
    @Threads(1)
    public AuditEntry oneThread() {
        return append();
    }

    @Benchmark
    @Threads(8)
    public AuditEntry eightThreads() {
        return append();
    }

    @Benchmark
    @Threads(64)
    public AuditEntry sixtyFourThreads() {
        return append();
    }

    private AuditEntry append() {
        return audit.append(new AuditEvent(Instant.now(), "default", "anonymous", UUID.randomUUID().toString(), "echo",
                "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae", "{\"message\":\"hi\"}",
                Outcome.OK, 0, null, null, "echo", "0.1.0", "6ba8ebd5b872243d94aebae5637ddce53d00c08543a46e11934c0b342db0ea77",
                null));
    }
}
