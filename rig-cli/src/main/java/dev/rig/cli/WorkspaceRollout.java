package dev.rig.cli;

import dev.rig.core.audit.JdbcAuditLog;
import dev.rig.core.config.RigConfig;
import dev.rig.core.snapshot.Rollout;
import dev.rig.core.snapshot.SnapshotStore;
import dev.rig.core.store.Database;
import java.time.InstantSource;

/**
 * Role changes made by a command ({@code rig update --canary}, {@code rig promote}, {@code rig rollback})
 * on the workspace's files, audited in the workspace's database; a running gateway follows the files.
 * Opens the database only (no packs are loaded).
 */
final class WorkspaceRollout implements AutoCloseable {

    private final Database database;
    private final JdbcAuditLog audit;
    private final Rollout rollout;

    private WorkspaceRollout(Database database, JdbcAuditLog audit, Rollout rollout) {
        this.database = database;
        this.audit = audit;
        this.rollout = rollout;
    }

    static WorkspaceRollout open(RigConfig config) {
        Database database = Database.open(config.database());
        try {
            JdbcAuditLog audit = new JdbcAuditLog(database);
            return new WorkspaceRollout(database, audit, new Rollout(SnapshotStore.of(config.workingDirectory()),
                    config.lockFile(), config.packsDirectory(), audit, InstantSource.system(),
                    RigVersion.version()));
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    Rollout rollout() {
        return rollout;
    }

    @Override
    public void close() {
        try {
            audit.close();
        } finally {
            database.close();
        }
    }
}
