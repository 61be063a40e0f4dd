package dev.rig.core.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rig.core.api.CallRequest;
import dev.rig.core.Gateway;
import dev.rig.core.api.ToolResult;
import dev.rig.core.config.RigConfig;
import dev.rig.core.pipeline.TestPack;
import dev.rig.jarpacks.JarPacks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A reload publishes a new snapshot atomically; a call in flight keeps the one it started on. */
class ReloadTest {

    @TempDir
    Path dir;

    @Test
    void reloadPublishesNewToolsWhileACallInFlightFinishesOnItsSnapshot() throws Exception {
        try (Gateway gateway = Gateway.open(RigConfig.defaults(dir));
             var callers = Executors.newVirtualThreadPerTaskExecutor()) {
            Snapshot before = gateway.snapshot();
            TestPack.blockStarted = new CountDownLatch(1);
            Future<ToolResult> inFlight = callers.submit(() -> gateway.call(CallRequest.of("t.block", Map.of())));
            assertThat(TestPack.blockStarted.await(10, TimeUnit.SECONDS)).isTrue();

            PackJar.install(dir, "good", JarPacks.class, JarPacks.Good.class.getName());
            Snapshot after = gateway.reload();

            assertThat(after.id()).isNotEqualTo(before.id());
            assertThat(after.interfaceHash()).isNotEqualTo(before.interfaceHash());
            assertThat(gateway.snapshot()).isSameAs(after);
            assertThat(gateway.call(CallRequest.of("good.probe", Map.of())).ok()).isTrue();
            ToolResult finished = inFlight.get(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS);
            assertThat(finished.interfaceHash()).isEqualTo(before.interfaceHash());
        }
    }
}
