package dev.rig.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.rig.core.api.CallRequest;
import dev.rig.core.Gateway;
import dev.rig.core.api.RigException;
import dev.rig.core.api.ToolResult;
import dev.rig.core.audit.AuditEntry;
import dev.rig.core.audit.AuditQuery;
import dev.rig.core.config.ConfigLoader;
import dev.rig.core.config.RigConfig;
import dev.rig.spi.ErrorType;
import dev.rig.spi.RiskClass;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole pipeline through the gateway facade, on a real SQLite store and the test pack. */
class GatewayCallTest {

    @TempDir
    Path dir;

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-25T10:00:00Z"));
    private Gateway gateway;

    private Gateway open(String yaml) throws IOException {
        if (yaml != null) {
            Files.writeString(dir.resolve("rig.yaml"), yaml);
        }
        RigConfig config = ConfigLoader.load(dir);
        InstantSource clock = () -> now.get();
        gateway = Gateway.open(config, clock, Duration.ofMillis(1), Map.of("T_API_KEY", "sk_test_SECRET42"));
        return gateway;
    }

    @AfterEach
    void close() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private List<AuditEntry> audit() {
        return gateway.queryAudit(AuditQuery.all()).entries();
    }

    @Test
    void okCallCarriesProvenanceAndIsAudited() throws IOException {
        open(null);
        ToolResult result = gateway.call(new CallRequest("t.echo", Map.of("message", "hi"), "acme", null, "ann", "c-1"));
        assertThat(result.ok()).isTrue();
        assertThat(result.output()).containsEntry("message", "hi");
        assertThat(result.correlationId()).isEqualTo("c-1");
        assertThat(result.pack()).isEqualTo("t");
        assertThat(result.packVersion()).isEqualTo("1.0.0");
        assertThat(result.interfaceHash()).matches("[0-9a-f]{64}").isEqualTo(gateway.snapshot().interfaceHash());
        assertThat(result.packSetVersion()).isEqualTo("dev");
        AuditEntry entry = audit().getFirst();
        assertThat(entry.event().runId()).isEqualTo("c-1");
        assertThat(entry.event().tenantId()).isEqualTo("acme");
        assertThat(entry.event().actor()).isEqualTo("ann");
        assertThat(entry.event().outcome().wireName()).isEqualTo("ok");
    }

    @Test
    void unknownToolIsNotFoundAndAudited() throws IOException {
        open(null);
        ToolResult result = gateway.call(CallRequest.of("t.nope", Map.of()));
        assertThat(result.ok()).isFalse();
        assertThat(result.error().type()).isEqualTo(ErrorType.NOT_FOUND);
        assertThat(result.error().message()).contains("t.nope");
        assertThat(audit()).hasSize(1);
    }

    @Test
    void validationNamesTheFieldAndTheToolNeverRuns() throws IOException {
        open(null);
        ToolResult wrongType = gateway.call(CallRequest.of("t.echo", Map.of("message", 5)));
        assertThat(wrongType.error().type()).isEqualTo(ErrorType.VALIDATION_ERROR);
        assertThat(wrongType.error().message()).contains("args.message");
        ToolResult missing = gateway.call(CallRequest.of("t.echo", Map.of()));
        assertThat(missing.error().message()).contains("args.message").contains("required");
        ToolResult extra = gateway.call(CallRequest.of("t.echo", Map.of("message", "x", "evil", 1)));
        assertThat(extra.error().message()).contains("args.evil");
    }

    @Test
    void readToolsAreRetriedOnTransientErrorsWithTheSameIdempotencyKey() throws IOException {
        open("policy: {retries: 3}\n");
        ToolResult result = gateway.call(CallRequest.of("t.flaky", Map.of("key", "a", "fails", 2)));
        assertThat(result.ok()).isTrue();
        assertThat(result.output()).containsEntry("attempts", 3);
        ToolResult exhausted = gateway.call(CallRequest.of("t.flaky", Map.of("key", "b", "fails", 9)));
        assertThat(exhausted.error().type()).isEqualTo(ErrorType.TRANSIENT);
        assertThat(exhausted.error().retryable()).isTrue();
    }

    @Test
    void writesAreNotRetriedUnlessIdempotent() throws IOException {
        open("policy: {retries: 3}\n");
        int before = runs("t.write_flaky");
        ToolResult write = gateway.call(CallRequest.of("t.write_flaky", Map.of()));
        assertThat(write.error().type()).isEqualTo(ErrorType.TRANSIENT);
        assertThat(runs("t.write_flaky") - before).isEqualTo(1);
        ToolResult idempotent = gateway.call(CallRequest.of("t.idempotent_write", Map.of("key", "w", "fails", 1)));
        assertThat(idempotent.ok()).isTrue();
        assertThat(idempotent.output()).containsEntry("attempts", 2);
    }

    @Test
    void retryWaitsAtLeastTheRetryAfterHint() throws IOException {
        open("policy: {retries: 1}\n");
        long start = System.nanoTime();
        ToolResult result = gateway.call(CallRequest.of("t.flaky", Map.of("key", "r", "fails", 1,
                "retry_after_ms", 300)));
        assertThat(result.ok()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void timeoutInterruptsTheToolAndReportsTimeout() throws IOException {
        open(null);
        ToolResult result = gateway.call(CallRequest.of("t.block", Map.of()));
        assertThat(result.error().type()).isEqualTo(ErrorType.TIMEOUT);
        assertThat(result.error().message()).contains("1 s");
        assertThat(Thread.currentThread().isInterrupted()).as("no interrupt may outlive the call").isFalse();
        assertThat(gateway.call(CallRequest.of("t.echo", Map.of("message", "next"))).ok()).isTrue();
    }

    @Test
    void manyQuickCallsOnOneThreadNeverSeeAStrayInterrupt() throws IOException {
        open(null);
        for (int i = 0; i < 2_000; i++) {
            assertThat(gateway.call(CallRequest.of("t.echo", Map.of("message", "m" + i))).ok()).isTrue();
        }
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void aToolCanRaiseTheRiskOfOneCallSoOnlyThatCallWaitsForApproval() throws IOException {
        open(null);
        int before = runs("t.update");
        assertThat(gateway.call(CallRequest.of("t.update", Map.of())).ok()).isTrue();
        ToolResult held = gateway.call(new CallRequest("t.update", Map.of("all_rows", true), null, null, "ann", null));
        assertThat(held.error().type()).isEqualTo(ErrorType.APPROVAL_REQUIRED);
        assertThat(held.approval().riskClass()).isEqualTo(RiskClass.DESTRUCTIVE);
        assertThat(runs("t.update")).isEqualTo(before + 1);
        assertThat(gateway.approve(held.approval().token(), "alice").ok()).isTrue();
        assertThat(runs("t.update")).isEqualTo(before + 2);
    }

    @Test
    void moneyIsHeldForApprovalAndApprovedExactlyOnceByAnotherActor() throws IOException {
        open(null);
        int before = runs("t.charge");
        ToolResult held = gateway.call(new CallRequest("t.charge", Map.of("amount", 500, "card", "4242-secret"),
                "acme", null, "ann", null));
        assertThat(held.error().type()).isEqualTo(ErrorType.APPROVAL_REQUIRED);
        UUID token = held.approval().token();
        assertThat(held.error().remediationHints()).contains("approve token: " + token);
        assertThat(held.approval().args()).containsEntry("card", "[redacted]");
        assertThat(runs("t.charge")).isEqualTo(before);
        assertThat(gateway.pendingApprovals("acme")).hasSize(1);
        assertThat(gateway.pendingApprovals("other")).isEmpty();

        assertThatThrownBy(() -> gateway.approve(token, "ann"))
                .isInstanceOfSatisfying(RigException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.PERMISSION_ERROR));
        ToolResult ran = gateway.approve(token, "bob");
        assertThat(ran.ok()).isTrue();
        assertThat(ran.output()).containsEntry("charged", 500).containsEntry("key_suffix", "42");
        assertThat(ran.correlationId()).isEqualTo(held.correlationId());
        assertThat(runs("t.charge")).isEqualTo(before + 1);
        assertThatThrownBy(() -> gateway.approve(token, "bob"))
                .isInstanceOfSatisfying(RigException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.NOT_FOUND));
        assertThat(runs("t.charge")).isEqualTo(before + 1);
        assertThat(audit()).extracting(e -> e.event().outcome().wireName()).containsExactly("ok", "approval_required");
        assertThat(audit()).allSatisfy(e -> assertThat(e.event().argsJson()).doesNotContain("4242-secret"));
        assertThat(audit().getFirst().event().redactedAuthMarker()).isEqualTo("env:T_API_KEY");
    }

    @Test
    void deniedAndExpiredApprovalsNeverRun() throws IOException {
        open("approvals: {ttl_seconds: 60}\n");
        int before = runs("t.charge");
        UUID denied = gateway.call(CallRequest.of("t.charge", Map.of("amount", 1))).approval().token();
        gateway.deny(denied, "bob");
        assertThatThrownBy(() -> gateway.approve(denied, "bob")).isInstanceOf(RigException.class);
        UUID expired = gateway.call(CallRequest.of("t.charge", Map.of("amount", 2))).approval().token();
        now.set(now.get().plusSeconds(61));
        assertThatThrownBy(() -> gateway.approve(expired, "bob"))
                .isInstanceOfSatisfying(RigException.class, e -> {
                    assertThat(e.reason()).isEqualTo(RigException.APPROVAL_EXPIRED);
                    assertThat(e.getMessage()).contains("expired");
                });
        assertThatThrownBy(() -> gateway.approve(UUID.randomUUID(), "bob")).isInstanceOf(RigException.class);
        assertThat(runs("t.charge")).isEqualTo(before);
        assertThat(gateway.pendingApprovals(null)).isEmpty();
    }

    @Test
    void theAuditRecordsWhoApprovedOrDeniedNextToTheRequester() throws IOException {
        open(null);
        UUID approved = gateway.call(new CallRequest("t.charge", Map.of("amount", 3), "acme", null, "ann", null))
                .approval().token();
        UUID denied = gateway.call(new CallRequest("t.charge", Map.of("amount", 4), "acme", null, "ann", null))
                .approval().token();

        assertThat(gateway.approve(approved, "bob").ok()).isTrue();
        gateway.deny(denied, "carol");

        assertThat(audit()).extracting(e -> e.event().outcome().wireName(), e -> e.event().approvalToken(),
                e -> e.event().actor(), e -> e.event().approver()).containsExactly(
                tuple("approval_denied", denied.toString(), "ann", "carol"),
                tuple("ok", approved.toString(), "ann", "bob"),
                tuple("approval_required", denied.toString(), "ann", null),
                tuple("approval_required", approved.toString(), "ann", null));
        assertThat(gateway.verifyAudit().intact()).isTrue();
    }

    @Test
    void pendingApprovalsSurviveARestart() throws IOException {
        open(null);
        UUID token = gateway.call(new CallRequest("t.charge", Map.of("amount", 7), null, null, "ann", null))
                .approval().token();
        gateway.close();
        gateway = null;
        open(null);
        assertThat(gateway.pendingApprovals(null)).extracting(t -> t.token()).containsExactly(token);
        assertThat(gateway.approve(token, "bob").output()).containsEntry("charged", 7);
    }

    @Test
    void secretsNeverLeakThroughToolErrors() throws IOException {
        open(null);
        ToolResult result = gateway.call(CallRequest.of("t.leaky", Map.of()));
        assertThat(result.error().type()).isEqualTo(ErrorType.AUTH_ERROR);
        assertThat(result.error().retryable()).isFalse();
        assertThat(result.error().message()).doesNotContain("SECRET42").contains("[redacted]");
    }

    @Test
    void missingSecretIsAnAuthErrorNamingTheSlot() throws IOException {
        Files.writeString(dir.resolve("rig.yaml"), "policy: {require_approval_for: []}\n");
        gateway = Gateway.open(ConfigLoader.load(dir), InstantSource.fixed(Instant.EPOCH.atZone(ZoneOffset.UTC)
                .toInstant()), Duration.ofMillis(1), Map.of());
        ToolResult result = gateway.call(CallRequest.of("t.charge", Map.of("amount", 1)));
        assertThat(result.error().type()).isEqualTo(ErrorType.AUTH_ERROR);
        assertThat(result.error().message()).contains("T_API_KEY");
    }

    @Test
    void outputNotMatchingItsSchemaIsAnInternalErrorNamingTheField() throws IOException {
        open(null);
        ToolResult result = gateway.call(CallRequest.of("t.bad_output", Map.of()));
        assertThat(result.error().type()).isEqualTo(ErrorType.INTERNAL_ERROR);
        assertThat(result.error().message()).contains("output.count");
    }

    @Test
    void unexpectedExceptionsAreInternalErrorsNamingThePackWithoutDetails() throws IOException {
        open(null);
        ToolResult result = gateway.call(CallRequest.of("t.boom", Map.of()));
        assertThat(result.error().type()).isEqualTo(ErrorType.INTERNAL_ERROR);
        assertThat(result.error().message()).contains("pack t").doesNotContain("kaboom");
    }

    @Test
    void policyDenyListBlocksAndHidesTools() throws IOException {
        open("policy: {denied_tools: [\"t.b*\"]}\n");
        ToolResult result = gateway.call(CallRequest.of("t.boom", Map.of()));
        assertThat(result.error().type()).isEqualTo(ErrorType.POLICY_BLOCKED);
        assertThat(gateway.tool("t.boom")).isEmpty();
        assertThat(gateway.tool("t.echo")).isPresent();
        assertThat(audit().getFirst().event().outcome().wireName()).isEqualTo("policy_denied");
    }

    @Test
    void allowListAndPerToolApprovalOverride() throws IOException {
        open("""
                policy:
                  allowed_tools: ["t.echo", "t.charge"]
                  tools:
                    "t.echo": {require_approval: true}
                """);
        assertThat(gateway.call(CallRequest.of("t.flaky", Map.of())).error().type())
                .isEqualTo(ErrorType.POLICY_BLOCKED);
        assertThat(gateway.call(CallRequest.of("t.echo", Map.of("message", "x"))).error().type())
                .isEqualTo(ErrorType.APPROVAL_REQUIRED);
    }

    @Test
    void stagesRunInTheOriginalOrder() throws IOException {
        open(null);
        assertThat(gateway.stages()).containsExactly("resolve", "allow", "validate", "approve", "secrets", "invoke",
                "check-output");
    }

    private static int runs(String tool) {
        var counter = TestPack.RUNS.get(tool);
        return counter == null ? 0 : counter.get();
    }
}
