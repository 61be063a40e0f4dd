package dev.rig.core.audit;

import dev.rig.core.json.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
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

    private static final HexFormat HEX = HexFormat.of();
    /** uuuu-MM-dd'T'HH:mm:ss.SSS'Z': each field's digits, and the character after it. */
    private static final int[] TIMESTAMP_WIDTHS = {4, 2, 2, 2, 2, 2, 3};
    private static final String TIMESTAMP_SEPARATORS = "--T::.Z";

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
        LocalDateTime utc = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
        if (utc.getYear() < 0 || utc.getYear() > 9999) {
            return TIMESTAMP.format(instant);
        }
        // The formatter's pattern, written out by hand: this runs for every audited call.
        int[] fields = {utc.getYear(), utc.getMonthValue(), utc.getDayOfMonth(), utc.getHour(), utc.getMinute(),
                utc.getSecond(), utc.getNano() / 1_000_000};
        char[] text = new char[24];
        int at = 0;
        for (int i = 0; i < fields.length; i++) {
            int width = TIMESTAMP_WIDTHS[i];
            for (int d = at + width - 1, value = fields[i]; d >= at; d--, value /= 10) {
                text[d] = (char) ('0' + value % 10);
            }
            at += width;
            text[at++] = TIMESTAMP_SEPARATORS.charAt(i);
        }
        return new String(text);
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

    /**
     * The event as this row stores it, from the event it was made of: the same values, the
     * timestamp cut to the millisecond it is stored with (what {@link #toEvent} would read back).
     */
    static AuditEvent stored(AuditEvent event) {
        Instant timestamp = event.timestamp();
        Instant stored = timestamp.getNano() % 1_000_000 == 0 ? timestamp : timestamp.truncatedTo(ChronoUnit.MILLIS);
        if (stored == timestamp) {
            return event;
        }
        return new AuditEvent(stored, event.tenantId(), event.actor(), event.runId(), event.tool(), event.inputHash(),
                event.argsJson(), event.outcome(), event.durationMs(), event.errorType(), event.redactedAuthMarker(),
                event.pack(), event.packVersion(), event.interfaceHash(), event.approvalToken(), event.approver());
    }

    AuditEvent toEvent() {
        return new AuditEvent(Instant.parse(timestamp), tenantId, actor, runId, tool, inputHash, argsJson,
                Outcome.fromWire(outcome), durationMs, errorType, redactedAuthMarker, pack, packVersion,
                interfaceHash, approvalToken, approver);
    }

    /** This row's link in the chain: sha256 hex of {@code prevHash + "\n" + canonical()}. */
    String hash(String prevHash) {
        return hash(prevHash, CanonicalJson.sha256());
    }

    /** As {@link #hash(String)}, with a digest the caller reuses (it is reset first). */
    String hash(String prevHash, MessageDigest sha256) {
        sha256.reset();
        sha256.update(prevHash.getBytes(StandardCharsets.UTF_8));
        sha256.update((byte) '\n');
        return HEX.formatHex(sha256.digest(canonical().getBytes(StandardCharsets.UTF_8)));
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
        int plain = 0;
        while (plain < value.length() && !escaped(value.charAt(plain))) {
            plain++;
        }
        if (plain == value.length()) { // the common case: nothing to escape, one bulk copy
            out.append(value).append('"');
            return;
        }
        out.append(value, 0, plain);
        for (int i = plain; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append("\\u00").append(HEX.toHexDigits((byte) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }

    private static boolean escaped(char c) {
        return c == '"' || c == '\\' || c < 0x20;
    }

    private static void setNullable(PreparedStatement ps, int index, String value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, value);
        }
    }
}
