package dev.rig.core.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * One {@code audit_events} row as stored, in the canonical field order the hash chain covers.
 *
 * <p>Canonical form: a JSON array, no whitespace, of {@code [seq, timestamp, tenant_id, actor,
 * run_id, tool, input_hash, args_json, outcome, duration_ms, error_type, redacted_auth_marker,
 * pack, pack_version, interface_hash, approval_token]}, then {@code approver} as a 17th element
 * only when it is not null: numbers in decimal, absent values as {@code null}, strings in double
 * quotes with only {@code "} and {@code \} backslash-escaped and characters below U+0020 written as
 * {@code \}{@code u00xx} (lower-case hex). The entry's hash is the lower-case hex sha256 of the
 * UTF-8 bytes of {@code prev_hash + "\n" + canonical}.
 *
 * <p>{@code approver} came later (migration V3): a row without one has exactly the 16-element form
 * it had before, so entries written before the column existed still verify. A row with one is
 * covered by the hash like every other field; removing it (setting it null) changes the form too.
 */
record AuditRow(
        long seq,
        String timestamp,
        String tenantId,
        String actor,
        String runId,
        String tool,
        String inputHash,
        String argsJson,
        String outcome,
        long durationMs,
        String errorType,
        String redactedAuthMarker,
        String pack,
        String packVersion,
        String interfaceHash,
        String approvalToken,
        String approver) {

    /** The stored columns in canonical order (without prev_hash and hash). */
    static final String COLUMNS = "seq, timestamp, tenant_id, actor, run_id, tool, input_hash, args_json, outcome, "
            + "duration_ms, error_type, redacted_auth_marker, pack, pack_version, interface_hash, approval_token, "
            + "approver";

    /** The prev_hash of the first entry. */
    static final String GENESIS_HASH = "0".repeat(64);

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    static AuditRow of(long seq, AuditEvent event) {
        return new AuditRow(seq, timestamp(event.timestamp()), event.tenantId(), event.actor(), event.runId(),
                event.tool(), event.inputHash(), event.argsJson(), event.outcome().wireName(), event.durationMs(),
                event.errorType(), event.redactedAuthMarker(), event.pack(), event.packVersion(),
                event.interfaceHash(), event.approvalToken(), event.approver());
    }

    /** Reads the canonical columns of the current row of a result set selected with {@link #COLUMNS}. */
    static AuditRow read(ResultSet rs) throws SQLException {
        return new AuditRow(rs.getLong("seq"), rs.getString("timestamp"), rs.getString("tenant_id"),
                rs.getString("actor"), rs.getString("run_id"), rs.getString("tool"), rs.getString("input_hash"),
                rs.getString("args_json"), rs.getString("outcome"), rs.getLong("duration_ms"),
                rs.getString("error_type"), rs.getString("redacted_auth_marker"), rs.getString("pack"),
                rs.getString("pack_version"), rs.getString("interface_hash"), rs.getString("approval_token"),
                rs.getString("approver"));
    }

    /** The stored timestamp text of {@code instant}: UTC, millisecond precision, {@code Z}. */
    static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant);
    }

    /**
     * The stored timestamp text of the first millisecond at or after {@code instant}, so that
     * comparing stored text against it matches comparing instants.
     */
    static String timestampCeiling(Instant instant) {
        Instant floor = instant.truncatedTo(ChronoUnit.MILLIS);
        return timestamp(floor.equals(instant) ? floor : floor.plusMillis(1));
    }

    /** Binds the canonical columns, then {@code prevHash} and {@code hash}, from parameter 1. */
    void bind(PreparedStatement ps, String prevHash, String hash) throws SQLException {
        ps.setLong(1, seq);
        ps.setString(2, timestamp);
        ps.setString(3, tenantId);
        setNullable(ps, 4, actor);
        ps.setString(5, runId);
        ps.setString(6, tool);
        setNullable(ps, 7, inputHash);
        setNullable(ps, 8, argsJson);
        ps.setString(9, outcome);
        ps.setLong(10, durationMs);
        setNullable(ps, 11, errorType);
        setNullable(ps, 12, redactedAuthMarker);
        setNullable(ps, 13, pack);
        setNullable(ps, 14, packVersion);
        setNullable(ps, 15, interfaceHash);
        setNullable(ps, 16, approvalToken);
        setNullable(ps, 17, approver);
        ps.setString(18, prevHash);
        ps.setString(19, hash);
    }

    AuditEvent toEvent() {
        return new AuditEvent(Instant.parse(timestamp), tenantId, actor, runId, tool, inputHash, argsJson,
                Outcome.fromWire(outcome), durationMs, errorType, redactedAuthMarker, pack, packVersion,
                interfaceHash, approvalToken, approver);
    }

    /** This row's link in the chain: sha256 hex of {@code prevHash + "\n" + canonical()}. */
    String hash(String prevHash) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha256.digest((prevHash + "\n" + canonical()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    String canonical() {
        StringBuilder out = new StringBuilder(256).append('[').append(seq);
        for (String value : new String[] {timestamp, tenantId, actor, runId, tool, inputHash, argsJson, outcome}) {
            appendString(out.append(','), value);
        }
        out.append(',').append(durationMs);
        for (String value : new String[] {errorType, redactedAuthMarker, pack, packVersion, interfaceHash,
                approvalToken}) {
            appendString(out.append(','), value);
        }
        if (approver != null) { // absent, not null: rows from before V3 keep their form and hash
            appendString(out.append(','), approver);
        }
        return out.append(']').toString();
    }

    private static void appendString(StringBuilder out, String value) {
        if (value == null) {
            out.append("null");
            return;
        }
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append("\\u00").append(HexFormat.of().toHexDigits((byte) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }

    private static void setNullable(PreparedStatement ps, int index, String value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, value);
        }
    }
}
