package dev.rig.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rig.core.Gateway;
import dev.rig.core.config.ConfigLoader;
import dev.rig.core.config.RigConfig;
import dev.rig.core.json.Json;
import dev.rig.core.lock.JarDigest;
import dev.rig.core.lock.LockFile;
import dev.rig.core.lock.LockedPack;
import dev.rig.install.TestRepository;
import dev.rig.server.RgpServer;
import dev.rig.server.WorkspaceWatcher;
import dev.rig.spi.RiskClass;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole rollout from the command line against a running gateway (RGP server and file watch in this
 * JVM): {@code rig update --canary}, the gateway's automatic rollback of a version that fails half its
 * calls, {@code rig snapshots}, {@code rig diff}, {@code rig promote}, {@code rig rollback}. Pack
 * {@code flaky} is a real Maven artifact in a file repository, installed with {@code rig install}.
 */
class RolloutCommandsTest {

    @TempDir
    Path dir;

    @TempDir
    Path root;

    private final HttpClient http = HttpClient.newHttpClient();
    private TestRepository repo;
    private Path index;
    private Gateway gateway;
    private RgpServer server;
    private WorkspaceWatcher watcher;
    private final AtomicInteger tenants = new AtomicInteger();

    @BeforeEach
    void workspace() throws Exception {
        System.setProperty("rig.cache", root.resolve("cache").toString());
        assertThat(Cli.run("init", "--dir", dir.toString()).exit()).isZero();
        repo = TestRepository.at(root.resolve("repo"));
        Path yaml = dir.resolve("rig.yaml");
        Files.writeString(yaml, Files.readString(yaml).replace("repositories: [bundled, local, central]",
                "repositories: [bundled, \"" + repo.root().toUri() + "\"]") + "\ncanary:\n  min_calls: 10\n");
        index = root.resolve("index.json");
        publish("1.0.0", "Map.of(\"version\", \"1.0.0\")");
        Cli.Run install = rig("install", "flaky");
        assertThat(install.exit()).as(install.toString()).isZero();
        RigConfig config = ConfigLoader.load(dir);
        gateway = Gateway.open(config);
        server = RgpServer.start(gateway, config.server().withHostAndPort("127.0.0.1", 0));
        watcher = WorkspaceWatcher.start(gateway, Duration.ofMillis(100));
    }

    @AfterEach
    void stop() {
        watcher.close();
        server.close();
        gateway.close();
        System.clearProperty("rig.cache");
    }

    /** Publishes flaky {@code version} whose tool answers {@code output} (a Java expression) and lists it in the index. */
    private void publish(String version, String output) throws Exception {
        publish(version, output, RiskClass.WRITE, false);
    }

    private void publish(String version, String output, RiskClass risk, boolean extraTool) throws Exception {
        TestRepository.PackJar pack = repo.pack("com.example", "rig-pack-flaky", version).packId("flaky");
        if (extraTool) {
            pack.tool("flaky.extra", RiskClass.READ, "Map.of(\"extra\", true)");
        }
        pack
                .source("rig.testpack.flaky.Coin", """
                        package rig.testpack.flaky;
                        import dev.rig.spi.ErrorType;
                        import dev.rig.spi.ToolException;
                        import java.util.concurrent.atomic.AtomicLong;
                        public final class Coin {
                            private static final AtomicLong CALLS = new AtomicLong();
                            public static <T> T everySecondFails(T value) throws ToolException {
                                if (CALLS.incrementAndGet() % 2 == 0) {
                                    throw ToolException.of(ErrorType.UPSTREAM_ERROR, "this version fails half its calls");
                                }
                                return value;
                            }
                        }
                        """)
                .tool("flaky.work", risk, output).publish();
        Files.writeString(index, """
                {"api_version": 1, "generated_at": "2026-11-20T00:00:00Z", "packs": {
                  "flaky": {"display_name": "Flaky", "description": "f", "tags": [],
                            "java": {"groupId": "com.example", "artifactId": "rig-pack-flaky", "version": "%s"}}}}
                """.formatted(version));
    }

    private Cli.Run rig(String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--dir";
        all[args.length + 1] = dir.toString();
        all[args.length + 2] = "--index-url";
        all[args.length + 3] = index.toString();
        return Cli.run(all);
    }

    private Cli.Run rigHere(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--dir";
        all[args.length + 1] = dir.toString();
        return Cli.run(all);
    }

    /** A call from a new tenant over RGP; the answer's version, or "failed". */
    private String call() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl()
                        + "/v1/tools/flaky.work:call")).header("X-RIG-Tenant-ID", "tenant-" + tenants.incrementAndGet())
                .POST(HttpRequest.BodyPublishers.ofString("{\"args\":{}}")).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode result = Json.parse(response.body());
        return result.path("ok").asBoolean() ? result.at("/output/version").asText() : "failed";
    }

    private JsonNode snapshot() throws Exception {
        return Json.parse(http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/snapshot")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    @Test
    void aFailingCanaryIsRolledBackByTheGatewayAndAGoodOneIsPromotedThenRolledBackByHand() throws Exception {
        LockedPack v1 = LockFile.read(dir.resolve("rig.lock")).orElseThrow().pack("flaky").orElseThrow();
        assertThat(call()).isEqualTo("1.0.0");

        publish("2.0.0", "rig.testpack.flaky.Coin.everySecondFails(Map.of(\"version\", \"2.0.0\"))");
        String lockBefore = Files.readString(dir.resolve("rig.lock"));
        Cli.Run canary = rig("update", "flaky", "--canary", "50");
        assertThat(canary.exit()).as(canary.toString()).isZero();
        assertThat(canary.out()).contains("flaky 1.0.0 → 2.0.0").contains("canary requested for 50% of tenants");
        assertThat(Files.readString(dir.resolve("rig.lock"))).as("rig.lock is the active set").isEqualTo(lockBefore);
        await().atMost(Duration.ofSeconds(15)).until(() -> gateway.routing().canary() != null);
        Cli.Run listed = rigHere("snapshots");
        assertThat(listed.out()).contains("active").contains("canary (50%)").contains("flaky 2.0.0");

        await().atMost(Duration.ofSeconds(20)).until(() -> {
            for (int i = 0; i < 10; i++) {
                call();
            }
            return gateway.routing().canary() == null;
        });
        JsonNode history = snapshot().get("history");
        JsonNode last = history.get(history.size() - 1);
        assertThat(last.get("event").asText()).isEqualTo("canary_rolled_back");
        assertThat(last.get("reason").asText()).startsWith("automatic: error rate");
        for (int i = 0; i < 20; i++) {
            assertThat(call()).isEqualTo("1.0.0");
        }
        Cli.Run audit = rigHere("audit", "query", "--tool", "rig.snapshot.rollback", "--url", server.baseUrl(),
                "--json");
        assertThat(audit.out()).contains("automatic: error rate");

        publish("2.1.0", "Map.of(\"version\", \"2.1.0\", \"extra\", true)");
        Cli.Run dryRun = rig("update", "flaky", "--canary", "10", "--dry-run");
        assertThat(dryRun.exit()).as(dryRun.toString()).isZero();
        assertThat(dryRun.out()).contains("flaky 1.0.0 → 2.1.0 would be updated");
        Cli.Run good = rig("update", "flaky", "--canary", "10", "--actor", "alice");
        assertThat(good.exit()).as(good.toString()).isZero();
        await().atMost(Duration.ofSeconds(15)).until(() -> gateway.routing().canary() != null);
        String canaryId = gateway.routing().canary().id();
        String activeId = gateway.routing().active().id();
        Cli.Run diff = rigHere("diff", "active", "canary");
        assertThat(diff.exit()).as(diff.toString()).isZero();
        assertThat(diff.out()).contains(activeId + " (").contains(canaryId + " (").contains("flaky 2.1.0");

        Cli.Run promote = rigHere("promote", "--actor", "bob", "--reason", "looks good");
        assertThat(promote.exit()).as(promote.toString()).isZero();
        assertThat(promote.out()).contains("promoted " + canaryId + " to active (previous: " + activeId + ")");
        await().atMost(Duration.ofSeconds(15)).until(() -> gateway.snapshot().id().equals(canaryId)
                && gateway.routing().canary() == null);
        assertThat(call()).isEqualTo("2.1.0");
        assertThat(LockFile.read(dir.resolve("rig.lock")).orElseThrow().pack("flaky").orElseThrow().version())
                .isEqualTo("2.1.0");
        assertThat(dir.resolve(".rig/packs/flaky/2.0.0")).as("the failed canary's jars are gone").doesNotExist();

        Cli.Run rollback = rigHere("rollback", "--actor", "carol", "--json");
        assertThat(rollback.exit()).as(rollback.toString()).isZero();
        assertThat(Json.parse(rollback.out()).get("to").asText()).isEqualTo(activeId);
        await().atMost(Duration.ofSeconds(15)).until(() -> gateway.snapshot().id().equals(activeId));
        assertThat(call()).isEqualTo("1.0.0");
        LockedPack restored = LockFile.read(dir.resolve("rig.lock")).orElseThrow().pack("flaky").orElseThrow();
        assertThat(restored.version()).isEqualTo("1.0.0");
        assertThat(restored.jars()).isEqualTo(v1.jars());
        Path jar = dir.resolve(".rig/packs/flaky/1.0.0/" + v1.jars().get(0).file());
        assertThat(JarDigest.sha256(jar)).isEqualTo(v1.jars().get(0).sha256());

        JsonNode roles = Json.parse(rigHere("snapshots", "--json").out());
        assertThat(roles.get("active").asText()).isEqualTo(activeId);
        assertThat(roles.get("previous").asText()).isEqualTo(canaryId);
        assertThat(roles.get("history").findValuesAsText("event")).containsSubsequence("canary_requested",
                "canary_rolled_back", "canary_requested", "promoted", "rolled_back");
    }

    /** A call of {@code tool} over RGP: the whole ToolResult. */
    private JsonNode callTool(String tool) throws Exception {
        return Json.parse(http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/tools/" + tool + ":call"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"args\":{}}")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    @Test
    void aBreakingUpdateIsShownFirstRefusedWithoutAllowBreakingAndItsNewToolWaitsToBeEnabled() throws Exception {
        publish("3.0.0", "Map.of(\"version\", \"3.0.0\")", RiskClass.MONEY, true);
        Cli.Run dryRun = rig("update", "--dry-run");
        assertThat(dryRun.exit()).as(dryRun.toString()).isZero();
        String out = dryRun.out();
        assertThat(out).contains("flaky 1.0.0 → 3.0.0 would be updated")
                .contains("risk class raised from write to money")
                .contains("1 breaking change: `rig update` refuses it without --allow-breaking");
        assertThat(out.indexOf("breaking    flaky.work")).as(out).isPositive()
                .isLessThan(out.indexOf("compatible  flaky.extra"));
        assertThat(out).contains("new tool flaky.extra is held back until `rig update flaky --enable flaky.extra`");

        String lockBefore = Files.readString(dir.resolve("rig.lock"));
        Cli.Run refused = rig("update", "flaky");
        assertThat(refused.exit()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.err()).contains("the update breaks callers (1 breaking change)").contains("--allow-breaking");
        assertThat(Files.readString(dir.resolve("rig.lock"))).isEqualTo(lockBefore);

        Cli.Run applied = rig("update", "flaky", "--allow-breaking", "--json");
        assertThat(applied.exit()).as(applied.toString()).isZero();
        JsonNode change = Json.parse(applied.out()).get("changes").get(0);
        assertThat(change.at("/shape/breaking").asInt()).isEqualTo(1);
        assertThat(change.at("/shape/changes/0/kind").asText()).isEqualTo("risk_raised");
        await().atMost(Duration.ofSeconds(15)).until(() -> gateway.snapshot().packs().stream()
                .anyMatch(p -> p.id().equals("flaky") && p.version().equals("3.0.0")));
        assertThat(callTool("flaky.extra").at("/error/type").asText()).isEqualTo("policy_blocked");

        Cli.Run diff = rigHere("diff", "previous", "active");
        assertThat(diff.exit()).as("breaking: exit 1").isEqualTo(1);
        assertThat(diff.out()).contains("risk class raised from write to money");

        Cli.Run enable = rigHere("update", "flaky", "--enable", "flaky.extra");
        assertThat(enable.exit()).as(enable.toString()).isZero();
        await().atMost(Duration.ofSeconds(15)).until(() -> callTool("flaky.extra").path("ok").asBoolean());
    }
}
