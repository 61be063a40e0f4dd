package dev.rig.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.rig.core.api.RigException;
import dev.rig.core.store.Backend;
import dev.rig.core.store.Database;
import dev.rig.core.store.ScratchDatabase;
import dev.rig.spi.ErrorType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The JDBC audit log on real SQLite and PostgreSQL: round trips, filters, group commit, the chain. */
@ParameterizedClass
@EnumSource(Backend.class)
class JdbcAuditLogTest {

    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @Parameter
    Backend backend;

    @TempDir
    Path dir;

    private ScratchDatabase scratch;
    private Database database;
    private JdbcAuditLog audit;

    @BeforeEach
    void open() {
        scratch = ScratchDatabase.create(backend, dir);
        database = scratch.open();
        audit = new JdbcAuditLog(database);
    }

    @AfterEach
    void close() {
        audit.close();
        scratch.close();
    }

    @Test
    void appendStoresTheEventAsTheFirstLinkOfTheChain() {
        AuditEvent event = new AuditEvent(T0.plusNanos(123_456_789), "acme", "alice", "run-1", "stripe.refund",
                "ab".repeat(32), "{\"amount\":100,\"note\":\"a \\\"quote\\\"\\n\",\"who\":\"Zoë\"}", Outcome.ERROR,
                42, "upstream_error", "env:STRIPE_API_KEY", "stripe", "1.2.0", "cd".repeat(32),
                "7b1f0c5e-0000-4000-8000-000000000001", "bob");

        AuditEntry entry = audit.append(event);

        assertThat(entry.seq()).isEqualTo(1);
        assertThat(entry.prevHash()).isEqualTo("0".repeat(64));
        assertThat(entry.hash()).matches("[0-9a-f]{64}");
        assertThat(entry.event()).isEqualTo(withTimestamp(event, Instant.parse("2025-03-01T10:00:00.123Z")));
        assertThat(audit.query(AuditQuery.all()).entries()).containsExactly(entry);
    }

    @Test
    void optionalFieldsMayBeAbsent() {
        AuditEntry entry = audit.append(new AuditEvent(T0, "acme", null, "run-1", "echo.say", null, null,
                Outcome.OK, 0, null, null, null, null, null, null));

        assertThat(audit.query(AuditQuery.all()).entries()).containsExactly(entry);
    }

    @Test
    void timestampIsStoredAsUtcTextWithMillisecondsAndZ() throws SQLException {
        audit.append(event(Instant.parse("2025-01-02T03:04:05.678901Z"), "acme", "alice", "echo.say", Outcome.OK,
                "run-1"));

        try (Connection connection = scratch.connect();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT timestamp FROM audit_events")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("2025-01-02T03:04:05.678Z");
        }
    }

    @Test
    void queryFiltersByEveryField() {
        audit.append(event(T0, "acme", "alice", "stripe.refund", Outcome.OK, "run-1"));               // 1
        audit.append(event(T0.plusSeconds(1), "acme", "bob", "stripe.refund", Outcome.ERROR, "run-1")); // 2
        audit.append(event(T0.plusSeconds(2), "globex", "alice", "fs.read", Outcome.OK, "run-2"));     // 3
        audit.append(event(T0.plusSeconds(3), "globex", "carol", "fs.read", Outcome.POLICY_DENIED, "run-3")); // 4
        audit.append(event(T0.plusSeconds(4), "acme", "alice", "fs.read", Outcome.APPROVAL_REQUIRED, "run-4")); // 5

        assertThat(seqs(query().tenantId("acme"))).containsExactly(5L, 2L, 1L);
        assertThat(seqs(query().actor("alice"))).containsExactly(5L, 3L, 1L);
        assertThat(seqs(query().toolName("fs.read"))).containsExactly(5L, 4L, 3L);
        assertThat(seqs(query().ok(true))).containsExactly(3L, 1L);
        assertThat(seqs(query().ok(false))).containsExactly(5L, 4L, 2L);
        assertThat(seqs(query().runId("run-1"))).containsExactly(2L, 1L);
        assertThat(seqs(query().tenantId("acme").actor("alice").toolName("fs.read"))).containsExactly(5L);
        assertThat(seqs(query().tenantId("nobody"))).isEmpty();
    }

    @Test
    void timeRangeIncludesItsStartAndExcludesItsEnd() {
        for (int i = 0; i < 5; i++) {
            audit.append(event(T0.plusSeconds(i), "acme", "alice", "echo.say", Outcome.OK, "run-" + i));
        }

        assertThat(seqs(query().start(T0.plusSeconds(1)).end(T0.plusSeconds(3)))).containsExactly(3L, 2L);
        assertThat(seqs(query().start(T0.plusSeconds(3)))).containsExactly(5L, 4L);
        assertThat(seqs(query().end(T0.plusSeconds(1)))).containsExactly(1L);
        // sub-millisecond bounds compare like instants, not like truncated text
        assertThat(seqs(query().start(T0.plusNanos(1)))).containsExactly(5L, 4L, 3L, 2L);
        assertThat(seqs(query().end(T0.plusSeconds(1).plusNanos(1)))).containsExactly(2L, 1L);
    }

    @Test
    void pagesGoBackwardsWithACursorWhileTotalCountsEveryMatch() {
        for (int i = 0; i < 25; i++) {
            audit.append(event(T0.plusSeconds(i), i % 5 == 0 ? "globex" : "acme", "alice", "echo.say", Outcome.OK,
                    "run-" + i));
        }

        AuditPage first = audit.query(query().limit(10).build());
        assertThat(first.entries()).extracting(AuditEntry::seq).containsExactlyElementsOf(range(25, 16));
        assertThat(first.total()).isEqualTo(25);
        assertThat(first.hasMore()).isTrue();
        assertThat(first.nextBeforeSeq()).isEqualTo(16L);

        AuditPage second = audit.query(query().limit(10).before(first.nextBeforeSeq()).build());
        assertThat(second.entries()).extracting(AuditEntry::seq).containsExactlyElementsOf(range(15, 6));
        assertThat(second.total()).isEqualTo(25);
        assertThat(second.nextBeforeSeq()).isEqualTo(6L);

        AuditPage last = audit.query(query().limit(10).before(second.nextBeforeSeq()).build());
        assertThat(last.entries()).extracting(AuditEntry::seq).containsExactlyElementsOf(range(5, 1));
        assertThat(last.hasMore()).isFalse();
        assertThat(last.nextBeforeSeq()).isNull();

        AuditPage acme = audit.query(query().tenantId("acme").limit(3).before(20L).build());
        assertThat(acme.entries()).extracting(AuditEntry::seq).containsExactly(19L, 18L, 17L);
        assertThat(acme.total()).isEqualTo(20);
        assertThat(acme.hasMore()).isTrue();
    }

    @Test
    void concurrentAppendsFrom64VirtualThreadsAreAllDurableInOneIntactChain() throws Exception {
        int threads = 64;
        int perThread = 20;
        List<Future<List<AuditEntry>>> results = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < threads; t++) {
                String actor = "agent-" + t;
                results.add(executor.submit(() -> {
                    List<AuditEntry> mine = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        mine.add(audit.append(event(T0, "acme", actor, "echo.say", Outcome.OK, actor + "-" + i)));
                    }
                    return mine;
                }));
            }
        }
        List<Long> seqs = new ArrayList<>();
        for (Future<List<AuditEntry>> result : results) {
            result.get().forEach(entry -> seqs.add(entry.seq()));
        }
        int events = threads * perThread;

        assertThat(seqs).containsExactlyInAnyOrderElementsOf(range(events, 1));
        assertThat(audit.query(AuditQuery.all()).total()).isEqualTo(events);
        ChainVerification verification = audit.verify();
        assertThat(verification.problems()).isEmpty();
        assertThat(verification.checked()).isEqualTo(events);
        assertThat(audit.commitCount()).isLessThan(events);
    }

    @Test
    void eventsQueuedWhileTheDatabaseIsBusyAreCommittedInOneTransaction() throws Exception {
        List<Call> calls = new ArrayList<>();
        try (Connection blocker = holdChainHead()) {
            Call first = appendInBackground("first");
            awaitTakenByWriter(first);
            for (int i = 0; i < 63; i++) {
                calls.add(appendInBackground("queued-" + i));
            }
            await().atMost(PATIENCE).until(() -> audit.backlog() == 63);
            blocker.rollback();
            calls.add(first);
            for (Call call : calls) {
                call.result().get();
            }
        }

        assertThat(audit.commitCount()).isEqualTo(2);
        assertThat(audit.verify().intact()).isTrue();
    }

    @Test
    void aFailingBatchIsRolledBackWholeAndEveryCallerInItIsTold() throws Exception {
        installTriggerRefusing("boom");
        AuditEntry before = audit.append(event(T0, "acme", "alice", "echo.say", Outcome.OK, "run-0"));
        List<Call> batch = new ArrayList<>();
        try (Connection blocker = holdChainHead()) {
            Call first = appendInBackground("ok-first");
            awaitTakenByWriter(first);
            for (String tool : List.of("ok-a", "boom", "ok-b")) {
                batch.add(appendInBackground(tool));
            }
            await().atMost(PATIENCE).until(() -> audit.backlog() == 3);
            blocker.rollback();
            assertThat(first.result().get().seq()).isEqualTo(2);
        }

        for (Call call : batch) {
            assertThatThrownBy(() -> call.result().join())
                    .cause()
                    .isInstanceOfSatisfying(RigException.class,
                            e -> assertThat(e.type()).isEqualTo(ErrorType.INTERNAL_ERROR));
        }
        assertThat(audit.query(AuditQuery.all()).total()).isEqualTo(2);
        AuditEntry after = audit.append(event(T0, "acme", "alice", "echo.say", Outcome.OK, "run-9"));
        assertThat(after.seq()).isEqualTo(3);
        assertThat(audit.verify().intact()).isTrue();
        assertThat(before.seq()).isEqualTo(1);
    }

    @Test
    void verifyNamesAnEditedEntry() throws SQLException {
        appendFive();
        tamper("UPDATE audit_events SET args_json = '{\"amount\":1}' WHERE seq = 3");

        ChainVerification verification = audit.verify();

        assertThat(verification.checked()).isEqualTo(5);
        assertThat(verification.problems()).containsExactly(
                new ChainVerification.Problem(3, "entry 3: content does not match its hash (edited)"));
    }

    @Test
    void verifyNamesEntriesWhoseApproverWasEditedAddedOrRemoved() throws SQLException {
        appendFive();
        audit.append(withApprover(event(T0.plusSeconds(6), "acme", "alice", "stripe.refund", Outcome.OK, "run-6"),
                "bob"));
        audit.append(withApprover(event(T0.plusSeconds(7), "acme", "alice", "stripe.refund",
                Outcome.APPROVAL_DENIED, "run-7"), "carol"));
        assertThat(audit.verify().intact()).isTrue();

        tamper("UPDATE audit_events SET approver = 'mallory' WHERE seq = 6");
        tamper("UPDATE audit_events SET approver = 'bob' WHERE seq = 2");
        tamper("UPDATE audit_events SET approver = NULL WHERE seq = 7");

        assertThat(audit.verify().problems()).containsExactly(
                new ChainVerification.Problem(2, "entry 2: content does not match its hash (edited)"),
                new ChainVerification.Problem(6, "entry 6: content does not match its hash (edited)"),
                new ChainVerification.Problem(7, "entry 7: content does not match its hash (edited)"));
    }

    @Test
    void verifyNamesTheEntryAfterADeletedOne() throws SQLException {
        appendFive();
        tamper("DELETE FROM audit_events WHERE seq = 3");

        ChainVerification verification = audit.verify();

        assertThat(verification.checked()).isEqualTo(4);
        assertThat(verification.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.seq()).isEqualTo(4);
            assertThat(problem.description()).startsWith("entry 4: previous entry missing (deleted)");
        });
    }

    @Test
    void verifyNoticesAnEntryReplacedWithARecomputedHash() throws SQLException {
        AuditEntry third = appendFive().get(2);
        AuditEvent e = third.event();
        AuditRow forged = AuditRow.of(3, new AuditEvent(e.timestamp(), e.tenantId(), "mallory", e.runId(), e.tool(),
                e.inputHash(), e.argsJson(), e.outcome(), e.durationMs(), e.errorType(), e.redactedAuthMarker(),
                e.pack(), e.packVersion(), e.interfaceHash(), e.approvalToken()));
        try (Connection connection = scratch.connect();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE audit_events SET actor = ?, hash = ? WHERE seq = 3")) {
            update.setString(1, "mallory");
            update.setString(2, forged.hash(third.prevHash()));
            update.executeUpdate();
        }

        assertThat(audit.verify().problems()).singleElement().satisfies(problem -> {
            assertThat(problem.seq()).isEqualTo(4);
            assertThat(problem.description()).startsWith("entry 4: previous entry missing (deleted) or replaced");
        });
    }

    @Test
    void verifyNoticesEntriesDeletedFromTheEnd() throws SQLException {
        appendFive();
        tamper("DELETE FROM audit_events WHERE seq >= 4");

        assertThat(audit.verify().problems()).singleElement().satisfies(problem -> {
            assertThat(problem.seq()).isEqualTo(4);
            assertThat(problem.description()).startsWith("entry 4: missing (deleted) from the end of the log");
        });
    }

    @Test
    void aChainWrittenBeforeTheApproverColumnStillVerifiesAfterTheMigration() throws Exception {
        try (ScratchDatabase old = ScratchDatabase.create(backend, dir.resolve("old"))) {
            Files.createDirectories(dir.resolve("old/state"));
            Flyway.configure()
                    .dataSource(old.settings().url(), old.settings().user(), old.settings().password())
                    .locations("classpath:db/migration/" + (backend == Backend.SQLITE ? "sqlite" : "postgresql"))
                    .target("2")
                    .load()
                    .migrate();
            // the row of JdbcAuditHashTest's second vector, hashed as the schema before V3 hashed it
            String hash = "bcf25e46cf1567b3da67ba5f860edeb4c5cbbb0109d9d3f6d922c3d399e78bb5";
            old.execute("INSERT INTO audit_events (seq, timestamp, tenant_id, actor, run_id, tool, args_json, outcome, "
                    + "duration_ms, prev_hash, hash) VALUES (1, '2025-03-01T10:00:00.000Z', 'acme', 'alice', "
                    + "'run-1', 'echo.say', '{}', 'ok', 0, '" + "0".repeat(64) + "', '" + hash + "')");
            old.execute("UPDATE audit_chain_head SET seq = 1, hash = '" + hash + "' WHERE id = 1");

            try (JdbcAuditLog upgraded = new JdbcAuditLog(old.open())) {
                upgraded.append(withApprover(event(T0, "acme", "alice", "echo.say", Outcome.OK, "run-2"), "bob"));

                ChainVerification verification = upgraded.verify();
                assertThat(verification.problems()).isEmpty();
                assertThat(verification.checked()).isEqualTo(2);
                assertThat(upgraded.query(AuditQuery.all()).entries()).extracting(e -> e.event().approver())
                        .containsExactly("bob", null);
            }
        }
    }

    @Test
    void reopeningTheDatabaseKeepsTheEntriesAndContinuesTheChain() {
        List<AuditEntry> before = appendFive();
        audit.close();
        database.close();

        database = scratch.open();
        audit = new JdbcAuditLog(database);
        AuditEntry next = audit.append(event(T0, "acme", "alice", "echo.say", Outcome.OK, "run-6"));

        assertThat(next.seq()).isEqualTo(6);
        assertThat(next.prevHash()).isEqualTo(before.getLast().hash());
        assertThat(audit.query(AuditQuery.all()).total()).isEqualTo(6);
        assertThat(audit.verify().intact()).isTrue();
    }

    @Test
    void twoGatewaysSharingOneDatabaseExtendOneChain() throws Exception {
        try (JdbcAuditLog other = new JdbcAuditLog(scratch.open());
                ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 32; t++) {
                AuditLog log = t % 2 == 0 ? audit : other;
                String actor = "agent-" + t;
                done.add(executor.submit(() -> {
                    for (int i = 0; i < 10; i++) {
                        log.append(event(T0, "acme", actor, "echo.say", Outcome.OK, actor + "-" + i));
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        }

        ChainVerification verification = audit.verify();
        assertThat(verification.problems()).isEmpty();
        assertThat(verification.checked()).isEqualTo(320);
    }

    @Test
    void appendFailsInsteadOfHangingWhenTheDatabaseIsClosed() {
        database.close();

        assertTimeoutPreemptively(PATIENCE, () -> assertThatThrownBy(() -> audit.append(
                event(T0, "acme", "alice", "echo.say", Outcome.OK, "run-1")))
                .isInstanceOfSatisfying(RigException.class,
                        e -> assertThat(e.type()).isEqualTo(ErrorType.INTERNAL_ERROR)));
    }

    @Test
    void appendFailsInsteadOfHangingWhenTheTableIsGone() throws SQLException {
        tamper("DROP TABLE audit_events");

        assertTimeoutPreemptively(PATIENCE, () -> assertThatThrownBy(() -> audit.append(
                event(T0, "acme", "alice", "echo.say", Outcome.OK, "run-1")))
                .isInstanceOfSatisfying(RigException.class,
                        e -> assertThat(e.type()).isEqualTo(ErrorType.INTERNAL_ERROR)));
    }

    @Test
    void closeCommitsEveryAcceptedEventThenRefusesMore() throws Exception {
        List<Call> calls = new ArrayList<>();
        Thread closer;
        try (Connection blocker = holdChainHead()) {
            Call first = appendInBackground("first");
            awaitTakenByWriter(first);
            calls.add(first);
            for (int i = 0; i < 10; i++) {
                calls.add(appendInBackground("queued-" + i));
            }
            await().atMost(PATIENCE).until(() -> audit.backlog() == 10);
            closer = Thread.ofVirtual().start(audit::close);
            await().atMost(PATIENCE).until(() -> closer.getState() == Thread.State.WAITING);
            blocker.rollback();
        }
        closer.join();

        for (Call call : calls) {
            assertThat(call.result().get().seq()).isPositive();
        }
        assertThat(audit.query(AuditQuery.all()).total()).isEqualTo(11);
        assertThatThrownBy(() -> audit.append(event(T0, "acme", "alice", "echo.say", Outcome.OK, "late")))
                .isInstanceOf(RigException.class)
                .hasMessageContaining("closed");
    }

    // --- helpers

    private List<AuditEntry> appendFive() {
        List<AuditEntry> entries = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            entries.add(audit.append(event(T0.plusSeconds(i), "acme", "alice", "stripe.refund", Outcome.OK,
                    "run-" + i)));
        }
        return entries;
    }

    private static AuditEvent event(Instant at, String tenant, String actor, String tool, Outcome outcome,
            String runId) {
        return new AuditEvent(at, tenant, actor, runId, tool, "00".repeat(32), "{\"amount\":100}", outcome, 7,
                outcome == Outcome.ERROR ? "upstream_error" : null, null, "pack", "1.0.0", null, null);
    }

    private static AuditEvent withTimestamp(AuditEvent e, Instant at) {
        return new AuditEvent(at, e.tenantId(), e.actor(), e.runId(), e.tool(), e.inputHash(), e.argsJson(),
                e.outcome(), e.durationMs(), e.errorType(), e.redactedAuthMarker(), e.pack(), e.packVersion(),
                e.interfaceHash(), e.approvalToken(), e.approver());
    }

    private static AuditEvent withApprover(AuditEvent e, String approver) {
        return new AuditEvent(e.timestamp(), e.tenantId(), e.actor(), e.runId(), e.tool(), e.inputHash(),
                e.argsJson(), e.outcome(), e.durationMs(), e.errorType(), e.redactedAuthMarker(), e.pack(),
                e.packVersion(), e.interfaceHash(), e.approvalToken(), approver);
    }

    private List<Long> seqs(QueryBuilder query) {
        return audit.query(query.build()).entries().stream().map(AuditEntry::seq).toList();
    }

    private static List<Long> range(long from, long downTo) {
        return LongStream.rangeClosed(downTo, from).map(i -> from + downTo - i).boxed().toList();
    }

    private void tamper(String sql) throws SQLException {
        scratch.execute(sql);
    }

    /** Takes the chain head's row lock (and, on SQLite, the write lock) until rolled back. */
    private Connection holdChainHead() throws SQLException {
        Connection connection = scratch.connect();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE audit_chain_head SET seq = seq WHERE id = 1");
        }
        return connection;
    }

    private void installTriggerRefusing(String tool) throws SQLException {
        if (backend == Backend.SQLITE) {
            tamper("CREATE TRIGGER refuse BEFORE INSERT ON audit_events WHEN NEW.tool = '" + tool + "' "
                    + "BEGIN SELECT RAISE(ABORT, 'refused'); END");
        } else {
            tamper("CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                    + "IF NEW.tool = '" + tool + "' THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$");
            tamper("CREATE TRIGGER refuse BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION refuse()");
        }
    }

    private Call appendInBackground(String tool) {
        CompletableFuture<AuditEntry> result = new CompletableFuture<>();
        AuditEvent event = event(T0, "acme", "alice", tool, Outcome.OK, "run-" + tool);
        Thread thread = Thread.ofVirtual().start(() -> {
            try {
                result.complete(audit.append(event));
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return new Call(thread, result);
    }

    /**
     * Waits until {@code call}'s event left the queue and is not yet answered: a writer (here the
     * caller itself, the log being idle) holds it, blocked on the database.
     */
    private void awaitTakenByWriter(Call call) {
        await().atMost(PATIENCE).until(() -> audit.backlog() == 0 && !call.result().isDone());
    }

    private static QueryBuilder query() {
        return new QueryBuilder();
    }

    /** An append running on its own virtual thread. */
    private record Call(Thread thread, CompletableFuture<AuditEntry> result) {}

    /** Builds an {@link AuditQuery} one filter at a time. */
    private static final class QueryBuilder {
        private Instant start;
        private Instant end;
        private String tenantId;
        private String actor;
        private String toolName;
        private Boolean ok;
        private String runId;
        private int limit = AuditQuery.DEFAULT_LIMIT;
        private Long beforeSeq;

        QueryBuilder start(Instant value) { start = value; return this; }
        QueryBuilder end(Instant value) { end = value; return this; }
        QueryBuilder tenantId(String value) { tenantId = value; return this; }
        QueryBuilder actor(String value) { actor = value; return this; }
        QueryBuilder toolName(String value) { toolName = value; return this; }
        QueryBuilder ok(boolean value) { ok = value; return this; }
        QueryBuilder runId(String value) { runId = value; return this; }
        QueryBuilder limit(int value) { limit = value; return this; }
        QueryBuilder before(Long value) { beforeSeq = value; return this; }

        AuditQuery build() {
            return new AuditQuery(start, end, tenantId, actor, toolName, ok, runId, limit, beforeSeq);
        }
    }
}
