package dev.rig.core.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where state (audit log, approvals) lives: a JDBC URL, SQLite by default, PostgreSQL for
 * several gateways sharing one store. {@code password} may be null and is never printed.
 * {@code durability} decides what a committed audit record survives.
 */
public record DatabaseSettings(String url, String user, String password, AuditDurability durability) {

    /** Settings with the default durability, {@link AuditDurability#CRASH}. */
    public DatabaseSettings(String url, String user, String password) {
        this(url, user, password, AuditDurability.CRASH);
    }

    public DatabaseSettings {
        durability = durability == null ? AuditDurability.CRASH : durability;
        Objects.requireNonNull(url, "url");
        if (!url.startsWith("jdbc:sqlite:") && !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("database.url must start with jdbc:sqlite: or jdbc:postgresql:, got '"
                    + url.replaceAll("password=[^&]*", "password=***") + "'");
        }
    }

    /** An embedded SQLite database in the file {@code path}. */
    public static DatabaseSettings sqlite(Path path) {
        return new DatabaseSettings("jdbc:sqlite:" + path, null, null);
    }

    /** The same store with {@code value} durability. */
    public DatabaseSettings withDurability(AuditDurability value) {
        return new DatabaseSettings(url, user, password, value);
    }

    public boolean isSqlite() {
        return url.startsWith("jdbc:sqlite:");
    }

    @Override
    public String toString() {
        return "DatabaseSettings[url=" + url.replaceAll("password=[^&]*", "password=***") + ", user=" + user
                + ", password=" + (password == null ? "null" : "***") + ", durability=" + durability.wireName() + "]";
    }
}
