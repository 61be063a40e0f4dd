package dev.rig.mcp.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rig.core.lock.LockFile;
import dev.rig.core.lock.LockedPack;
import dev.rig.mcp.it.Rgp.Reply;
import dev.rig.mcp.mount.MountedServers;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code server-everything} in its streamable HTTP mode, started by the test on a free port and
 * mounted with {@code url:}: its tools are pinned and called through RGP like a stdio server's.
 */
class RealHttpServerTest {

    @TempDir
    Path dir;

    private Process server;
    private TestRig rig;

    @AfterEach
    void stop() {
        try {
            if (rig != null) {
                rig.close();
            }
        } finally {
            if (server != null) {
                NodeTools.stop(server);
            }
        }
    }

    @Test
    void aStreamableHttpServerIsMountedByUrlAndCalledThroughRgp() throws IOException {
        int port = RealServers.freePort();
        List<String> command = RealServers.command(RealServers.program(RealServers.EVERYTHING), "streamableHttp");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve("server.out").toFile()).redirectError(dir.resolve("server.err").toFile());
        builder.environment().put("PORT", String.valueOf(port));
        server = builder.start();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .failFast("the server exited: " + NodeTools.read(dir.resolve("server.err")), () -> !server.isAlive())
                .until(() -> RealServers.listening(port));

        rig = TestRig.start(dir, "packs: {}\nmcp_servers:\n  everything-http:\n    url: http://127.0.0.1:" + port
                + "/mcp\n", new MountedServers());
        try (Rgp rgp = new Rgp(rig.baseUrl())) {
            Reply echo = rgp.call("everything-http.echo", Map.of("message", "over http"), "agent");

            assertThat(echo.body().path("ok").asBoolean()).as("%s", echo.body()).isTrue();
            assertThat(echo.body().path("output").path("content").get(0).path("text").asText())
                    .isEqualTo("Echo: over http");
            Reply sum = rgp.call("everything-http.get-sum", Map.of("a", 20, "b", 22), "agent");
            assertThat(sum.body().path("output").path("content").get(0).path("text").asText())
                    .isEqualTo("The sum of 20 and 22 is 42.");
        }
        LockedPack pinned = LockFile.read(dir.resolve("rig.lock")).orElseThrow().pack("everything-http").orElseThrow();
        assertThat(pinned.runtime()).isEqualTo(LockedPack.MCP);
        assertThat(pinned.tools()).containsKeys("echo", "get-sum");
        assertThat(NodeTools.read(dir.resolve("server.out"))).as("the server saw RIG's session")
                .contains("Session initialized with ID");
    }
}
