package dev.rig.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rig.core.api.RigException;
import dev.rig.core.config.DatabaseSettings;
import dev.rig.spi.ErrorType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Opening, migrating and configuring the state database on real SQLite and PostgreSQL. */
class JdbcDatabaseTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void migratesTheSchemaWithAnEmptyChainHead(Backend backend) throws SQLException {
        try (ScratchDatabase scratch = ScratchDatabase.create(backend, dir)) {
            Database database = scratch.open();

            assertThat(database.isSqlite()).isEqualTo(backend == Backend.SQLITE);
            assertThat(queryString(database, "SELECT COUNT(*) FROM audit_events")).isEqualTo("0");
            assertThat(queryString(database, "SELECT COUNT(*) FROM approvals")).isEqualTo("0");
            assertThat(queryString(database, "SELECT seq || ':' || hash FROM audit_chain_head"))
                    .isEqualTo("0:" + "0".repeat(64));
        }
    }

    /** The migrations shipped under db/migration/{sqlite,postgresql}. */
    private static final int MIGRATIONS = 3;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void reopeningAMigratedDatabaseAppliesNothingTwice(Backend backend) throws SQLException {
        try (ScratchDatabase scratch = ScratchDatabase.create(backend, dir)) {
            scratch.open().close();
            Database again = scratch.open();

            assertThat(queryString(again, "SELECT COUNT(*) FROM flyway_schema_history WHERE success"))
                    .isEqualTo(String.valueOf(MIGRATIONS));
        }
    }

    @Test
    void theLatestSchemaVersionIsTheNewestShippedMigrationOfBothDialects() throws Exception {
        for (String dialect : new String[] {"sqlite", "postgresql"}) {
            Path migrations = Path.of(getClass().getResource("/db/migration/" + dialect).toURI());
            try (var files = Files.list(migrations)) {
                int newest = files.map(f -> f.getFileName().toString())
                        .map(name -> Integer.parseInt(name.substring(1, name.indexOf("__")))).max(Integer::compare)
                        .orElseThrow();
                assertThat(Database.LATEST_SCHEMA_VERSION).as(dialect).isEqualTo(String.valueOf(newest));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aDatabaseOneMigrationBehindIsStillMigratedOnOpen(Backend backend) throws SQLException {
        try (ScratchDatabase scratch = ScratchDatabase.create(backend, dir)) {
            Database first = scratch.open();
            first.inTransaction(connection -> {
                try (Statement statement = connection.createStatement()) {
                    statement.executeUpdate("DELETE FROM flyway_schema_history WHERE version = '"
                            + Database.LATEST_SCHEMA_VERSION + "'");
                    statement.executeUpdate("ALTER TABLE audit_events DROP COLUMN approver");
                }
                return null;
            });
            first.close();
            Database again = scratch.open();
            assertThat(queryString(again, "SELECT COUNT(*) FROM flyway_schema_history WHERE success"))
                    .isEqualTo(String.valueOf(MIGRATIONS));
            assertThat(queryString(again, "SELECT COUNT(approver) FROM audit_events")).isEqualTo("0");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aFailedTransactionLeavesNothingBehind(Backend backend) throws SQLException {
        try (ScratchDatabase scratch = ScratchDatabase.create(backend, dir)) {
            Database database = scratch.open();

            assertThatThrownBy(() -> database.inTransaction(connection -> {
                try (Statement statement = connection.createStatement()) {
                    statement.executeUpdate("UPDATE audit_chain_head SET seq = 99 WHERE id = 1");
                    statement.executeUpdate("INSERT INTO no_such_table VALUES (1)");
                }
                return null;
            })).isInstanceOf(SQLException.class);

            assertThat(queryString(database, "SELECT seq FROM audit_chain_head")).isEqualTo("0");
            // the connection went back to the pool usable, outside any transaction
            String result = database.inTransaction(connection -> "committed");
            assertThat(result).isEqualTo("committed");
        }
    }

    @Test
    void sqliteCreatesItsDirectoryAndRunsInWalModeWithTheChosenSync() throws SQLException {
        Path file = dir.resolve("a/b/rig.sqlite");
        try (Database database = Database.open(DatabaseSettings.sqlite(file))) {
            assertThat(file).exists();
            assertThat(queryString(database, "PRAGMA journal_mode")).isEqualToIgnoringCase("wal");
            assertThat(queryString(database, "PRAGMA synchronous")).isEqualTo("1"); // NORMAL: survives kill -9
            assertThat(Integer.parseInt(queryString(database, "PRAGMA busy_timeout"))).isPositive();
        }
        try (Database database = Database.open(DatabaseSettings.sqlite(file)
                .withDurability(dev.rig.core.config.AuditDurability.POWER_LOSS))) {
            assertThat(queryString(database, "PRAGMA synchronous")).isEqualTo("2"); // FULL: survives power loss
        }
    }

    @Test
    void sqliteInMemoryKeepsOneDatabase() throws SQLException {
        try (Database database = Database.open(new DatabaseSettings("jdbc:sqlite::memory:", null, null))) {
            assertThat(queryString(database, "SELECT COUNT(*) FROM audit_events")).isEqualTo("0");
        }
    }

    @Test
    void sqliteDirectoryThatCannotBeCreatedIsAnInternalErrorNamingTheUrl() throws Exception {
        Files.writeString(dir.resolve("blocker"), "a file, not a directory");
        DatabaseSettings settings = DatabaseSettings.sqlite(dir.resolve("blocker/sub/rig.sqlite"));

        assertThatThrownBy(() -> Database.open(settings))
                .isInstanceOfSatisfying(RigException.class, e -> {
                    assertThat(e.type()).isEqualTo(ErrorType.INTERNAL_ERROR);
                    assertThat(e.getMessage()).contains(settings.url()).contains("cannot create directory");
                    assertThat(e.hints()).isNotEmpty();
                });
    }

    @Test
    void unreachablePostgresIsAnInternalErrorThatNeverShowsThePassword() {
        DatabaseSettings settings = new DatabaseSettings(
                "jdbc:postgresql://127.0.0.1:1/rig?password=hunter2&ssl=false", "rig", "hunter3");

        assertThatThrownBy(() -> Database.open(settings))
                .isInstanceOfSatisfying(RigException.class, e -> {
                    assertThat(e.type()).isEqualTo(ErrorType.INTERNAL_ERROR);
                    assertThat(e.getMessage())
                            .contains("jdbc:postgresql://127.0.0.1:1/rig?password=***&ssl=false")
                            .doesNotContain("hunter2", "hunter3");
                    assertThat(e.hints()).singleElement().asString().contains("PostgreSQL is running");
                });
    }

    @Test
    void toStringNeverShowsThePassword() {
        try (ScratchDatabase scratch = ScratchDatabase.create(Backend.POSTGRESQL, dir)) {
            DatabaseSettings base = scratch.settings();
            // trust authentication ignores the password, so this opens
            try (Database database = Database.open(new DatabaseSettings(
                    base.url() + "&password=hunter2", base.user(), "hunter3"))) {
                assertThat(database.toString()).contains("password=***").doesNotContain("hunter2", "hunter3");
            }
        }
    }

    private static String queryString(Database database, String sql) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }
}
