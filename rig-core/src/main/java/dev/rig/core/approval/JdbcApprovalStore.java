package dev.rig.core.approval;

import dev.rig.core.api.RigException;
import dev.rig.core.store.Database;
import dev.rig.spi.ErrorType;
import dev.rig.spi.RiskClass;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Approvals in the {@code approvals} table of a {@link Database}.
 *
 * <p>{@link #decide} is one compare-and-set {@code UPDATE ... WHERE status = 'PENDING'}, so of
 * any number of racing deciders exactly one wins. It also requires the approval to be unexpired
 * at {@code decidedAt}: an expired approval can no longer be approved or denied. Instants are
 * stored as fixed-width ISO-8601 UTC text with nine fraction digits, so they read back exactly
 * and text order is time order.
 */
public final class JdbcApprovalStore implements ApprovalStore {

    private static final Logger log = LoggerFactory.getLogger(JdbcApprovalStore.class);

    private static final DateTimeFormatter INSTANT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final String COLUMNS = "token, tool_name, risk_class, args_json, redacted_args_json, args_sha256, "
            + "tenant_id, actor, request_id, correlation_id, requested_at, expires_at, status, decided_by, decided_at";
    private static final String INSERT = "INSERT INTO approvals (" + COLUMNS + ") VALUES "
            + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String FIND = "SELECT " + COLUMNS + " FROM approvals WHERE token = ?";
    private static final String DECIDE = "UPDATE approvals SET status = ?, decided_by = ?, decided_at = ? "
            + "WHERE token = ? AND status = 'PENDING' AND expires_at > ?";
    private static final String PENDING = "SELECT " + COLUMNS + " FROM approvals "
            + "WHERE status = 'PENDING' AND expires_at > ?";
    private static final String OLDEST_FIRST = " ORDER BY requested_at, token";

    private final Database database;

    public JdbcApprovalStore(Database database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    /**
     * {@inheritDoc}
     *
     * @throws RigException {@code conflict} when an approval with this token exists already
     */
    @Override
    public void save(Approval approval) {
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setString(1, approval.token().toString());
            insert.setString(2, approval.toolName());
            insert.setString(3, approval.riskClass().name());
            insert.setString(4, approval.argsJson());
            insert.setString(5, approval.redactedArgsJson());
            insert.setString(6, approval.argsSha256());
            insert.setString(7, approval.tenantId());
            insert.setString(8, approval.actor());
            setNullable(insert, 9, approval.requestId());
            insert.setString(10, approval.correlationId());
            insert.setString(11, text(approval.requestedAt()));
            insert.setString(12, text(approval.expiresAt()));
            insert.setString(13, approval.status().name());
            setNullable(insert, 14, approval.decidedBy());
            setNullable(insert, 15, approval.decidedAt() == null ? null : text(approval.decidedAt()));
            insert.executeUpdate();
        } catch (SQLException e) {
            if (isUniqueViolation(e)) {
                throw new RigException(ErrorType.CONFLICT, "approval " + approval.token() + " exists already", e);
            }
            throw failure("approval " + approval.token() + " could not be stored", e);
        }
    }

    @Override
    public Optional<Approval> find(UUID token) {
        try (Connection connection = database.dataSource().getConnection()) {
            return find(connection, token);
        } catch (SQLException e) {
            throw failure("approval " + token + " could not be read", e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Empty as well when the approval has expired at {@code decidedAt}.
     *
     * @throws IllegalArgumentException when {@code status} is {@code PENDING}
     */
    @Override
    public Optional<Approval> decide(UUID token, ApprovalStatus status, String decidedBy, Instant decidedAt) {
        if (status == ApprovalStatus.PENDING) {
            throw new IllegalArgumentException("a decision is APPROVED or DENIED, not PENDING");
        }
        Objects.requireNonNull(decidedBy, "decidedBy");
        String at = text(Objects.requireNonNull(decidedAt, "decidedAt"));
        try (Connection connection = database.dataSource().getConnection()) {
            try (PreparedStatement update = connection.prepareStatement(DECIDE)) {
                update.setString(1, status.name());
                update.setString(2, decidedBy);
                update.setString(3, at);
                update.setString(4, token.toString());
                update.setString(5, at);
                if (update.executeUpdate() == 0) {
                    return Optional.empty();
                }
            }
            log.info("approval {} {} by {}", token, status, decidedBy);
            return find(connection, token); // decided rows never change again, so this reads our decision
        } catch (SQLException e) {
            throw failure("approval " + token + " could not be decided", e);
        }
    }

    @Override
    public List<Approval> pending(String tenantId, Instant now) {
        String sql = PENDING + (tenantId == null ? "" : " AND tenant_id = ?") + OLDEST_FIRST;
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, text(now));
            if (tenantId != null) {
                select.setString(2, tenantId);
            }
            List<Approval> approvals = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    approvals.add(read(rs));
                }
            }
            return approvals;
        } catch (SQLException e) {
            throw failure("pending approvals could not be read", e);
        }
    }

    private static Optional<Approval> find(Connection connection, UUID token) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(FIND)) {
            select.setString(1, token.toString());
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    private static Approval read(ResultSet rs) throws SQLException {
        String decidedAt = rs.getString("decided_at");
        return new Approval(
                UUID.fromString(rs.getString("token")),
                rs.getString("tool_name"),
                RiskClass.valueOf(rs.getString("risk_class")),
                rs.getString("args_json"),
                rs.getString("redacted_args_json"),
                rs.getString("args_sha256"),
                rs.getString("tenant_id"),
                rs.getString("actor"),
                rs.getString("request_id"),
                rs.getString("correlation_id"),
                Instant.parse(rs.getString("requested_at")),
                Instant.parse(rs.getString("expires_at")),
                ApprovalStatus.valueOf(rs.getString("status")),
                rs.getString("decided_by"),
                decidedAt == null ? null : Instant.parse(decidedAt));
    }

    private static String text(Instant instant) {
        return INSTANT.format(instant);
    }

    private static boolean isUniqueViolation(SQLException e) {
        return e instanceof SQLiteException sqlite
                ? sqlite.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY
                : "23505".equals(e.getSQLState());
    }

    private static RigException failure(String message, SQLException e) {
        log.error(message, e);
        return new RigException(ErrorType.INTERNAL_ERROR, message, e, "see the gateway log for the database error");
    }

    private static void setNullable(PreparedStatement ps, int index, String value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, value);
        }
    }
}
