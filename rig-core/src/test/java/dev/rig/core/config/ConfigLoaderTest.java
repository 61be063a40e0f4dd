package dev.rig.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rig.core.api.RigException;
import dev.rig.spi.ErrorType;
import dev.rig.spi.RiskClass;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** rig.yaml is parsed once into records; every mistake names file, line and key. */
class ConfigLoaderTest {

    @TempDir
    Path dir;

    private RigConfig load(String yaml) throws IOException {
        Files.writeString(dir.resolve("rig.yaml"), yaml);
        return ConfigLoader.load(dir);
    }

    @Test
    void noFileGivesTheEmbeddedDefaults() {
        RigConfig config = ConfigLoader.load(dir);
        assertThat(config.source()).isNull();
        assertThat(config.packs()).isNull();
        assertThat(config.server().port()).isEqualTo(8787);
        assertThat(config.server().host()).isEqualTo("127.0.0.1");
        assertThat(config.policy().requireApprovalFor())
                .containsExactlyInAnyOrder(RiskClass.MONEY, RiskClass.INFRA, RiskClass.DESTRUCTIVE);
        assertThat(config.policy().timeoutSeconds()).isEqualTo(30);
        assertThat(config.approvalTtl()).isEqualTo(Duration.ofHours(1));
        assertThat(config.database().url()).isEqualTo("jdbc:sqlite:" + dir.toAbsolutePath() + "/.rig/audit.db");
    }

    @Test
    void fullFileIsParsed() throws IOException {
        RigConfig config = load("""
                pack_set_version: prod
                packs:
                  echo:
                  fs: {root: ./data}
                server: {host: 0.0.0.0, port: 9000, max_body_bytes: 2048}
                policy:
                  allowed_tools: ["echo", "fs.*"]
                  denied_tools: ["fs.delete_file"]
                  require_approval_for: [money]
                  timeout_seconds: 10
                  retries: 2
                  tools:
                    "fs.write_file": {require_approval: true, timeout_seconds: 5, retries: 0}
                approvals: {ttl_seconds: 600}
                audit_db_path: state/audit.sqlite
                """);
        assertThat(config.packSetVersion()).isEqualTo("prod");
        assertThat(config.packs()).containsOnlyKeys("echo", "fs");
        assertThat(config.packSettings("fs")).containsEntry("root", "./data");
        assertThat(config.packEnabled("stripe")).isFalse();
        assertThat(config.server()).isEqualTo(new ServerSettings("0.0.0.0", 9000, 2048));
        assertThat(config.policy().allowedTools()).containsExactly("echo", "fs.*");
        assertThat(config.policy().requireApprovalFor()).containsExactly(RiskClass.MONEY);
        assertThat(config.policy().tools().get("fs.write_file")).isEqualTo(new ToolOverride(true, 5, 0));
        assertThat(config.approvalTtl()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.database().url()).endsWith("/state/audit.sqlite");
        assertThat(config.database().durability()).isEqualTo(AuditDurability.CRASH);
        assertThat(load("audit_durability: power_loss\n").database().durability())
                .isEqualTo(AuditDurability.POWER_LOSS);
    }

    @Test
    void packsMayBeAPlainList() throws IOException {
        assertThat(load("packs: [echo, fs]\n").packs()).containsOnlyKeys("echo", "fs");
    }

    @Test
    void theCanarySectionSetsWhenACanaryFails() throws IOException {
        assertThat(ConfigLoader.load(dir).canary()).isEqualTo(CanarySettings.DEFAULTS);
        CanarySettings canary = load("""
                canary:
                  window_seconds: 60
                  min_calls: 50
                  max_error_ratio: 1.5
                  error_rate_floor: 0.05
                  max_latency_ratio: 3
                  latency_floor_ms: 25
                """).canary();
        assertThat(canary).isEqualTo(new CanarySettings(Duration.ofSeconds(60), 50, 1.5, 0.05, 3.0,
                Duration.ofMillis(25)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "server:\\n  port: eighty\\n| rig.yaml:2: server.port: expected a whole number",
            "server:\\n  port: 70000\\n| rig.yaml:2: server.port: must be 0..65535",
            "policy:\\n  timeout_seconds: 0\\n| rig.yaml:2: policy.timeout_seconds: must be 1..3600",
            "polcy: {}\\n| rig.yaml:1: polcy: unknown key",
            "policy:\\n  require_approval_for: [cash]\\n| rig.yaml:2: policy.require_approval_for: unknown risk class 'cash'",
            "policy:\\n  tools:\\n    echo: {retries: 11}\\n| rig.yaml:3: policy.tools.echo.retries: must be 0..10",
            "database: {url: 'jdbc:mysql://x'}\\n| rig.yaml:1: database.url: database.url must start with",
            "packs: 5\\n| rig.yaml:1: packs: expected a mapping",
            "server: [1, 2]\\n| rig.yaml:1: server: expected a mapping",
            "audit_durability: maybe\\n| rig.yaml:1: audit_durability: expected crash or power_loss",
            "mcp:\\n  http: yes please\\n| rig.yaml:2: mcp.http: expected true or false",
            "mcp:\\n  approvals: ask\\n| rig.yaml:2: mcp.approvals: expected message or elicitation",
            "mcp:\\n  allowed_origins: http://x\\n| rig.yaml:2: mcp.allowed_origins: expected a list",
            "mcp:\\n  transport: sse\\n| rig.yaml:2: mcp.transport: unknown key",
            "canary:\\n  max_error_ratio: 1\\n| rig.yaml:2: canary.max_error_ratio: must be above 1.0 (a factor",
            "canary:\\n  error_rate_floor: 1.5\\n| rig.yaml:2: canary.error_rate_floor: must be 0 or more and below 1",
            "canary:\\n  min_calls: 0\\n| rig.yaml:2: canary.min_calls: must be 1..1000000",
            "canary:\\n  window: 5m\\n| rig.yaml:2: canary.window: unknown key",
            "canary:\\n  max_latency_ratio: fast\\n| rig.yaml:2: canary.max_latency_ratio: expected a number",
    })
    void mistakesNameFileLineAndKey(String yaml, String expected) {
        assertThatThrownBy(() -> load(yaml.replace("\\n", "\n")))
                .isInstanceOfSatisfying(RigException.class, e -> {
                    assertThat(e.type()).isEqualTo(ErrorType.VALIDATION_ERROR);
                    assertThat(e.getMessage()).startsWith(expected);
                    assertThat(e.hints()).isNotEmpty();
                });
    }

    @Test
    void mcpSectionDefaultsToStreamableHttpForThisMachineOnly() throws IOException {
        McpSettings defaults = load("pack_set_version: x\n").mcp();
        assertThat(defaults.http()).isTrue();
        assertThat(defaults.stateless()).isFalse();
        assertThat(defaults.allowedOrigins()).contains("http://localhost:*", "http://127.0.0.1:*");
        assertThat(defaults.approvals()).isEqualTo(McpSettings.ApprovalMode.MESSAGE);

        McpSettings set = load("""
                mcp:
                  http: false
                  stateless: true
                  allowed_origins: ["https://agents.example.com"]
                  allowed_hosts: []
                  approvals: elicitation
                """).mcp();
        assertThat(set).isEqualTo(new McpSettings(false, true, List.of("https://agents.example.com"), List.of(),
                McpSettings.ApprovalMode.ELICITATION));
    }

    @Test
    void brokenYamlSyntaxNamesTheLine() {
        assertThatThrownBy(() -> load("server:\n  port: 8787\n  host: [oops\n"))
                .isInstanceOfSatisfying(RigException.class, e ->
                        assertThat(e.getMessage()).matches("(?s)rig\\.yaml:\\d+: not valid YAML: .*"));
    }

    @Test
    void databasePasswordNeverPrints() throws IOException {
        RigConfig config = load("database: {url: 'jdbc:postgresql://127.0.0.1/rig', user: rig, password: hunter2}\n");
        assertThat(config.database().password()).isEqualTo("hunter2");
        assertThat(config.database().toString()).doesNotContain("hunter2");
        assertThat(config.toString()).doesNotContain("hunter2");
    }

    @Test
    void repositoriesDefaultToBundledLocalCentralAndKeepTheirOrder() throws IOException {
        assertThat(ConfigLoader.load(dir).repositories()).containsExactly("bundled", "local", "central");
        assertThat(load("repositories: [\"https://repo.acme.example/maven\", central]\n").repositories())
                .containsExactly("https://repo.acme.example/maven", "central");
    }

    @Test
    void aRepositoryThatIsNotAUrlIsNamedWithItsPosition() {
        assertThatThrownBy(() -> load("repositories:\n  - central\n  - nexus.acme\n"))
                .isInstanceOf(RigException.class)
                .hasMessageContaining("rig.yaml").hasMessageContaining("repositories")
                .hasMessageContaining("item 2 'nexus.acme'");
    }
}
