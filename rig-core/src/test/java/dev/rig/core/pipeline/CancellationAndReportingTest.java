package dev.rig.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rig.core.Gateway;
import dev.rig.core.api.CallRequest;
import dev.rig.core.api.Cancellation;
import dev.rig.core.api.ToolResult;
import dev.rig.core.audit.AuditEntry;
import dev.rig.core.audit.AuditQuery;
import dev.rig.core.audit.Outcome;
import dev.rig.core.config.RigConfig;
import dev.rig.spi.CallReporter;
import dev.rig.spi.LogLevel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An edge cancelling a call, and a tool reporting progress and log messages to its caller. */
class CancellationAndReportingTest {

    @TempDir
    Path dir;

    private Gateway gateway;

    @BeforeEach
    void open() {
        gateway = Gateway.open(RigConfig.defaults(dir));
    }

    @AfterEach
    void close() {
        gateway.close();
    }

    private static CallRequest call(String tool, CallReporter reporter, Cancellation cancellation) {
        return CallRequest.of(tool, Map.of()).with(reporter, cancellation);
    }

    @Test
    void cancellingARunningCallInterruptsTheToolAndAuditsCancelled() throws Exception {
        TestPack.blockStarted = new CountDownLatch(1);
        Cancellation cancellation = new Cancellation();
        CompletableFuture<ToolResult> running = CompletableFuture.supplyAsync(
                () -> gateway.call(call("t.block", null, cancellation)));
        assertThat(TestPack.blockStarted.await(5, TimeUnit.SECONDS)).isTrue();

        cancellation.cancel("the user pressed stop");

        ToolResult result = running.get(5, TimeUnit.SECONDS);
        assertThat(result.ok()).isFalse();
        assertThat(result.error().message()).contains("t.block was cancelled").contains("the user pressed stop");
        AuditEntry entry = gateway.queryAudit(AuditQuery.all()).entries().getFirst();
        assertThat(entry.event().outcome()).isEqualTo(Outcome.CANCELLED);
        assertThat(entry.event().runId()).isEqualTo(result.correlationId());
        assertThat(gateway.call(CallRequest.of("t.echo", Map.of("message", "after"))).ok())
                .as("the gateway and its thread pool stay usable").isTrue();
    }

    @Test
    void aCallCancelledBeforeItsToolStartsNeverRunsIt() {
        Cancellation cancellation = new Cancellation();
        cancellation.cancel(null);
        int before = TestPack.RUNS.getOrDefault("t.report", new java.util.concurrent.atomic.AtomicInteger()).get();

        ToolResult result = gateway.call(call("t.report", null, cancellation));

        assertThat(result.ok()).isFalse();
        assertThat(result.error().message()).contains("cancelled by the caller");
        assertThat(TestPack.RUNS.getOrDefault("t.report", new java.util.concurrent.atomic.AtomicInteger()).get())
                .isEqualTo(before);
        assertThat(gateway.queryAudit(AuditQuery.all()).entries().getFirst().event().outcome())
                .isEqualTo(Outcome.CANCELLED);
    }

    @Test
    void cancellingAfterTheCallFinishedChangesNothing() {
        Cancellation cancellation = new Cancellation();
        ToolResult result = gateway.call(call("t.report", null, cancellation));
        cancellation.cancel("too late");

        assertThat(result.ok()).isTrue();
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        assertThat(gateway.call(CallRequest.of("t.echo", Map.of("message", "next"))).ok()).isTrue();
    }

    @Test
    void progressAndLogMessagesReachTheCallersReporterInOrder() {
        List<String> seen = new CopyOnWriteArrayList<>();
        CallReporter reporter = new CallReporter() {
            @Override
            public void progress(double done, Double total, String message) {
                seen.add("progress " + done + "/" + total + " " + message);
            }

            @Override
            public void log(LogLevel level, String message) {
                seen.add(level.wireName() + " " + message);
            }
        };

        assertThat(gateway.call(call("t.report", reporter, null)).ok()).isTrue();

        assertThat(seen).containsExactly("progress 1.0/2.0 half", "warning careful", "progress 2.0/2.0 done");
    }

    @Test
    void withoutAReporterTheToolsReportsAreDropped() {
        assertThat(gateway.call(CallRequest.of("t.report", Map.of())).ok()).isTrue();
    }
}
