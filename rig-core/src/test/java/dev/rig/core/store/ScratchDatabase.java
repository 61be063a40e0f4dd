package dev.rig.core.store;

import dev.rig.core.config.DatabaseSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A fresh, real database for one test: a SQLite file under the test's temp directory, or a new
 * PostgreSQL schema (dropped on close) in {@code RIG_TEST_PG_URL}, default
 * {@code jdbc:postgresql://127.0.0.1:5432/test} as user {@code postgres}.
 */
public final class ScratchDatabase implements AutoCloseable {

    private static final String PG_URL =
            System.getenv().getOrDefault("RIG_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String PG_USER = System.getenv().getOrDefault("RIG_TEST_PG_USER", "postgres");
    private static final String PG_PASSWORD = System.getenv("RIG_TEST_PG_PASSWORD");

    private final Backend backend;
    private final DatabaseSettings settings;
    private final String schema;
    private final List<Database> opened = new ArrayList<>();

    private ScratchDatabase(Backend backend, DatabaseSettings settings, String schema) {
        this.backend = backend;
        this.settings = settings;
        this.schema = schema;
    }

    /** A new empty store on {@code backend}; SQLite puts its file under {@code dir}. */
    public static ScratchDatabase create(Backend backend, Path dir) {
        if (backend == Backend.SQLITE) {
            return new ScratchDatabase(backend, DatabaseSettings.sqlite(dir.resolve("state/rig.sqlite")), null);
        }
        String schema = "rig_test_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        execute(PG_URL, "CREATE SCHEMA " + schema);
        String url = PG_URL + (PG_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new ScratchDatabase(backend, new DatabaseSettings(url, PG_USER, PG_PASSWORD), schema);
    }

    public Backend backend() {
        return backend;
    }

    public DatabaseSettings settings() {
        return settings;
    }

    /** Opens (and migrates) a new {@link Database} on this store; closed with this scratch database. */
    public Database open() {
        Database database = Database.open(settings);
        opened.add(database);
        return database;
    }

    /** A plain JDBC connection outside any pool, for tampering with rows and holding locks. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(settings.url(), settings.user(), settings.password());
    }

    /** Runs {@code sql} on a plain connection. */
    public void execute(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Override
    public void close() {
        opened.forEach(Database::close);
        if (schema != null) {
            execute(PG_URL, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    private static void execute(String url, String sql) {
        try (Connection connection = DriverManager.getConnection(url, PG_USER, PG_PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL for tests is not usable at " + url
                    + " (start it, or set RIG_TEST_PG_URL): " + e.getMessage(), e);
        }
    }
}
