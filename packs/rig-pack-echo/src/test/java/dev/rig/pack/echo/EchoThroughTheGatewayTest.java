package dev.rig.pack.echo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rig.core.api.ToolResult;
import dev.rig.testkit.PackGateway;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The echo pack through a real gateway (the testkit's PackGateway): validation and audit included. */
class EchoThroughTheGatewayTest {

    @Test
    void aCallRunsThroughThePipelineAndIsAudited(@TempDir Path dir) {
        try (PackGateway rig = PackGateway.forPack("echo").open(dir)) {
            ToolResult ok = rig.call("echo", Map.of("message", "hi"));
            assertThat(ok.ok()).isTrue();
            assertThat(ok.output()).containsEntry("message", "hi");
            ToolResult invalid = rig.call("echo", Map.of("message", 42));
            assertThat(invalid.ok()).isFalse();
            assertThat(invalid.error().type()).isEqualTo(dev.rig.spi.ErrorType.VALIDATION_ERROR);
            assertThat(rig.gateway().verifyAudit().intact()).isTrue();
        }
    }
}
