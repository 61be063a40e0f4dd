package dev.rig.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rig.core.api.Cancellation;
import dev.rig.core.json.Json;
import org.junit.jupiter.api.Test;

/** How incoming MCP messages are tagged and how notifications/cancelled finds its call. */
class InFlightCallsTest {

    private final InFlightCalls calls = new InFlightCalls();

    private static String key(String tagged) throws Exception {
        JsonNode node = Json.parse(tagged);
        return node.path("params").path("_meta").path(InFlightCalls.CALL_KEY).asText(null);
    }

    @Test
    void aToolsCallIsTaggedWithItsChannelAndRequestIdKeepingEverythingElse() throws Exception {
        String tagged = calls.inspect("""
                {"jsonrpc":"2.0","id":7,"method":"tools/call",
                 "params":{"name":"echo","arguments":{"message":"hi"},"_meta":{"progressToken":"p1"}}}""", "s1");

        JsonNode node = Json.parse(tagged);
        assertThat(key(tagged)).isEqualTo("s1/7");
        assertThat(node.path("params").path("_meta").path("progressToken").asText()).isEqualTo("p1");
        assertThat(node.path("params").path("arguments").path("message").asText()).isEqualTo("hi");
        assertThat(node.path("id").asInt()).isEqualTo(7);
    }

    @Test
    void aForgedKeyIsOverwrittenSoOneSessionCannotCancelAnothersCall() throws Exception {
        String tagged = calls.inspect("""
                {"jsonrpc":"2.0","id":"a","method":"tools/call",
                 "params":{"name":"echo","_meta":{"dev.rig/call":"victim/1"}}}""", "attacker");

        assertThat(key(tagged)).isEqualTo("attacker/\"a\"");
    }

    @Test
    void otherMessagesPassUnchanged() {
        String list = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}";
        String broken = "{\"method\":\"tools/call\", oops";
        assertThat(calls.inspect(list, "s")).isSameAs(list);
        assertThat(calls.inspect(broken, "s")).as("the SDK answers malformed JSON itself").isSameAs(broken);
    }

    @Test
    void aCancellationCancelsTheRunningCallOfThatSessionOnly() {
        Cancellation mine = calls.start("s1/7");
        Cancellation other = calls.start("s2/7");

        String passed = calls.inspect("""
                {"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":7,"reason":"user stop"}}""",
                "s1");

        assertThat(passed).as("handled here, not passed to the SDK").isNull();
        assertThat(mine.isCancelled()).isTrue();
        assertThat(mine.reason()).isEqualTo("cancelled by the MCP client: user stop");
        assertThat(other.isCancelled()).isFalse();
    }

    @Test
    void aCancellationThatOvertakesItsCallStillCancelsIt() {
        calls.inspect("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":\"r\"}}",
                "stdio");

        assertThat(calls.start("stdio/\"r\"").isCancelled()).isTrue();
        assertThat(calls.start("stdio/\"q\"").isCancelled()).isFalse();
    }

    @Test
    void aFinishedCallIsNoLongerCancellable() {
        Cancellation done = calls.start("s/1");
        calls.finish("s/1");

        calls.inspect("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":1}}", "s");

        assertThat(done.isCancelled()).isFalse();
    }
}
