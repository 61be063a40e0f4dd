package dev.rig.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rig.core.config.ConfigLoader;
import dev.rig.core.config.RigConfig;
import dev.rig.core.json.Json;
import dev.rig.spi.RiskClass;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InitCommandTest {

    @TempDir
    Path dir;

    @Test
    void writesAConfigAndTheWorkspace() {
        Cli.Run run = Cli.run("init", "--dir", dir.toString());

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("wrote " + dir.resolve("rig.yaml")).contains("rig serve");
        assertThat(dir.resolve("rig.yaml")).isRegularFile();
        assertThat(dir.resolve("workspace")).isDirectory();
    }

    @Test
    void theWrittenConfigLoadsWithEchoAndFsAndTheDocumentedDefaults() {
        Cli.run("init", "--dir", dir.toString());

        RigConfig config = ConfigLoader.load(dir);

        assertThat(config.source()).isEqualTo(dir.toAbsolutePath().resolve("rig.yaml"));
        assertThat(config.packs()).containsOnlyKeys("echo", "fs");
        assertThat(config.packSettings("fs")).containsEntry("root", "./workspace");
        assertThat(config.server().host()).isEqualTo("127.0.0.1");
        assertThat(config.server().port()).isEqualTo(8787);
        assertThat(config.approvalTtl()).isEqualTo(Duration.ofHours(1));
        assertThat(config.database().url()).endsWith(".rig/audit.db");
        assertThat(config.policy().allowedTools()).isNull();
        assertThat(config.policy().requireApprovalFor())
                .containsExactlyInAnyOrder(RiskClass.MONEY, RiskClass.INFRA, RiskClass.DESTRUCTIVE);
        assertThat(config.policy().timeoutSeconds()).isEqualTo(30);
        assertThat(config.policy().retries()).isEqualTo(1);
    }

    @Test
    void theConfigDocumentsThePolicyKeys() throws Exception {
        Cli.run("init", "--dir", dir.toString());

        assertThat(Files.readString(dir.resolve("rig.yaml")))
                .contains("allowed_tools", "denied_tools", "require_approval_for", "timeout_seconds", "retries",
                        "tools:", "ttl_seconds: 3600", "audit_db_path: .rig/audit.db");
    }

    @Test
    void refusesToOverwriteAnExistingConfig() throws Exception {
        Files.writeString(dir.resolve("rig.yaml"), "packs: [echo]\n");

        Cli.Run run = Cli.run("init", "--dir", dir.toString());

        assertThat(run.exit()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("already exists").contains("--force");
        assertThat(Files.readString(dir.resolve("rig.yaml"))).isEqualTo("packs: [echo]\n");
    }

    @Test
    void forceReplacesAnExistingConfig() throws Exception {
        Files.writeString(dir.resolve("rig.yaml"), "packs: [echo]\n");

        Cli.Run run = Cli.run("init", "--force", "--dir", dir.toString());

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.err()).contains("replaced");
        assertThat(ConfigLoader.load(dir).packs()).containsOnlyKeys("echo", "fs");
    }

    @Test
    void jsonPrintsOneDocumentNamingWhatWasWritten() throws Exception {
        Cli.Run run = Cli.run("init", "--json", "--dir", dir.toString());

        assertThat(run.exit()).as(run.toString()).isZero();
        JsonNode doc = Json.parse(run.out());
        assertThat(doc.path("config").asText()).isEqualTo(dir.resolve("rig.yaml").toString());
        assertThat(doc.path("workspace").asText()).isEqualTo(dir.resolve("workspace").toString());
        assertThat(doc.path("replaced").asBoolean()).isFalse();
    }
}
