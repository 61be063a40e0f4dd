package dev.rig.core.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.rig.core.api.RigException;
import dev.rig.core.config.AuditDurability;
import dev.rig.core.config.DatabaseSettings;
import dev.rig.spi.ErrorType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The gateway's state store: a connection pool on SQLite or PostgreSQL with the schema migrated.
 *
 * <p><b>Lifecycle:</b> {@link #open} creates the pool and runs the Flyway migrations for the
 * dialect ({@code db/migration/sqlite} or {@code db/migration/postgresql}); {@link #close} closes
 * the pool. SQLite runs in WAL mode with {@code synchronous} chosen by
 * {@link AuditDurability} (NORMAL: a commit survives a crash of the gateway; FULL: also a power
 * loss), and a busy timeout so writers from several connections or processes queue instead of
 * failing. <b>Errors:</b> a database that cannot be opened or migrated is a {@link RigException}
 * ({@code internal_error}) naming the URL without its password. The password is never logged.
 */
public final class Database implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Database.class);
    private static final String SQLITE_PREFIX = "jdbc:sqlite:";
    private static final int BUSY_TIMEOUT_MS = 10_000;
    private static final long CONNECTION_TIMEOUT_MS = 10_000;
    /** The version of the newest migration under db/migration/{sqlite,postgresql} (a test keeps them equal). */
    static final String LATEST_SCHEMA_VERSION = "3";

    private final DatabaseSettings settings;
    private final HikariDataSource pool;

    private Database(DatabaseSettings settings, HikariDataSource pool) {
        this.settings = settings;
        this.pool = pool;
    }

    /**
     * Opens the pool and brings the schema up to date.
     *
     * @throws RigException {@code internal_error} when the database cannot be reached, created or
     *     migrated
     */
    public static Database open(DatabaseSettings settings) {
        Objects.requireNonNull(settings, "settings");
        String url = redact(settings.url());
        HikariConfig config = settings.isSqlite() ? sqliteConfig(settings) : postgresConfig(settings);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new RigException(ErrorType.INTERNAL_ERROR,
                    "cannot open database " + url + ": " + rootMessage(e), e,
                    settings.isSqlite()
                            ? "check that the SQLite file's directory is writable"
                            : "check that PostgreSQL is running at that address and the user and password are right");
        }
        if (atLatestSchema(pool)) {
            log.info("database ready: {} (schema version {}, up to date)", url, LATEST_SCHEMA_VERSION);
            return new Database(settings, pool);
        }
        try {
            String dialect = settings.isSqlite() ? "sqlite" : "postgresql";
            var result = Flyway.configure()
                    .dataSource(pool)
                    .locations("classpath:db/migration/" + dialect)
                    .load()
                    .migrate();
            log.info("database ready: {} (schema version {}, {} migrations applied)",
                    url, result.targetSchemaVersion, result.migrationsExecuted);
        } catch (RuntimeException e) { // FlywayException, or a driver failure beneath it
            pool.close();
            throw new RigException(ErrorType.INTERNAL_ERROR,
                    "cannot migrate database " + url + ": " + rootMessage(e), e,
                    "the database may belong to a newer RIG or have been changed by hand");
        }
        return new Database(settings, pool);
    }

    /**
     * Whether the schema history says the last migration this build ships was applied: then Flyway,
     * which costs about a third of a second of every start, is not needed. Any doubt (no history
     * table, another version, an error) lets Flyway decide.
     */
    private static boolean atLatestSchema(HikariDataSource pool) {
        try (Connection connection = pool.getConnection();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT version FROM flyway_schema_history WHERE success"
                     + " ORDER BY installed_rank DESC LIMIT 1")) {
            return row.next() && LATEST_SCHEMA_VERSION.equals(row.getString(1));
        } catch (SQLException e) {
            return false;
        }
    }

    /** The pooled data source; connections must be closed after use. */
    public DataSource dataSource() {
        return pool;
    }

    /** Whether this is SQLite (else PostgreSQL); the two differ in locking and some SQL. */
    public boolean isSqlite() {
        return settings.isSqlite();
    }

    /**
     * Runs {@code work} in one write transaction and commits it; rolls back on any failure.
     *
     * <p>On SQLite the transaction starts with {@code BEGIN IMMEDIATE}, so it holds the write lock
     * from its first statement (two writers cannot both read and then fail to upgrade). On
     * PostgreSQL it is an ordinary read-committed transaction: take row locks in {@code work}.
     *
     * @throws SQLException from {@code work}, or when beginning or committing fails
     */
    public <T> T inTransaction(TransactionWork<T> work) throws SQLException {
        try (HeldConnection connection = hold()) {
            return connection.inTransaction(work);
        }
    }

    /** A connection of this store that one writer keeps for many transactions; close it to give it back. */
    public HeldConnection hold() throws SQLException {
        Connection connection = pool.getConnection();
        try {
            return new HeldConnection(this, connection);
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** Closes the pool; connections in use are closed when returned. */
    @Override
    public void close() {
        pool.close();
    }

    @Override
    public String toString() {
        return "Database[" + redact(settings.url()) + "]";
    }

    /** Work done on one connection inside {@link #inTransaction}. */
    @FunctionalInterface
    public interface TransactionWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Rolls back the transaction open on {@code connection} after {@code failure}; never throws. */
    void rollback(Connection connection, Throwable failure) {
        try {
            if (isSqlite()) {
                execute(connection, "ROLLBACK");
            } else {
                connection.rollback();
            }
        } catch (SQLException e) {
            failure.addSuppressed(e);
            if (isSqlite()) {
                // SQLite may have rolled back by itself already; if not, never reuse the connection.
                pool.evictConnection(connection);
            }
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static HikariConfig sqliteConfig(DatabaseSettings settings) {
        Path file = sqliteFile(settings.url());
        boolean inMemory = file == null;
        if (!inMemory) {
            createParentDirectory(settings.url(), file);
        }
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sqlite.setSynchronous(settings.durability() == AuditDurability.POWER_LOSS
                ? SQLiteConfig.SynchronousMode.FULL : SQLiteConfig.SynchronousMode.NORMAL);
        sqlite.setBusyTimeout(BUSY_TIMEOUT_MS);
        sqlite.enforceForeignKeys(true);
        SQLiteDataSource dataSource = new SQLiteDataSource(sqlite);
        dataSource.setUrl(settings.url());

        HikariConfig config = baseConfig();
        config.setDataSource(dataSource);
        if (inMemory) {
            // Every connection to :memory: is a separate database: keep exactly one, forever.
            config.setMaximumPoolSize(1);
            config.setMinimumIdle(1);
            config.setMaxLifetime(0);
            config.setIdleTimeout(0);
        } else {
            config.setMaximumPoolSize(4);
            config.setMinimumIdle(1);
        }
        return config;
    }

    private static HikariConfig postgresConfig(DatabaseSettings settings) {
        HikariConfig config = baseConfig();
        config.setJdbcUrl(settings.url());
        if (settings.user() != null) {
            config.setUsername(settings.user());
        }
        if (settings.password() != null) {
            config.setPassword(settings.password());
        }
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        config.addDataSourceProperty("ApplicationName", "rig");
        // Keep row values (which may hold call arguments) out of exception messages and logs.
        config.addDataSourceProperty("logServerErrorDetail", "false");
        config.setMaximumPoolSize(8);
        config.setMinimumIdle(1);
        return config;
    }

    private static HikariConfig baseConfig() {
        HikariConfig config = new HikariConfig();
        config.setPoolName("rig-db");
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
        return config;
    }

    /** The file a SQLite URL names, or null for an in-memory database. */
    static Path sqliteFile(String url) {
        String rest = url.substring(SQLITE_PREFIX.length());
        if (rest.startsWith("file:")) {
            rest = rest.substring("file:".length());
        }
        int query = rest.indexOf('?');
        if (query >= 0) {
            if (rest.substring(query).contains("mode=memory")) {
                return null;
            }
            rest = rest.substring(0, query);
        }
        if (rest.isEmpty() || rest.equals(":memory:")) {
            return null;
        }
        try {
            return Path.of(rest);
        } catch (InvalidPathException e) {
            throw new RigException(ErrorType.INTERNAL_ERROR, "cannot open database " + url + ": bad file path", e,
                    "use jdbc:sqlite:<path to file>, for example jdbc:sqlite:.rig/rig.sqlite");
        }
    }

    private static void createParentDirectory(String url, Path file) {
        Path parent = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new RigException(ErrorType.INTERNAL_ERROR,
                    "cannot open database " + url + ": cannot create directory " + parent, e,
                    "check that the directory can be created and written by this user");
        }
    }

    static String redact(String url) {
        return url.replaceAll("(?i)password=[^&;]*", "password=***");
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return redact(message);
    }
}
