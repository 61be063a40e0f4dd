package dev.rig.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rig.server.TestGateway.Reply;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AuditRoutesTest {

    @TempDir
    Path dir;

    TestGateway rig;

    @BeforeEach
    void start() {
        rig = TestGateway.start(dir, null);
        echo("one", "acme", "alice");
        echo("two", "acme", "bob");
        echo("three", "beta", "alice");
        rig.call("echo", "{\"args\": {\"message\": 4}}", RgpHeaders.TENANT_ID, "acme", RgpHeaders.ACTOR_ID, "alice");
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    @Test
    void anEmptyBodyReadsEverythingNewestFirst() {
        JsonNode page = query("");

        assertThat(page.get("total").asLong()).isEqualTo(4);
        assertThat(page.get("has_more").asBoolean()).isFalse();
        assertThat(seqs(page)).hasSize(4).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(page.get("entries").get(0).get("tool").asText()).isEqualTo("echo");
    }

    @Test
    void filtersByTenantActorToolAndOutcome() {
        assertThat(query("{\"tenant_id\": \"acme\"}").get("total").asLong()).isEqualTo(3);
        assertThat(query("{\"tenant_id\": \"acme\", \"actor\": \"alice\"}").get("total").asLong()).isEqualTo(2);
        assertThat(query("{\"tool_name\": \"echo\", \"ok\": false}").get("total").asLong()).isEqualTo(1);
        assertThat(query("{\"tool_name\": \"fs.read_file\"}").get("total").asLong()).isZero();
    }

    @Test
    void theTenantHeaderFillsAMissingTenantFilter() {
        Reply reply = rig.post("/v1/audit/query", "{}", RgpHeaders.TENANT_ID, "beta");

        assertThat(reply.json().get("total").asLong()).isEqualTo(1);
    }

    @Test
    void filtersByRunId() {
        String runId = rig.call("echo", "{\"args\": {\"message\": \"five\"}}", RgpHeaders.CORRELATION_ID, "run-5")
                .json().get("correlation_id").asText();

        JsonNode page = query("{\"run_id\": \"" + runId + "\"}");

        assertThat(page.get("total").asLong()).isEqualTo(1);
        assertThat(page.get("entries").get(0).get("run_id").asText()).isEqualTo("run-5");
    }

    @Test
    void filtersByTime() {
        rig.clock.advance(Duration.ofHours(1));
        echo("later", "acme", "alice");

        assertThat(query("{\"start_time\": \"2026-03-01T10:30:00Z\"}").get("total").asLong()).isEqualTo(1);
        assertThat(query("{\"end_time\": \"2026-03-01T10:30:00Z\"}").get("total").asLong()).isEqualTo(4);
    }

    @Test
    void pagesBackwardsWithBeforeSeq() {
        JsonNode first = query("{\"limit\": 3}");
        assertThat(first.get("entries")).hasSize(3);
        assertThat(first.get("has_more").asBoolean()).isTrue();
        long cursor = first.get("next_before_seq").asLong();

        JsonNode second = query("{\"limit\": 3, \"before_seq\": " + cursor + "}");

        assertThat(second.get("entries")).hasSize(1);
        assertThat(second.get("has_more").asBoolean()).isFalse();
        List<Long> all = new ArrayList<>(seqs(first));
        all.addAll(seqs(second));
        assertThat(all).doesNotHaveDuplicates().hasSize(4);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"limit\": 0}                        | limit",
        "{\"limit\": 1001}                     | limit",
        "{\"limit\": \"ten\"}                  | limit",
        "{\"before_seq\": -1}                  | before_seq",
        "{\"ok\": \"yes\"}                     | ok",
        "{\"start_time\": \"yesterday\"}       | start_time",
        "{\"end_time\": 5}                     | end_time",
        "{\"tenant_id\": \"\"}                 | tenant_id",
        "{\"tool\": \"echo\"}                  | 'tool'",
        "{\"start_time\": \"2026-03-02T00:00:00Z\", \"end_time\": \"2026-03-01T00:00:00Z\"} | start_time",
    })
    void aBadMemberIsRefusedByName(String body, String named) {
        JsonNode error = rig.post("/v1/audit/query", body).error(400, "validation_error");

        assertThat(error.get("message").asText()).contains(named);
    }

    private void echo(String message, String tenant, String actor) {
        Reply reply = rig.call("echo", "{\"args\": {\"message\": \"" + message + "\"}}",
                RgpHeaders.TENANT_ID, tenant, RgpHeaders.ACTOR_ID, actor);
        assertThat(reply.status()).isEqualTo(200);
    }

    private JsonNode query(String body) {
        Reply reply = rig.post("/v1/audit/query", body);
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        return reply.json();
    }

    private static List<Long> seqs(JsonNode page) {
        List<Long> seqs = new ArrayList<>();
        page.get("entries").forEach(e -> seqs.add(e.get("seq").asLong()));
        return seqs;
    }
}
