package dev.rig.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rig.core.config.ServerSettings;
import dev.rig.server.TestGateway.Reply;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemRoutesTest {

    @TempDir
    Path dir;

    TestGateway rig;

    @BeforeEach
    void start() {
        rig = TestGateway.start(dir, null);
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    @Test
    void healthIsOk() {
        Reply reply = rig.get("/v1/health");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("application/json");
        assertThat(reply.json().toString()).isEqualTo("{\"status\":\"ok\"}");
        assertThat(reply.header(RgpHeaders.CORRELATION_ID)).isNotBlank();
    }

    @Test
    void theSnapshotNamesItsPacksAndHash() {
        Reply reply = rig.get("/v1/snapshot");

        assertThat(reply.status()).isEqualTo(200);
        JsonNode snapshot = reply.json();
        assertThat(snapshot.get("interface_hash").asText()).hasSize(64)
                .isEqualTo(rig.gateway.snapshot().interfaceHash());
        assertThat(snapshot.get("pack_set_version").asText()).isEqualTo("dev");
        List<String> packs = new ArrayList<>();
        snapshot.get("packs").forEach(p -> packs.add(p.get("id").asText()));
        assertThat(packs).contains("echo", "fs");
    }

    @Test
    void servesTheOpenApiDocument() {
        Reply reply = rig.get("/v1/openapi.yaml");

        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("application/yaml");
        assertThat(reply.text()).contains("openapi:").contains("/v1/tools");
    }

    @Test
    void theBaseUrlNamesTheChosenPort() {
        assertThat(rig.server.port()).isPositive();
        assertThat(rig.server.baseUrl()).isEqualTo("http://127.0.0.1:" + rig.server.port());
    }

    @Test
    void aSecondServerOnABusyPortIsAConflict() {
        ServerSettings busy = new ServerSettings("127.0.0.1", rig.server.port(), ServerSettings.DEFAULT_MAX_BODY_BYTES);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RgpServer.start(rig.gateway, busy))
                .isInstanceOf(dev.rig.core.api.RigException.class)
                .hasMessageContaining("cannot listen on 127.0.0.1:" + rig.server.port());
    }
}
