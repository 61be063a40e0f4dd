package dev.rig.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Pins the canonical form the audit hash chain covers, so that other tools can re-check a chain. */
class JdbcAuditHashTest {

    @Test
    void canonicalFormIsAJsonArrayOfTheStoredFieldsInFixedOrder() {
        AuditRow row = AuditRow.of(7, new AuditEvent(Instant.parse("2025-03-01T10:00:00.123456Z"), "acme", null,
                "run-1", "fs.write", "ab", "{\"path\":\"a\\\\b\",\"text\":\"x\ny\"}", Outcome.POLICY_DENIED, 12,
                "policy_blocked", "env:KEY", "fs", "1.0.0", "cd", null));

        assertThat(row.canonical()).isEqualTo("[7,\"2025-03-01T10:00:00.123Z\",\"acme\",null,\"run-1\",\"fs.write\","
                + "\"ab\",\"{\\\"path\\\":\\\"a\\\\\\\\b\\\",\\\"text\\\":\\\"x\\u000ay\\\"}\",\"policy_denied\",12,"
                + "\"policy_blocked\",\"env:KEY\",\"fs\",\"1.0.0\",\"cd\",null]");
    }

    @Test
    void hashIsSha256OfThePreviousHashANewlineAndTheCanonicalForm() throws Exception {
        AuditRow row = AuditRow.of(1, new AuditEvent(Instant.parse("2025-03-01T10:00:00Z"), "acme", "alice",
                "run-1", "echo.say", null, "{}", Outcome.OK, 0, null, null, null, null, null, null));
        String prev = "0".repeat(64);

        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest((prev + "\n" + row.canonical()).getBytes(StandardCharsets.UTF_8)));

        assertThat(row.hash(prev)).isEqualTo(expected);
        assertThat(row.canonical()).isEqualTo("[1,\"2025-03-01T10:00:00.000Z\",\"acme\",\"alice\",\"run-1\","
                + "\"echo.say\",null,\"{}\",\"ok\",0,null,null,null,null,null,null]");
    }

    @Test
    void approverIsAFinalElementOnlyWhenPresentAndTheHashCoversIt() {
        AuditEvent approved = new AuditEvent(Instant.parse("2025-03-01T10:00:00Z"), "acme", "ann", "run-1",
                "t.charge", null, "{}", Outcome.OK, 0, null, null, null, null, null,
                "7b1f0c5e-0000-4000-8000-000000000001", "bob");
        AuditEvent withoutApprover = new AuditEvent(approved.timestamp(), approved.tenantId(), approved.actor(),
                approved.runId(), approved.tool(), approved.inputHash(), approved.argsJson(), approved.outcome(),
                approved.durationMs(), approved.errorType(), approved.redactedAuthMarker(), approved.pack(),
                approved.packVersion(), approved.interfaceHash(), approved.approvalToken());
        String prev = "ab".repeat(32);
        AuditRow row = AuditRow.of(2, approved);
        AuditRow without = AuditRow.of(2, withoutApprover);

        assertThat(row.canonical()).isEqualTo("[2,\"2025-03-01T10:00:00.000Z\",\"acme\",\"ann\",\"run-1\","
                + "\"t.charge\",null,\"{}\",\"ok\",0,null,null,null,null,null,"
                + "\"7b1f0c5e-0000-4000-8000-000000000001\",\"bob\"]");
        assertThat(row.hash(prev)).isEqualTo("d0cc36936f78256c09ad09d939bd97204d68d314c88d1263f0af7fca9adc960f");
        // without an approver the row keeps the 16-element form every row had before the column existed
        assertThat(without.canonical()).isEqualTo(row.canonical().replace(",\"bob\"]", "]"));
        assertThat(without.hash(prev)).isEqualTo("6b905db3f8d9711ece79649e1b792faf6fbfef28fa5f319750cc908ddd67bce8");
    }
}
