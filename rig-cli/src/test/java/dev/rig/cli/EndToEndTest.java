package dev.rig.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rig.core.Gateway;
import dev.rig.core.config.ConfigLoader;
import dev.rig.core.config.RigConfig;
import dev.rig.core.json.Json;
import dev.rig.server.RgpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client verbs against a real gateway: {@code rig init}'s configuration, a real RGP server on
 * a free port in this JVM, and every command run in-process through picocli.
 */
class EndToEndTest {

    @TempDir
    Path dir;

    private Gateway gateway;
    private RgpServer server;
    private String url;

    @BeforeEach
    void startGateway() {
        assertThat(Cli.run("init", "--dir", dir.toString()).exit()).isZero();
        RigConfig config = ConfigLoader.load(dir);
        gateway = Gateway.open(config);
        server = RgpServer.start(gateway, config.server().withHostAndPort("127.0.0.1", 0));
        url = server.baseUrl();
    }

    @AfterEach
    void stopGateway() {
        if (server != null) {
            server.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void callPrintsTheToolsOutput() throws Exception {
        Cli.Run run = Cli.run("call", "echo", "{\"message\":\"hi\"}", "--url", url, "--tenant-id", "acme");

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(Json.parse(run.out())).isEqualTo(Json.parse("{\"message\":\"hi\",\"tenant_id\":\"acme\"}"));
        assertThat(run.err()).isEmpty();
    }

    @Test
    void callWithJsonPrintsTheWholeResult() throws Exception {
        Cli.Run run = Cli.run("call", "echo", "{\"message\":\"hi\"}", "--url", url, "--json");

        assertThat(run.exit()).isZero();
        JsonNode result = Json.parse(run.out());
        assertThat(result.path("ok").asBoolean()).isTrue();
        assertThat(result.path("pack").asText()).isEqualTo("echo");
        assertThat(result.path("interface_hash").asText()).hasSize(64);
    }

    @Test
    void aToolErrorIsExitOneWithTypeAndMessageOnStderr() {
        Cli.Run run = Cli.run("call", "echo", "{}", "--url", url);

        assertThat(run.exit()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("error: validation_error: ");
    }

    @Test
    void anUnknownToolIsNotFound() {
        Cli.Run run = Cli.run("call", "no.such.tool", "--url", url);

        assertThat(run.exit()).as(run.toString()).isEqualTo(1);
        assertThat(run.err()).contains("not_found");
    }

    @Test
    void aHeldCallExitsThreeWithTheTokenAndHowToApprove() throws Exception {
        Files.writeString(dir.resolve("workspace/doomed.txt"), "bye");

        Cli.Run held = Cli.run("call", "fs.delete_file", "{\"path\":\"doomed.txt\"}", "--url", url,
                "--actor", "agent-7");

        assertThat(held.exit()).as(held.toString()).isEqualTo(ExitCode.APPROVAL.code());
        String token = held.out().strip();
        assertThat(token).matches("[0-9a-f-]{36}");
        assertThat(held.err()).contains("approval required")
                .contains("rig approve " + token)
                .contains(url + "/v1/approvals/" + token + ":approve");
        assertThat(dir.resolve("workspace/doomed.txt")).exists();

        Cli.Run listed = Cli.run("approvals", "--url", url, "--json");
        assertThat(listed.exit()).isZero();
        assertThat(Json.parse(listed.out()).path("approvals").get(0).path("token").asText()).isEqualTo(token);

        Cli.Run approved = Cli.run("approve", token, "--actor", "alice", "--url", url);
        assertThat(approved.exit()).as(approved.toString()).isZero();
        assertThat(Json.parse(approved.out()).path("deleted").asBoolean()).isTrue();
        assertThat(dir.resolve("workspace/doomed.txt")).doesNotExist();
    }

    @Test
    void theCallerCannotApproveItsOwnCall() {
        Cli.Run held = Cli.run("call", "fs.delete_file", "{\"path\":\"x.txt\"}", "--url", url, "--actor", "alice");

        Cli.Run approved = Cli.run("approve", held.out().strip(), "--actor", "alice", "--url", url);

        assertThat(approved.exit()).as(approved.toString()).isEqualTo(1);
        assertThat(approved.out()).isEmpty();
        assertThat(approved.err()).contains("error: permission_error:");
    }

    @Test
    void aDeniedCallNeverRuns() {
        Cli.Run held = Cli.run("call", "fs.delete_file", "{\"path\":\"x.txt\"}", "--url", url, "--actor", "agent-7");
        String token = held.out().strip();

        Cli.Run denied = Cli.run("deny", token, "--actor", "alice", "--url", url);
        Cli.Run approvedAfter = Cli.run("approve", token, "--actor", "bob", "--url", url);

        assertThat(denied.exit()).as(denied.toString()).isZero();
        assertThat(denied.err()).contains("denied " + token);
        assertThat(approvedAfter.exit()).isEqualTo(1);
        assertThat(approvedAfter.err()).contains("not_found");
    }

    @Test
    void auditQueryJsonIsOnePageOfEntries() throws Exception {
        Cli.run("call", "echo", "{\"message\":\"one\"}", "--url", url, "--tenant-id", "acme");
        Cli.run("call", "echo", "{}", "--url", url, "--tenant-id", "acme");
        Cli.run("call", "echo", "{\"message\":\"other\"}", "--url", url, "--tenant-id", "globex");

        Cli.Run run = Cli.run("audit", "query", "--tenant-id", "acme", "--json", "--url", url);

        assertThat(run.exit()).as(run.toString()).isZero();
        JsonNode page = Json.parse(run.out());
        assertThat(page.path("total").asInt()).isEqualTo(2);
        assertThat(page.path("entries")).hasSize(2);
        assertThat(page.path("entries").get(0).path("tenant_id").asText()).isEqualTo("acme");

        Cli.Run failed = Cli.run("audit", "query", "--failed", "--since", "1h", "--json", "--url", url);
        assertThat(Json.parse(failed.out()).path("entries")).hasSize(1);
    }

    @Test
    void auditTailPrintsTheNewestLast() {
        Cli.run("call", "echo", "{\"message\":\"first\"}", "--url", url);
        Cli.run("call", "no.such.tool", "--url", url);

        Cli.Run run = Cli.run("audit", "tail", "-n", "5", "--url", url);

        assertThat(run.exit()).as(run.toString()).isZero();
        String[] lines = run.out().split("\n");
        assertThat(lines[0]).startsWith("SEQ");
        assertThat(lines).hasSize(3);
        assertThat(lines[1]).contains(" echo ");
        assertThat(lines[2]).contains("no.such.tool");
    }

    @Test
    void auditVerifyFindsTheChainIntact() {
        Cli.run("call", "echo", "{\"message\":\"hi\"}", "--url", url);

        Cli.Run run = Cli.run("audit", "verify", "--dir", dir.toString());

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).contains("audit log intact");
    }

    @Test
    void listShowsTheToolsOfTheConfiguredPacks() throws Exception {
        Cli.Run table = Cli.run("list", "--dir", dir.toString());
        Cli.Run json = Cli.run("list", "--json", "--dir", dir.toString());
        Cli.Run packs = Cli.run("list", "--packs", "--json", "--dir", dir.toString());

        assertThat(table.exit()).as(table.toString()).isZero();
        assertThat(table.out()).startsWith("NAME").containsPattern("(?m)^fs\\.delete_file +destructive +fs +Deletes");
        assertThat(Json.parse(json.out())).hasSize(5);
        assertThat(Json.parse(packs.out()).findValuesAsText("id")).containsExactlyInAnyOrder("echo", "fs");
    }

    @Test
    void doctorPassesOnAFreshInit() throws Exception {
        Files.writeString(dir.resolve("rig.yaml"),
                Files.readString(dir.resolve("rig.yaml")).replace("port: 8787", "port: 0"));

        Cli.Run run = Cli.run("doctor", "--dir", dir.toString());

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).contains("✓ config", "✓ java", "✓ database", "✓ packs", "✓ port").doesNotContain("✗");
    }

    @Test
    void doctorFailsOnSecretsOthersCanRead() throws Exception {
        Files.writeString(dir.resolve("rig.yaml"),
                Files.readString(dir.resolve("rig.yaml")).replace("port: 8787", "port: 0"));
        Path secrets = dir.resolve(".rig/secrets.env");
        Files.writeString(secrets, "TOKEN=x\n");
        Files.setPosixFilePermissions(secrets, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));

        Cli.Run run = Cli.run("doctor", "--json", "--dir", dir.toString());

        assertThat(run.exit()).isEqualTo(1);
        JsonNode doc = Json.parse(run.out());
        assertThat(doc.path("ok").asBoolean()).isFalse();
        assertThat(doc.findValuesAsText("fix")).contains("chmod 600 " + secrets);
    }

    @Test
    void doctorFailsWhenThePortIsTaken() throws Exception {
        Files.writeString(dir.resolve("rig.yaml"),
                Files.readString(dir.resolve("rig.yaml")).replace("port: 8787", "port: " + server.port()));

        Cli.Run run = Cli.run("doctor", "--dir", dir.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("✗ port: cannot listen on 127.0.0.1:" + server.port()).contains("fix:");
    }
}
