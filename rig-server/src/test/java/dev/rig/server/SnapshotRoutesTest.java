package dev.rig.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rig.core.audit.AuditQuery;
import dev.rig.core.lock.LockFile;
import dev.rig.server.TestGateway.Reply;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /v1/snapshot} with roles and canary metrics, {@code POST /v1/snapshot/promote} and
 * {@code /rollback}. (Which pack versions a canary serves, and the automatic rollback, are core's tests;
 * here the canary has the active snapshot's packs, the class path's echo and fs.)
 */
class SnapshotRoutesTest {

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
    void theSnapshotShowsTheActiveRoleAndTheFirstActivation() {
        JsonNode body = rig.get("/v1/snapshot").json();
        assertThat(body.get("id").asText()).hasSize(12).isEqualTo(rig.gateway.snapshot().id());
        assertThat(body.at("/roles/active/id").asText()).isEqualTo(body.get("id").asText());
        assertThat(body.at("/roles/active/packs").findValuesAsText("id")).contains("echo", "fs");
        assertThat(body.at("/roles/canary").isNull()).isTrue();
        assertThat(body.at("/roles/previous").isNull()).isTrue();
        assertThat(body.get("history")).singleElement()
                .satisfies(e -> assertThat(e.get("event").asText()).isEqualTo("activated"));
    }

    @Test
    void aCanaryShowsItsShareAndTheMetricsOfBothSidesAndIsPromotedOverRgp() {
        rig.gateway.requestCanary(LockFile.empty("test", Instant.now()), 50, "alice");
        for (int i = 0; i < 40; i++) {
            Reply call = rig.call("echo", "{\"args\":{\"message\":\"hi\"}}", RgpHeaders.TENANT_ID, "tenant-" + i);
            assertThat(call.status()).isEqualTo(200);
        }
        JsonNode canary = rig.get("/v1/snapshot").json().at("/roles/canary");
        assertThat(canary.get("percent").asInt()).isEqualTo(50);
        assertThat(canary.get("requested_by").asText()).isEqualTo("alice");
        JsonNode metrics = canary.get("metrics");
        assertThat(metrics.at("/active/calls").asLong() + metrics.at("/canary/calls").asLong()).isEqualTo(40);
        assertThat(metrics.at("/canary/calls").asLong()).isBetween(5L, 35L);
        assertThat(metrics.at("/canary/error_rate").asDouble()).isZero();
        assertThat(metrics.at("/canary/p95_ms").asDouble()).isPositive();
        assertThat(metrics.get("window_seconds").asLong()).isEqualTo(300);
        assertThat(metrics.get("failed").asBoolean()).isFalse();

        Reply promoted = rig.post("/v1/snapshot/promote", "", RgpHeaders.ACTOR_ID, "bob");
        assertThat(promoted.status()).as(promoted.text()).isEqualTo(200);
        assertThat(promoted.json().at("/roles/canary").isNull()).isTrue();
        assertThat(promoted.json().get("history").findValuesAsText("event")).contains("canary_requested",
                "canary_started", "promoted");
        assertThat(rig.gateway.queryAudit(new AuditQuery(null, null, null, null, "rig.snapshot.promote", null, null,
                10, null)).entries()).singleElement().satisfies(e -> assertThat(e.event().actor()).isEqualTo("bob"));

        Reply again = rig.post("/v1/snapshot/promote", "", RgpHeaders.ACTOR_ID, "bob");
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.json().at("/error/type").asText()).isEqualTo("not_found");
        assertThat(again.json().at("/error/message").asText()).contains("no canary is on trial")
                .contains("promoted at");
    }

    @Test
    void aRollbackOverRgpEndsTheCanary() {
        rig.gateway.requestCanary(LockFile.empty("test", Instant.now()), 10, "alice");
        Reply rolledBack = rig.post("/v1/snapshot/rollback", "", RgpHeaders.ACTOR_ID, "carol");
        assertThat(rolledBack.status()).as(rolledBack.text()).isEqualTo(200);
        assertThat(rolledBack.json().at("/roles/canary").isNull()).isTrue();
        assertThat(rig.gateway.routing().canary()).isNull();
        JsonNode history = rolledBack.json().get("history");
        JsonNode last = history.get(history.size() - 1);
        assertThat(last.get("event").asText()).isEqualTo("canary_rolled_back");
        assertThat(last.get("actor").asText()).isEqualTo("carol");

        Reply nothing = rig.post("/v1/snapshot/rollback", "");
        assertThat(nothing.status()).isEqualTo(404);
        assertThat(nothing.json().at("/error/message").asText()).contains("no previous snapshot");
    }
}
