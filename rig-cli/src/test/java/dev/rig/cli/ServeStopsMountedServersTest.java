package dev.rig.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rig.mcp.mount.NodeRunner;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rig serve} as its own JVM with a stdio MCP server started at boot: stopping RIG the way a
 * terminal or a service manager does (SIGTERM) leaves no server process behind, even a server that
 * ignores the end of its stdin and SIGTERM.
 */
class ServeStopsMountedServersTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "SIGTERM {0}")
    @ValueSource(strings = {"while the gateway starts", "once it serves"})
    void sigterm_to_rig_serve_stops_the_servers_it_started(String when) throws IOException, InterruptedException {
        Path pack = dir.resolve("tiny-server");
        Files.createDirectories(pack);
        Files.writeString(pack.resolve("package.json"), """
                {"name": "tiny-server", "version": "1.0.0", "main": "index.js"}""");
        Files.writeString(pack.resolve("index.js"), """
                exports.rigPack = () => ({id: "tiny", version: "1.0.0", description: "a server for a shutdown test"});
                exports.rigTools = () => [{name: "ping", description: "Answers pong.", risk_class: "read",
                  input_schema: {type: "object"}, output_schema: {type: "object"}}];
                exports.rigInvoke = async () => ({pong: true});
                // a server that will not go: it ignores the end of stdin and SIGTERM, as some servers do
                process.exit = () => {};
                setInterval(() => {}, 1000);
                """);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Files.writeString(dir.resolve("rig.yaml"), """
                packs: [echo]
                server: {port: %d}
                mcp_servers:
                  tiny:
                    command: [node, %s, %s]
                    start: boot
                """.formatted(port, NodeRunner.script(dir), pack));
        String java = ProcessHandle.current().info().command().orElse("java");
        Process serve = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "serve", "--dir", dir.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("serve.log").toFile()).start();
        try {
            ProcessHandle server = await().atMost(Duration.ofSeconds(60)).until(
                    () -> serve.descendants().filter(p -> p.info().commandLine().orElse("").contains("rig-runner"))
                            .findFirst().orElse(null), p -> p != null);
            assertThat(server.isAlive()).isTrue();
            if (when.equals("once it serves")) {
                HttpClient http = HttpClient.newHttpClient();
                URI tools = URI.create("http://127.0.0.1:" + port + "/v1/tools");
                await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> http.send(
                        HttpRequest.newBuilder(tools).build(), HttpResponse.BodyHandlers.ofString()).body()
                        .contains("tiny.ping"));
            }

            serve.destroy(); // SIGTERM
            assertThat(serve.waitFor(30, TimeUnit.SECONDS)).as(Files.readString(dir.resolve("serve.log"))).isTrue();

            await().atMost(Duration.ofSeconds(10)).until(() -> !server.isAlive());
            assertThat(List.of(server.isAlive())).containsExactly(false);
        } finally {
            serve.descendants().forEach(ProcessHandle::destroyForcibly);
            serve.destroyForcibly();
        }
    }
}
