package dev.rig.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rig.server.TestGateway.Reply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApprovalRoutesTest {

    @TempDir
    Path dir;

    TestGateway rig;

    @BeforeEach
    void start() throws IOException {
        rig = TestGateway.start(dir, "approvals: {ttl_seconds: 600}\n");
        Files.writeString(dir.resolve("workspace/note.txt"), "bye");
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    @Test
    void aDestructiveCallWaitsForApprovalAndRunsWhenAnotherActorApproves() {
        Reply held = requestDelete("alice", "acme");

        assertThat(held.status()).isEqualTo(200);
        JsonNode result = held.json();
        assertThat(result.get("ok").asBoolean()).isFalse();
        assertThat(result.get("error").get("type").asText()).isEqualTo("approval_required");
        String token = result.get("approval").get("token").asText();
        assertThat(result.get("error").get("remediation_hints").toString()).contains("approve token: " + token);
        assertThat(result.get("approval").get("tool_name").asText()).isEqualTo("fs.delete_file");
        assertThat(dir.resolve("workspace/note.txt")).exists();

        Reply approved = rig.post("/v1/approvals/" + token + ":approve", "", RgpHeaders.ACTOR_ID, "bob");

        assertThat(approved.status()).as(approved.text()).isEqualTo(200);
        assertThat(approved.json().get("ok").asBoolean()).isTrue();
        assertThat(approved.json().get("output").get("deleted").asBoolean()).isTrue();
        assertThat(dir.resolve("workspace/note.txt")).doesNotExist();
    }

    @Test
    void aTokenRunsOnlyOnce() {
        String token = tokenOf(requestDelete("alice", "acme"));
        assertThat(rig.post("/v1/approvals/" + token + ":approve", "", RgpHeaders.ACTOR_ID, "bob").status())
                .isEqualTo(200);

        JsonNode error = rig.post("/v1/approvals/" + token + ":approve", "", RgpHeaders.ACTOR_ID, "carol")
                .error(404, "not_found");

        assertThat(error.get("message").asText()).contains(token);
    }

    @Test
    void theRequesterCannotApproveTheirOwnCall() {
        String token = tokenOf(requestDelete("alice", "acme"));

        rig.post("/v1/approvals/" + token + ":approve", "", RgpHeaders.ACTOR_ID, "alice")
                .error(403, "permission_error");

        assertThat(dir.resolve("workspace/note.txt")).exists();
    }

    @Test
    void aDeniedCallCanNeverBeApproved() {
        String token = tokenOf(requestDelete("alice", "acme"));

        Reply denied = rig.post("/v1/approvals/" + token + ":deny", "", RgpHeaders.ACTOR_ID, "bob");

        assertThat(denied.status()).isEqualTo(200);
        assertThat(denied.json().get("denied").asBoolean()).isTrue();
        assertThat(denied.json().get("token").asText()).isEqualTo(token);
        assertThat(denied.json().get("denied_by").asText()).isEqualTo("bob");
        rig.post("/v1/approvals/" + token + ":approve", "", RgpHeaders.ACTOR_ID, "bob").error(404, "not_found");
        assertThat(dir.resolve("workspace/note.txt")).exists();
    }

    @Test
    void anExpiredApprovalIsGone() {
        String token = tokenOf(requestDelete("alice", "acme"));
        rig.clock.advance(Duration.ofSeconds(601));

        JsonNode error = rig.post("/v1/approvals/" + token + ":approve", "", RgpHeaders.ACTOR_ID, "bob")
                .error(410, "not_found");

        assertThat(error.get("message").asText()).contains("expired");
        assertThat(dir.resolve("workspace/note.txt")).exists();
    }

    @Test
    void anUnknownTokenIsNotFound() {
        rig.post("/v1/approvals/123e4567-e89b-42d3-a456-426614174000:approve", "").error(404, "not_found");
    }

    @Test
    void aTokenThatIsNotAUuidIsRefused() {
        JsonNode error = rig.post("/v1/approvals/not-a-uuid:approve", "").error(400, "validation_error");

        assertThat(error.get("message").asText()).contains("token must be a UUID").contains("not-a-uuid");
    }

    @Test
    void anUnknownDecisionIsNoRoute() {
        rig.post("/v1/approvals/123e4567-e89b-42d3-a456-426614174000:maybe", "").error(404, "not_found");
    }

    @Test
    void listsPendingApprovalsFilteredByTenant() {
        String acme = tokenOf(requestDelete("alice", "acme"));
        rig.clock.advance(Duration.ofSeconds(1));
        String beta = tokenOf(requestDelete("alice", "beta"));

        assertThat(tokens(rig.get("/v1/approvals"))).containsExactly(acme, beta);
        assertThat(tokens(rig.get("/v1/approvals?tenant_id=acme"))).containsExactly(acme);
        assertThat(tokens(rig.get("/v1/approvals", RgpHeaders.TENANT_ID, "beta"))).containsExactly(beta);
        assertThat(tokens(rig.get("/v1/approvals?tenant_id=nobody"))).isEmpty();
        JsonNode first = rig.get("/v1/approvals?tenant_id=acme").json().get("approvals").get(0);
        assertThat(first.get("tenant_id").asText()).isEqualTo("acme");
        assertThat(first.get("actor").asText()).isEqualTo("alice");
        assertThat(first.get("args").get("path").asText()).isEqualTo("note.txt");
    }

    private Reply requestDelete(String actor, String tenant) {
        return rig.call("fs.delete_file", "{\"args\": {\"path\": \"note.txt\"}}",
                RgpHeaders.ACTOR_ID, actor, RgpHeaders.TENANT_ID, tenant);
    }

    private static String tokenOf(Reply held) {
        return held.json().get("approval").get("token").asText();
    }

    private static List<String> tokens(Reply reply) {
        assertThat(reply.status()).isEqualTo(200);
        List<String> tokens = new ArrayList<>();
        reply.json().get("approvals").forEach(a -> tokens.add(a.get("token").asText()));
        return tokens;
    }
}
