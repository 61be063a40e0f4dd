package dev.rig.core.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * A connection of a {@link Database} that one writer keeps across many transactions (see
 * {@link Database#hold}). On SQLite a transaction is an explicit {@code BEGIN IMMEDIATE} ...
 * {@code COMMIT} in auto-commit mode (the driver's own {@code commit()} would at once begin the next,
 * write-locking, transaction), both prepared once, not parsed again for every transaction; on
 * PostgreSQL it is JDBC's {@code setAutoCommit(false)} and {@code commit()}. Not thread-safe: one
 * writer at a time uses it.
 */
public final class HeldConnection implements AutoCloseable {

    private final Database database;
    private final Connection connection;
    private final PreparedStatement begin; // SQLite only
    private final PreparedStatement commit; // SQLite only

    HeldConnection(Database database, Connection connection) throws SQLException {
        this.database = database;
        this.connection = connection;
        if (database.isSqlite()) {
            this.begin = connection.prepareStatement("BEGIN IMMEDIATE");
            this.commit = connection.prepareStatement("COMMIT");
        } else {
            this.begin = null;
            this.commit = null;
        }
    }

    /** The connection, for preparing the writer's own statements; stays open until {@link #close}. */
    public Connection connection() {
        return connection;
    }

    /**
     * Runs {@code work} in one write transaction on this connection, as
     * {@link Database#inTransaction(Database.TransactionWork)} does on a pooled one.
     *
     * @throws SQLException from {@code work}, or when beginning or committing fails
     */
    public <T> T inTransaction(Database.TransactionWork<T> work) throws SQLException {
        if (begin != null) {
            begin.execute();
        } else {
            connection.setAutoCommit(false);
        }
        try {
            T result = work.run(connection);
            if (commit != null) {
                commit.execute();
            } else {
                connection.commit();
            }
            return result;
        } catch (Throwable e) {
            database.rollback(connection, e);
            throw e;
        }
    }

    /** Returns the connection to the pool (its statements are closed with it). */
    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
