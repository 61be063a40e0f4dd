package dev.rig.core.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.rig.core.Gateway;
import dev.rig.core.api.CallRequest;
import dev.rig.core.api.RigException;
import dev.rig.core.api.ToolResult;
import dev.rig.core.audit.AuditEntry;
import dev.rig.core.audit.AuditQuery;
import dev.rig.core.config.RigConfig;
import dev.rig.core.lock.JarDigest;
import dev.rig.core.lock.LockFile;
import dev.rig.core.lock.LockedPack;
import dev.rig.core.registry.PackJar;
import dev.rig.jarpacks.Flaky;
import dev.rig.spi.ErrorType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Canary, promotion and rollback through a real gateway: pack {@code flaky} 1.0 active, version 2.0 (a
 * real jar in its own class loader) on trial; SQLite audit log; the snapshot history on disk.
 */
class CanaryRolloutTest {

    @TempDir
    Path dir;

    private Gateway open() {
        return Gateway.open(RigConfig.defaults(dir));
    }

    private void installV1() throws IOException {
        PackJar.install(dir, "flaky", Flaky.class, Flaky.V1.class.getName());
    }

    /** rig.lock with flaky 2.0 (built from {@code pack}) in place of 1.0; its jar written beside 1.0's. */
    private LockFile candidate(Class<?> pack) throws IOException {
        LockFile lock = LockFile.read(dir.resolve("rig.lock")).orElseThrow();
        LockedPack v2 = PackJar.installVersion(dir, "flaky", "2.0", Flaky.class, pack.getName());
        return lock.with(v2, "test", Instant.now());
    }

    private static ToolResult call(Gateway gateway, String tenant) {
        return gateway.call(new CallRequest("flaky.work", Map.of(), tenant, null, "agent", null));
    }

    private static String version(ToolResult result) {
        assertThat(result.ok()).as("call ok: %s", result.error()).isTrue();
        return (String) result.output().get("version");
    }

    private static List<AuditEntry> audited(Gateway gateway, String tool) {
        return gateway.queryAudit(new AuditQuery(null, null, null, null, tool, null, null, 100, null)).entries();
    }

    @Test
    void aCanaryServesItsShareOfTenantsStickilyAndIsPromotedByHand() throws IOException {
        installV1();
        try (Gateway gateway = open()) {
            String v1 = gateway.snapshot().id();
            gateway.requestCanary(candidate(Flaky.V2.class), 10, "alice");
            Routing routing = gateway.routing();
            assertThat(routing.canary()).isNotNull();
            assertThat(routing.active().id()).isEqualTo(v1);
            assertThat(routing.canary().id()).isNotEqualTo(v1).hasSize(12);

            Map<String, String> versionByTenant = new HashMap<>();
            for (int i = 0; i < 1000; i++) {
                versionByTenant.put("tenant-" + i, version(call(gateway, "tenant-" + i)));
            }
            long onCanary = versionByTenant.values().stream().filter("2.0"::equals).count();
            assertThat(onCanary).as("about 10%% of 1000 tenants").isBetween(60L, 140L);
            for (int i = 0; i < 1000; i += 7) {
                assertThat(version(call(gateway, "tenant-" + i))).as("sticky").isEqualTo(versionByTenant.get("tenant-" + i));
            }
            CanaryWatch.Metrics metrics = gateway.routing().watch().metrics();
            assertThat(metrics.canary().callsSinceStart() + metrics.active().callsSinceStart()).isEqualTo(1143);
            assertThat(metrics.canary().window().errorRate()).isZero();
            assertThat(metrics.canary().window().p95Nanos()).isPositive();

            Rollout.Change change = gateway.promote("bob");
            assertThat(change.event()).isEqualTo("promoted");
            assertThat(change.from()).isEqualTo(v1);
            assertThat(gateway.routing().canary()).isNull();
            assertThat(gateway.snapshot().id()).isEqualTo(routing.canary().id());
            for (int i = 0; i < 50; i++) {
                assertThat(version(call(gateway, "tenant-" + i))).isEqualTo("2.0");
            }
            assertThat(LockFile.read(dir.resolve("rig.lock")).orElseThrow().pack("flaky").orElseThrow().version())
                    .isEqualTo("2.0");
            Roles roles = gateway.snapshotHistory().roles();
            assertThat(roles.active()).isEqualTo(routing.canary().id());
            assertThat(roles.previous()).isEqualTo(v1);
            assertThat(roles.history()).extracting(Roles.Event::event)
                    .containsSubsequence("canary_requested", "canary_started", "promoted");
            assertThat(audited(gateway, "rig.snapshot.promote")).singleElement().satisfies(e -> {
                assertThat(e.event().actor()).isEqualTo("bob");
                assertThat(e.event().tenantId()).isEqualTo(Rollout.AUDIT_TENANT);
                assertThat(e.event().argsJson()).contains("\"from\":\"" + v1 + "\"")
                        .contains("\"to\":\"" + routing.canary().id() + "\"");
            });
            assertThat(audited(gateway, "rig.snapshot.canary")).singleElement()
                    .satisfies(e -> assertThat(e.event().actor()).isEqualTo("alice"));
            assertThat(gateway.verifyAudit().intact()).isTrue();
        }
    }

    @Test
    void aCanaryThatFailsHalfItsCallsIsRolledBackOnItsOwn() throws IOException {
        installV1();
        String lockBefore = Files.readString(dir.resolve("rig.lock"));
        try (Gateway gateway = open()) {
            gateway.requestCanary(candidate(Flaky.V2Failing.class), 50, "alice");
            String canary = gateway.routing().canary().id();
            AtomicLong failures = new AtomicLong();
            AtomicLong tenant = new AtomicLong();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                for (int i = 0; i < 10; i++) {
                    if (!call(gateway, "t" + tenant.incrementAndGet() % 40).ok()) {
                        failures.incrementAndGet();
                    }
                }
                return gateway.routing().canary() == null;
            });
            assertThat(failures.get()).as("the canary really failed calls").isPositive();
            for (int i = 0; i < 40; i++) {
                assertThat(version(call(gateway, "t" + i))).isEqualTo("1.0");
            }
            Roles roles = gateway.snapshotHistory().roles();
            assertThat(roles.canary()).isNull();
            Roles.Event last = roles.history().get(roles.history().size() - 1);
            assertThat(last.event()).isEqualTo("canary_rolled_back");
            assertThat(last.snapshot()).isEqualTo(canary);
            assertThat(last.actor()).isEqualTo("rig");
            assertThat(last.reason()).startsWith("automatic: error rate").contains("above 2.0× the active snapshot's");
            assertThat(audited(gateway, "rig.snapshot.rollback")).singleElement()
                    .satisfies(e -> assertThat(e.event().argsJson()).contains("automatic: error rate"));
            assertThat(Files.readString(dir.resolve("rig.lock"))).isEqualTo(lockBefore);
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(dir.resolve(".rig/packs/flaky/2.0")).as("no role needs it").doesNotExist());
            assertThat(dir.resolve(".rig/packs/flaky/1.0")).isDirectory();
        }
    }

    @Test
    void aToolThatRanWithoutApprovalButNeedsItOnTheCanaryRollsTheCanaryBack() throws IOException {
        installV1();
        try (Gateway gateway = open()) {
            gateway.requestCanary(candidate(Flaky.V2Money.class), 100, "alice");
            ToolResult held = call(gateway, "anyone");
            assertThat(held.ok()).isFalse();
            assertThat(held.error().type()).isEqualTo(ErrorType.APPROVAL_REQUIRED);
            await().atMost(Duration.ofSeconds(10)).until(() -> gateway.routing().canary() == null);
            assertThat(version(call(gateway, "anyone"))).isEqualTo("1.0");
            Roles roles = gateway.snapshotHistory().roles();
            assertThat(roles.history().get(roles.history().size() - 1).reason())
                    .contains("tool flaky.work runs without approval on the active snapshot")
                    .contains("the canary held a call of it for approval");
        }
    }

    @Test
    void noCallFailsWhileFiftySwapsHappenUnderLoad() throws Exception {
        installV1();
        LockFile v1 = LockFile.read(dir.resolve("rig.lock")).orElseThrow();
        try (Gateway gateway = open()) {
            LockFile v2 = candidate(Flaky.V2.class);
            AtomicBoolean running = new AtomicBoolean(true);
            ConcurrentLinkedQueue<String> failed = new ConcurrentLinkedQueue<>();
            AtomicLong calls = new AtomicLong();
            List<Thread> callers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int caller = t;
                callers.add(Thread.ofPlatform().start(() -> {
                    long n = 0;
                    while (running.get()) {
                        ToolResult result = call(gateway, "tenant-" + caller + "-" + (n++ % 50));
                        calls.incrementAndGet();
                        if (!result.ok()) {
                            failed.add(result.error().type() + ": " + result.error().message());
                        }
                    }
                }));
            }
            int swaps = 0;
            for (int round = 0; swaps < 50; round++) {
                gateway.requestCanary(round % 2 == 0 ? v2 : v1, 50, "swapper");
                swaps++;
                long before = calls.get();
                await().atMost(Duration.ofSeconds(5)).until(() -> calls.get() > before + 20);
                gateway.promote("swapper");
                swaps++;
                long after = calls.get();
                await().atMost(Duration.ofSeconds(5)).until(() -> calls.get() > after + 20);
            }
            running.set(false);
            for (Thread caller : callers) {
                caller.join();
            }
            assertThat(failed).as("calls failed during the swaps").isEmpty();
            assertThat(calls.get()).isGreaterThan(2000);
            assertThat(gateway.snapshotHistory().roles().history().stream()
                    .filter(e -> e.event().equals("promoted")).count()).isEqualTo(25);
        }
    }

    @Test
    void aRestartResumesThePromotedSnapshotAndARollbackRestoresThePreviousJarsExactly() throws IOException {
        installV1();
        LockedPack v1 = LockFile.read(dir.resolve("rig.lock")).orElseThrow().pack("flaky").orElseThrow();
        String promoted;
        String v1Id;
        try (Gateway gateway = open()) {
            v1Id = gateway.snapshot().id();
            gateway.requestCanary(candidate(Flaky.V2.class), 10, "alice");
            promoted = gateway.promote("bob").to();
        }
        int events;
        try (Gateway gateway = open()) {
            assertThat(gateway.snapshot().id()).isEqualTo(promoted);
            assertThat(gateway.routing().canary()).isNull();
            assertThat(version(call(gateway, "any"))).isEqualTo("2.0");
            events = gateway.snapshotHistory().roles().history().size();

            Rollout.Change back = gateway.rollback("carol");
            assertThat(back.event()).isEqualTo("rolled_back");
            assertThat(back.to()).isEqualTo(v1Id);
            assertThat(gateway.snapshot().id()).isEqualTo(v1Id);
            assertThat(version(call(gateway, "any"))).isEqualTo("1.0");
            LockedPack restored = LockFile.read(dir.resolve("rig.lock")).orElseThrow().pack("flaky").orElseThrow();
            assertThat(restored.jars()).isEqualTo(v1.jars());
            assertThat(restored.integrity()).isEqualTo(v1.integrity());
            Path jar = dir.resolve(".rig/packs/flaky/1.0/flaky.jar");
            assertThat(JarDigest.sha256(jar)).isEqualTo(v1.jars().get(0).sha256());
            Roles roles = gateway.snapshotHistory().roles();
            assertThat(roles.active()).isEqualTo(v1Id);
            assertThat(roles.previous()).as("a rollback can be undone").isEqualTo(promoted);
            assertThat(roles.history()).hasSize(events + 1);
            assertThat(audited(gateway, "rig.snapshot.rollback")).singleElement()
                    .satisfies(e -> assertThat(e.event().actor()).isEqualTo("carol"));
        }
    }

    @Test
    void aRollbackToJarsThatChangedIsRefusedAndChangesNothing() throws IOException {
        installV1();
        try (Gateway gateway = open()) {
            gateway.requestCanary(candidate(Flaky.V2.class), 10, "alice");
            gateway.promote("bob");
            Path jar = dir.resolve(".rig/packs/flaky/1.0/flaky.jar");
            byte[] bytes = Files.readAllBytes(jar);
            bytes[bytes.length / 2] ^= 1;
            Files.write(jar, bytes);
            String lock = Files.readString(dir.resolve("rig.lock"));
            String roles = Files.readString(gateway.snapshotHistory().rolesFile());
            assertThatThrownBy(() -> gateway.rollback("carol")).isInstanceOfSatisfying(RigException.class, e -> {
                assertThat(e.type()).isEqualTo(ErrorType.CONFLICT);
                assertThat(e.getMessage()).contains("pack flaky 1.0 is no longer installed as it was")
                        .contains("flaky.jar");
                assertThat(e.hints()).anySatisfy(h -> assertThat(h).contains("rig install flaky@1.0"));
            });
            assertThat(Files.readString(dir.resolve("rig.lock"))).isEqualTo(lock);
            assertThat(Files.readString(gateway.snapshotHistory().rolesFile())).isEqualTo(roles);
            assertThat(version(call(gateway, "any"))).isEqualTo("2.0");
        }
    }

    @Test
    void promotingWithoutACanaryAndRollingBackWithoutHistorySayWhatToDo() throws IOException {
        installV1();
        try (Gateway gateway = open()) {
            assertThatThrownBy(() -> gateway.promote("bob")).isInstanceOfSatisfying(RigException.class, e -> {
                assertThat(e.type()).isEqualTo(ErrorType.NOT_FOUND);
                assertThat(e.getMessage()).contains("no canary is on trial");
                assertThat(e.hints()).anySatisfy(h -> assertThat(h).contains("rig update --canary"));
            });
            assertThatThrownBy(() -> gateway.rollback("bob")).isInstanceOfSatisfying(RigException.class,
                    e -> assertThat(e.getMessage()).contains("there is no previous snapshot to roll back to"));
            gateway.requestCanary(candidate(Flaky.V2.class), 10, "alice");
            assertThatThrownBy(() -> gateway.requestCanary(candidate(Flaky.V2.class), 10, "alice"))
                    .isInstanceOfSatisfying(RigException.class, e -> assertThat(e.getMessage())
                            .contains("a canary is on trial already"));
        }
    }

    @Test
    void aToolHeldBackInRigLockIsNeitherListedNorRunAndSaysHowToEnableIt() throws IOException {
        installV1();
        LockFile lock = LockFile.read(dir.resolve("rig.lock")).orElseThrow();
        lock.with(lock.pack("flaky").orElseThrow().withDisabledTools(java.util.Set.of("flaky.work")), "test",
                Instant.now()).write(dir.resolve("rig.lock"));
        try (Gateway gateway = open()) {
            assertThat(gateway.tools()).noneSatisfy(t -> assertThat(t.get("name").asText()).isEqualTo("flaky.work"));
            ToolResult result = call(gateway, "any");
            assertThat(result.ok()).isFalse();
            assertThat(result.error().type()).isEqualTo(ErrorType.POLICY_BLOCKED);
            assertThat(result.error().message()).contains("came with a pack update and is not enabled yet");
            assertThat(result.error().remediationHints()).anySatisfy(h -> assertThat(h).contains("rig update flaky --enable flaky.work"));
        }
    }

    @Test
    void aBrokenRolesFileDoesNotStopTheGatewayAndIsReportedWithTheFix() throws IOException {
        installV1();
        Path roles = dir.resolve(".rig/snapshots/roles.json");
        Files.createDirectories(roles.getParent());
        Files.writeString(roles, "{\"active\": ");
        try (Gateway gateway = open()) {
            assertThat(version(call(gateway, "any"))).isEqualTo("1.0");
            assertThat(gateway.routing().canary()).isNull();
            assertThatThrownBy(() -> gateway.promote("bob")).isInstanceOfSatisfying(RigException.class, e -> {
                assertThat(e.type()).isEqualTo(ErrorType.VALIDATION_ERROR);
                assertThat(e.getMessage()).contains("roles.json cannot be used");
                assertThat(e.hints()).anySatisfy(h -> assertThat(h).contains("delete it"));
            });
            assertThat(Files.readString(roles)).isEqualTo("{\"active\": ");
        }
    }
}
