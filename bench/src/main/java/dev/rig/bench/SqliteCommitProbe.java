package dev.rig.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.UUID;

/**
 * Raw SQLite (no RIG code), the audit table's shape: what one row costs to commit, to separate what
 * SQLite costs from what the gateway adds. Two questions, each against a fresh WAL database file:
 *
 * <ol>
 *   <li>random vs time-ordered run ids (the {@code run_id} index), 1-row and 64-row transactions,
 *       {@code synchronous=NORMAL} and {@code FULL}: µs per row;</li>
 *   <li>the latency of 8-row commits with SQLite's automatic WAL checkpoint (every 1000 pages, done
 *       by whichever commit crosses the mark, with its fsyncs) vs {@code wal_autocheckpoint=0}.</li>
 * </ol>
 *
 * <p>Run: {@code java --enable-native-access=ALL-UNNAMED -cp bench/target/benchmarks.jar dev.rig.bench.SqliteCommitProbe}
 * (about 30 s).
 */
public final class SqliteCommitProbe {

    private static final String TABLE = """
            CREATE TABLE audit_events (seq INTEGER PRIMARY KEY, timestamp TEXT NOT NULL, tenant_id TEXT NOT NULL,
             actor TEXT, run_id TEXT NOT NULL, tool TEXT NOT NULL, input_hash TEXT, args_json TEXT, outcome TEXT NOT NULL,
             duration_ms INTEGER NOT NULL, pack TEXT, pack_version TEXT, interface_hash TEXT, prev_hash TEXT NOT NULL,
             hash TEXT NOT NULL)""";
    private static final String HASH = "6ba8ebd5b872243d94aebae5637ddce53d00c08543a46e11934c0b342db0ea77";

    private SqliteCommitProbe() {}

    public static void main(String[] args) throws Exception {
        System.out.println("indexes: run_id, (tenant_id, seq) -- as migration V2");
        for (String sync : new String[] {"NORMAL", "FULL"}) {
            for (boolean ordered : new boolean[] {false, true}) {
                for (int batch : new int[] {1, 64}) {
                    perRow(sync, ordered, batch);
                }
            }
        }
        for (int auto : new int[] {1000, 0}) {
            checkpointStalls(auto);
        }
    }

    private static void perRow(String sync, boolean ordered, int batch) throws Exception {
        Path dir = Files.createTempDirectory("rig-sqlite-probe-");
        try (Connection c = open(dir, sync, 1000)) {
            int rows = batch == 1 ? 4000 : 64_000;
            long[] seq = {0};
            insert(c, rows, batch, ordered, seq); // warm-up, and a table that is not empty
            long start = System.nanoTime();
            insert(c, rows, batch, ordered, seq);
            double us = (System.nanoTime() - start) / 1e3;
            System.out.printf("synchronous=%-6s ids=%-7s %2d-row commits: %6.1f us/row (%,8.0f rows/s)%n", sync,
                    ordered ? "ordered" : "random", batch, us / rows, rows / (us / 1e6));
        } finally {
            TempDirs.delete(dir);
        }
    }

    private static void checkpointStalls(int autoCheckpoint) throws Exception {
        Path dir = Files.createTempDirectory("rig-sqlite-probe-");
        try (Connection c = open(dir, "NORMAL", autoCheckpoint)) {
            int commits = 30_000;
            long[] seq = {0};
            long[] latency = new long[commits];
            for (int i = 0; i < commits; i++) {
                long t = System.nanoTime();
                insert(c, 8, 8, false, seq);
                latency[i] = System.nanoTime() - t;
            }
            long[] s = Arrays.copyOfRange(latency, commits / 4, commits);
            Arrays.sort(s);
            System.out.printf("wal_autocheckpoint=%-4d 8-row commits: p50 %5.0f us, p99 %6.0f us, p99.9 %6.0f us%n",
                    autoCheckpoint, s[s.length / 2] / 1e3, s[(int) (s.length * 0.99)] / 1e3,
                    s[(int) (s.length * 0.999)] / 1e3);
        } finally {
            TempDirs.delete(dir);
        }
    }

    private static Connection open(Path dir, String sync, int autoCheckpoint) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("audit.db"));
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=" + sync);
            s.execute("PRAGMA wal_autocheckpoint=" + autoCheckpoint);
            s.execute(TABLE);
            s.execute("CREATE INDEX audit_events_run_id ON audit_events (run_id)");
            s.execute("CREATE INDEX audit_events_tenant_seq ON audit_events (tenant_id, seq)");
        }
        return c;
    }

    private static void insert(Connection c, int rows, int batch, boolean ordered, long[] seq) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO audit_events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
             Statement tx = c.createStatement()) {
            for (int done = 0; done < rows; done += batch) {
                tx.execute("BEGIN IMMEDIATE");
                for (int b = 0; b < batch; b++) {
                    long n = ++seq[0];
                    insert.setLong(1, n);
                    insert.setString(2, java.time.Instant.now().toString());
                    insert.setString(3, "default");
                    insert.setString(4, "anonymous");
                    insert.setString(5, ordered ? timeOrdered() : UUID.randomUUID().toString());
                    insert.setString(6, "echo");
                    insert.setString(7, HASH);
                    insert.setString(8, "{\"message\":\"hi\"}");
                    insert.setString(9, "ok");
                    insert.setLong(10, 0);
                    insert.setString(11, "echo");
                    insert.setString(12, "0.1.0");
                    insert.setString(13, HASH);
                    insert.setString(14, HASH);
                    insert.setString(15, HASH);
                    insert.addBatch();
                }
                insert.executeBatch();
                tx.execute("COMMIT");
            }
        }
    }

    /** A UUIDv7-style id: 48 bits of milliseconds first, so ids sort (and index) in time order. */
    private static String timeOrdered() {
        UUID random = UUID.randomUUID();
        long high = (System.currentTimeMillis() << 16) | 0x7000L | (random.getMostSignificantBits() & 0x0FFFL);
        return new UUID(high, random.getLeastSignificantBits()).toString();
    }
}
