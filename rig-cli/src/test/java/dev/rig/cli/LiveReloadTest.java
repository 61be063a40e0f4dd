package dev.rig.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rig.core.Gateway;
import dev.rig.core.config.ConfigLoader;
import dev.rig.core.config.RigConfig;
import dev.rig.core.json.Json;
import dev.rig.server.RgpServer;
import dev.rig.server.WorkspaceWatcher;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A running gateway picks up {@code rig uninstall} and {@code rig install} without a restart: by the
 * file watch on rig.yaml and rig.lock, and by {@code POST /v1/reload}.
 */
class LiveReloadTest {

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private Gateway gateway;
    private RgpServer server;
    private WorkspaceWatcher watcher;

    @BeforeEach
    void serve() {
        assertThat(Cli.run("init", "--dir", dir.toString()).exit()).isZero();
        RigConfig config = ConfigLoader.load(dir);
        gateway = Gateway.open(config);
        server = RgpServer.start(gateway, config.server().withHostAndPort("127.0.0.1", 0));
    }

    @AfterEach
    void stop() {
        if (watcher != null) {
            watcher.close();
        }
        server.close();
        gateway.close();
    }

    private List<String> toolNames() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/tools"))
                .build(), HttpResponse.BodyHandlers.ofString());
        return Json.parse(response.body()).findValuesAsText("name");
    }

    private HttpResponse<String> reload() throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/reload"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void uninstallAndInstallReachARunningGatewayThroughTheFileWatch() throws Exception {
        watcher = WorkspaceWatcher.start(gateway, Duration.ofMillis(100));
        assertThat(toolNames()).contains("echo", "fs.read_file");

        assertThat(Cli.run("uninstall", "fs", "--dir", dir.toString()).exit()).isZero();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(toolNames()).contains("echo").doesNotContain("fs.read_file"));

        assertThat(Cli.run("install", "fs", "--dir", dir.toString()).exit()).isZero();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(toolNames()).contains("fs.read_file"));
    }

    @Test
    void postReloadPublishesTheWorkspaceAsItIsNow() throws Exception {
        assertThat(Cli.run("uninstall", "echo", "--dir", dir.toString()).exit()).isZero();
        assertThat(toolNames()).contains("echo");

        HttpResponse<String> response = reload();
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode snapshot = Json.parse(response.body());
        assertThat(snapshot.path("packs").findValuesAsText("id")).containsExactly("fs");
        assertThat(toolNames()).doesNotContain("echo").contains("fs.read_file");
    }

    @Test
    void aBrokenRigYamlIsRefusedWith400AndTheGatewayKeepsServing() throws Exception {
        Files.writeString(dir.resolve("rig.yaml"), "packs: [echo\n");
        HttpResponse<String> response = reload();
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Json.parse(response.body()).path("error").path("message").asText()).contains("rig.yaml");
        assertThat(toolNames()).contains("echo", "fs.read_file");
    }
}
