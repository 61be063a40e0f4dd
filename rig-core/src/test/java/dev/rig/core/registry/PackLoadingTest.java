package dev.rig.core.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rig.core.api.CallRequest;
import dev.rig.core.Gateway;
import dev.rig.core.api.ToolResult;
import dev.rig.core.config.RigConfig;
import dev.rig.jarpacks.JarPacks;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Packs installed as jars: broken ones are reported with pack and field and skipped; the rest work, isolated. */
class PackLoadingTest {

    @TempDir
    Path dir;

    private Gateway open() {
        return Gateway.open(RigConfig.defaults(dir));
    }

    @Test
    void brokenToolDefsAreReportedWithPackAndFieldAndTheGatewayStillStarts() throws IOException {
        PackJar.install(dir, "broken", JarPacks.class, JarPacks.Broken.class.getName());
        try (Gateway gateway = open()) {
            Snapshot snapshot = gateway.snapshot();
            assertThat(snapshot.tools()).containsKey("broken.ok").doesNotContainKeys("broken tool!", "broken.slots",
                    "broken.schema");
            assertThat(snapshot.problems()).extracting(PackProblem::packId).containsOnly("broken");
            assertThat(snapshot.problems()).extracting(PackProblem::message)
                    .anySatisfy(m -> assertThat(m).contains("broken tool!").contains("name"))
                    .anySatisfy(m -> assertThat(m).contains("broken.slots").contains("auth_slots"))
                    .anySatisfy(m -> assertThat(m).contains("broken.schema").contains("input_schema"));
            assertThat(gateway.call(CallRequest.of("t.echo", Map.of("message", "still up"))).ok()).isTrue();
        }
    }

    @Test
    void aToolNameTakenTwiceIsRefusedNamingBothPacks() throws IOException {
        PackJar.install(dir, "squatter", JarPacks.class, JarPacks.Squatter.class.getName());
        try (Gateway gateway = open()) {
            assertThat(gateway.snapshot().tool("t.echo").orElseThrow().pack().id()).isEqualTo("t");
            assertThat(gateway.snapshot().problems()).singleElement().satisfies(p -> {
                assertThat(p.packId()).isEqualTo("squatter");
                assertThat(p.message()).contains("t.echo").contains("pack t").contains("squatter");
            });
        }
    }

    @Test
    void aPackWhoseToolsThrowIsSkipped() throws IOException {
        PackJar.install(dir, "exploding", JarPacks.class, JarPacks.Exploding.class.getName());
        try (Gateway gateway = open()) {
            assertThat(gateway.snapshot().problems()).singleElement().satisfies(p ->
                    assertThat(p.message()).contains("api_region"));
            assertThat(gateway.snapshot().packs()).extracting(PackInfo::id).doesNotContain("exploding");
        }
    }

    @Test
    void jarPacksRunInTheirOwnClassLoaderSeeingOnlyTheJdkAndTheSpi() throws IOException {
        PackJar.install(dir, "good", JarPacks.class, JarPacks.Good.class.getName());
        try (Gateway gateway = open()) {
            RegisteredTool probe = gateway.snapshot().tool("good.probe").orElseThrow();
            assertThat(probe.tool().getClass().getClassLoader()).isNotSameAs(getClass().getClassLoader());
            assertThat(probe.pack().source()).endsWith("good/1.0");
            ToolResult result = gateway.call(CallRequest.of("good.probe", Map.of()));
            assertThat(result.ok()).isTrue();
            assertThat(result.packVersion()).isEqualTo("2.0.0");
            assertThat(result.output()).containsEntry("sees_gateway_jackson", false);
        }
    }

    @Test
    void disabledPacksAreNotLoaded() throws IOException {
        PackJar.install(dir, "good", JarPacks.class, JarPacks.Good.class.getName());
        RigConfig config = RigConfig.defaults(dir);
        RigConfig onlyT = new RigConfig(config.workingDirectory(), null, "prod", Map.of("t", Map.of()), config.server(),
                config.policy(), config.approvalTtl(), config.database(), config.secretsFile(),
                config.packsDirectory(), config.mcp(), null, null, null, null);
        try (Gateway gateway = Gateway.open(onlyT)) {
            assertThat(gateway.snapshot().packs()).extracting(PackInfo::id).containsExactly("t");
            assertThat(gateway.snapshot().packSetVersion()).isEqualTo("prod");
        }
    }
}
