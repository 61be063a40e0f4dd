package dev.rig.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rig.core.json.Json;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rig call} without a gateway: what it refuses before sending, and what it says when nobody answers. */
class CallCommandTest {

    @TempDir
    Path dir;

    @Test
    void invalidJsonIsAUsageErrorSayingWhereItBroke() {
        Cli.Run run = Cli.run("call", "echo", "{\"message\": hi}", "--url", "http://127.0.0.1:1");

        assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCode.USAGE.code());
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("ARGS is not valid JSON at line 1, column 13").contains("hint:");
    }

    @Test
    void argsMustBeAnObject() {
        Cli.Run run = Cli.run("call", "echo", "[1, 2]", "--url", "http://127.0.0.1:1");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("ARGS must be a JSON object, got array");
    }

    @Test
    void textAfterTheObjectIsRefused() {
        Cli.Run run = Cli.run("call", "echo", "{\"message\": \"hi\"} {}", "--url", "http://127.0.0.1:1");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("ARGS has more after the JSON object, at line 1, column 19");
    }

    @Test
    void aMissingArgsFileIsAUsageError() {
        Cli.Run run = Cli.run("call", "echo", "@" + dir.resolve("nope.json"), "--url", "http://127.0.0.1:1");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("nope.json does not exist");
    }

    @Test
    void invalidJsonInAnArgsFileIsAUsageError() throws IOException {
        Path file = Files.writeString(dir.resolve("args.json"), "{\n  \"message\": \"hi\",\n}");

        Cli.Run run = Cli.run("call", "echo", "@" + file, "--url", "http://127.0.0.1:1");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("ARGS file " + file + " is not valid JSON at line 3, column 1");
    }

    @Test
    void aUrlThatIsNotHttpIsAUsageError() {
        Cli.Run run = Cli.run("call", "echo", "--url", "ftp://example.org");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--url must be an http:// or https:// URL");
    }

    @Test
    void anUnreachableGatewayFailsWithHowToStartOne() throws IOException {
        String url = "http://127.0.0.1:" + freePort();

        Cli.Run run = Cli.run("call", "echo", "{\"message\": \"hi\"}", "--url", url);

        assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCode.FAILED.code());
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("error: no gateway at " + url + ": start one with `rig serve`\n");
        assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void stacktraceShowsTheTrace() throws IOException {
        Cli.Run run = Cli.run("call", "echo", "--url", "http://127.0.0.1:" + freePort(), "--stacktrace");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("CommandFailure").contains("\tat ");
    }

    @Test
    void withJsonAFailureIsOneJsonDocumentOnStdout() throws IOException {
        String url = "http://127.0.0.1:" + freePort();

        Cli.Run run = Cli.run("call", "echo", "--json", "--url", url);

        assertThat(run.exit()).isEqualTo(1);
        JsonNode doc = Json.parse(run.out());
        assertThat(doc.path("ok").asBoolean(true)).isFalse();
        assertThat(doc.path("error").path("message").asText()).startsWith("no gateway at " + url);
        assertThat(doc.path("error").path("exit_code").asInt()).isEqualTo(1);
        assertThat(run.err()).contains("no gateway at");
    }

    @Test
    void withoutUrlTheConfiguredServerIsUsed() throws IOException {
        int port = freePort();
        Files.writeString(dir.resolve("rig.yaml"), "server: {host: 127.0.0.1, port: " + port + "}\n");

        Cli.Run run = Cli.run("call", "echo", "--dir", dir.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("no gateway at http://127.0.0.1:" + port);
    }

    @Test
    void aBrokenConfigFailsNamingTheKey() throws IOException {
        Files.writeString(dir.resolve("rig.yaml"), "server:\n  port: nine\n");

        Cli.Run run = Cli.run("call", "echo", "--dir", dir.toString());

        assertThat(run.exit()).as(run.toString()).isEqualTo(1);
        assertThat(run.err()).contains("server.port").contains("rig.yaml");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
