package dev.rig.core.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rig.core.api.RigException;
import dev.rig.core.store.Backend;
import dev.rig.core.store.ScratchDatabase;
import dev.rig.spi.ErrorType;
import dev.rig.spi.RiskClass;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The JDBC approval store on real SQLite and PostgreSQL: round trip, exactly-once decisions, pending. */
@ParameterizedClass
@EnumSource(Backend.class)
class JdbcApprovalStoreTest {

    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00.123456789Z");
    private static final Duration TTL = Duration.ofMinutes(15);

    @Parameter
    Backend backend;

    @TempDir
    Path dir;

    private ScratchDatabase scratch;
    private JdbcApprovalStore store;

    @BeforeEach
    void open() {
        scratch = ScratchDatabase.create(backend, dir);
        store = new JdbcApprovalStore(scratch.open());
    }

    @AfterEach
    void close() {
        scratch.close();
    }

    @Test
    void savedApprovalReadsBackExactly() {
        Approval approval = pending("acme", NOW);

        store.save(approval);

        assertThat(store.find(approval.token())).contains(approval);
        assertThat(store.find(UUID.randomUUID())).isEmpty();
    }

    @Test
    void savingTheSameTokenTwiceIsAConflict() {
        Approval approval = pending("acme", NOW);
        store.save(approval);

        assertThatThrownBy(() -> store.save(approval))
                .isInstanceOfSatisfying(RigException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.CONFLICT));
    }

    @Test
    void decideRecordsTheDecisionOnceAndOnlyOnce() {
        Approval approval = pending("acme", NOW);
        store.save(approval);
        Instant decidedAt = NOW.plusSeconds(30);

        Optional<Approval> approved = store.decide(approval.token(), ApprovalStatus.APPROVED, "bob", decidedAt);

        assertThat(approved).hasValueSatisfying(a -> {
            assertThat(a.status()).isEqualTo(ApprovalStatus.APPROVED);
            assertThat(a.decidedBy()).isEqualTo("bob");
            assertThat(a.decidedAt()).isEqualTo(decidedAt);
            assertThat(a.argsJson()).isEqualTo(approval.argsJson());
        });
        assertThat(store.find(approval.token())).isEqualTo(approved);
        assertThat(store.decide(approval.token(), ApprovalStatus.DENIED, "carol", decidedAt)).isEmpty();
        assertThat(store.find(approval.token()).orElseThrow().status()).isEqualTo(ApprovalStatus.APPROVED);
    }

    @Test
    void decidingAnUnknownOrExpiredApprovalChangesNothing() {
        Approval approval = pending("acme", NOW);
        store.save(approval);

        assertThat(store.decide(UUID.randomUUID(), ApprovalStatus.APPROVED, "bob", NOW)).isEmpty();
        assertThat(store.decide(approval.token(), ApprovalStatus.APPROVED, "bob", approval.expiresAt())).isEmpty();
        assertThat(store.find(approval.token()).orElseThrow().status()).isEqualTo(ApprovalStatus.PENDING);
    }

    @Test
    void decidingToPendingIsRefused() {
        assertThatThrownBy(() -> store.decide(UUID.randomUUID(), ApprovalStatus.PENDING, "bob", NOW))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void exactlyOneOfTwentyRacingDecidersWins() throws Exception {
        Approval approval = pending("acme", NOW);
        store.save(approval);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Optional<Approval>>> results = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 20; i++) {
                String approver = "approver-" + i;
                ApprovalStatus status = i % 2 == 0 ? ApprovalStatus.APPROVED : ApprovalStatus.DENIED;
                results.add(executor.submit(() -> {
                    start.await();
                    return store.decide(approval.token(), status, approver, NOW.plusSeconds(1));
                }));
            }
            start.countDown();
        }
        List<Approval> winners = new ArrayList<>();
        for (Future<Optional<Approval>> result : results) {
            result.get().ifPresent(winners::add);
        }

        assertThat(winners).hasSize(1);
        Approval stored = store.find(approval.token()).orElseThrow();
        assertThat(stored.status()).isEqualTo(winners.getFirst().status());
        assertThat(stored.decidedBy()).isEqualTo(winners.getFirst().decidedBy());
    }

    @Test
    void pendingListsUnexpiredUndecidedApprovalsOfTheTenantOldestFirst() {
        Approval acmeOld = pending("acme", NOW.minusSeconds(60));
        Approval acmeNew = pending("acme", NOW.minusSeconds(10));
        Approval acmeExpired = pending("acme", NOW.minus(TTL).minusSeconds(1));
        Approval acmeDecided = pending("acme", NOW.minusSeconds(30));
        Approval globex = pending("globex", NOW.minusSeconds(20));
        for (Approval approval : List.of(acmeNew, acmeExpired, acmeDecided, globex, acmeOld)) {
            store.save(approval);
        }
        store.decide(acmeDecided.token(), ApprovalStatus.DENIED, "bob", NOW);

        assertThat(store.pending("acme", NOW)).containsExactly(acmeOld, acmeNew);
        assertThat(store.pending("globex", NOW)).containsExactly(globex);
        assertThat(store.pending(null, NOW)).containsExactly(acmeOld, globex, acmeNew);
        assertThat(store.pending("nobody", NOW)).isEmpty();
        // an approval expires exactly at its expiresAt
        assertThat(store.pending("acme", acmeOld.expiresAt())).containsExactly(acmeNew);
    }

    @Test
    void approvalsSurviveReopeningTheDatabase() {
        Approval approval = pending("acme", NOW);
        store.save(approval);

        JdbcApprovalStore reopened = new JdbcApprovalStore(scratch.open());

        assertThat(reopened.pending("acme", NOW)).containsExactly(approval);
    }

    private static Approval pending(String tenant, Instant requestedAt) {
        return new Approval(UUID.randomUUID(), "stripe.refund", RiskClass.MONEY,
                "{\"amount\":100,\"api_key\":\"sk_live_x\"}", "{\"amount\":100,\"api_key\":\"[redacted]\"}",
                "ab".repeat(32), tenant, "agent-1", "req-1", "corr-" + UUID.randomUUID(), requestedAt,
                requestedAt.plus(TTL), ApprovalStatus.PENDING, null, null);
    }
}
