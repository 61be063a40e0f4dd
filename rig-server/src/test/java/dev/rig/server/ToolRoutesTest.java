package dev.rig.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rig.server.TestGateway.Reply;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolRoutesTest {

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
    void listsEveryToolSortedByName() {
        Reply reply = rig.get("/v1/tools");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("application/json");
        List<String> names = new ArrayList<>();
        reply.json().forEach(tool -> names.add(tool.get("name").asText()));
        assertThat(names).contains("echo", "fs.read_file", "fs.delete_file").isSorted();
    }

    @Test
    void describesADottedTool() {
        Reply reply = rig.get("/v1/tools/fs.read_file");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("name").asText()).isEqualTo("fs.read_file");
        assertThat(reply.json().get("input_schema").isObject()).isTrue();
    }

    @Test
    void anUnknownToolIsNotFoundWithAHint() {
        JsonNode error = rig.get("/v1/tools/nope.nothing").error(404, "not_found");

        assertThat(error.get("message").asText()).contains("nope.nothing");
        assertThat(error.get("remediation_hints").toString()).contains("GET /v1/tools lists the tools");
    }

    @Test
    void callsEchoAndEchoesTheCorrelationId() {
        Reply reply = rig.call("echo", "{\"args\": {\"message\": \"hi\"}}", RgpHeaders.CORRELATION_ID, "corr-123");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header(RgpHeaders.CORRELATION_ID)).isEqualTo("corr-123");
        JsonNode result = reply.json();
        assertThat(result.get("ok").asBoolean()).as(reply.text()).isTrue();
        assertThat(result.get("output").get("message").asText()).isEqualTo("hi");
        assertThat(result.get("output").get("tenant_id").asText()).isEqualTo("default");
        assertThat(result.get("correlation_id").asText()).isEqualTo("corr-123");
        assertThat(result.get("pack").asText()).isEqualTo("echo");
        assertThat(result.get("interface_hash").asText()).hasSize(64);
    }

    @Test
    void generatesACorrelationIdWhenNoneIsSent() {
        Reply reply = rig.call("echo", "{\"args\": {\"message\": \"hi\"}}");

        assertThat(reply.header(RgpHeaders.CORRELATION_ID)).isNotBlank()
                .isEqualTo(reply.json().get("correlation_id").asText());
    }

    @Test
    void theTenantHeaderFillsAMissingContextTenant() {
        Reply reply = rig.call("echo", "{\"args\": {\"message\": \"hi\"}}", RgpHeaders.TENANT_ID, "acme");

        assertThat(reply.json().get("output").get("tenant_id").asText()).isEqualTo("acme");
    }

    @Test
    void theBodyContextWinsOverTheHeaders() {
        Reply reply = rig.call("echo", "{\"args\": {\"message\": \"hi\"}, \"context\": {\"tenant_id\": \"beta\"}}",
                RgpHeaders.TENANT_ID, "acme");

        assertThat(reply.json().get("output").get("tenant_id").asText()).isEqualTo("beta");
    }

    @Test
    void anEmptyBodyCallsWithNoArguments() {
        Reply reply = rig.call("echo", "");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("error").get("type").asText()).isEqualTo("validation_error");
    }

    @Test
    void callingAnUnknownToolIsA404WithAToolResult() {
        Reply reply = rig.call("nope.nothing", "{}");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.json().get("ok").asBoolean()).isFalse();
        assertThat(reply.json().get("error").get("type").asText()).isEqualTo("not_found");
        assertThat(reply.text()).doesNotContain("Exception");
    }

    @Test
    void aToolsOwnNotFoundIsStillA200() {
        Reply reply = rig.call("fs.read_file", "{\"args\": {\"path\": \"missing.txt\"}}");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("error").get("type").asText()).isEqualTo("not_found");
        assertThat(reply.json().get("pack").asText()).isEqualTo("fs");
    }

    @Test
    void aWrongArgumentTypeIsAFailedResultNamingTheField() {
        Reply reply = rig.call("echo", "{\"args\": {\"message\": 5}}");

        assertThat(reply.status()).isEqualTo(200);
        JsonNode result = reply.json();
        assertThat(result.get("ok").asBoolean()).isFalse();
        assertThat(result.get("error").get("type").asText()).isEqualTo("validation_error");
        assertThat(result.get("error").get("message").asText()).contains("message");
    }

    @Test
    void aMissingRequiredArgumentIsAFailedResultNamingTheField() {
        Reply reply = rig.call("echo", "{\"args\": {}}");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("error").get("type").asText()).isEqualTo("validation_error");
        assertThat(reply.json().get("error").get("message").asText()).contains("message");
    }

    @Test
    void argsThatAreNotAnObjectAreRefused() {
        JsonNode error = rig.call("echo", "{\"args\": [1, 2]}").error(400, "validation_error");

        assertThat(error.get("message").asText()).startsWith("args must be a JSON object").contains("an array");
    }

    @Test
    void contextFieldsOfTheWrongTypeOrLengthAreRefused() {
        JsonNode wrongType = rig.call("echo", "{\"context\": {\"tenant_id\": 7}}").error(400, "validation_error");
        JsonNode tooLong = rig.call("echo", "{\"context\": {\"actor\": \"" + "a".repeat(257) + "\"}}")
                .error(400, "validation_error");
        JsonNode empty = rig.call("echo", "{\"context\": {\"request_id\": \"\"}}").error(400, "validation_error");

        assertThat(wrongType.get("message").asText()).contains("context.tenant_id").contains("a number");
        assertThat(tooLong.get("message").asText()).contains("context.actor").contains("257");
        assertThat(empty.get("message").asText()).contains("context.request_id");
    }

    @Test
    void unknownBodyMembersAreRefusedByName() {
        JsonNode error = rig.call("echo", "{\"arguments\": {}}").error(400, "validation_error");

        assertThat(error.get("message").asText()).contains("'arguments'").contains("args, context");
    }

    @Test
    void anUnknownActionOnAToolIsNoRoute() {
        JsonNode error = rig.post("/v1/tools/echo:run", "{}").error(404, "not_found");

        assertThat(error.get("message").asText()).isEqualTo("no route POST /v1/tools/echo:run");
    }
}
