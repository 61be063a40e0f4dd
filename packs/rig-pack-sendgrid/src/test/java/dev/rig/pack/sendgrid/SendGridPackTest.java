package dev.rig.pack.sendgrid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.rig.spi.Pack;
import dev.rig.spi.PackEnvironment;
import dev.rig.spi.RiskClass;
import dev.rig.spi.Tool;
import dev.rig.spi.ToolDef;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The sendgrid pack: discovery, tool definitions and settings. */
class SendGridPackTest {

    @Test
    void isFoundByServiceLoader() {
        assertThat(ServiceLoader.load(Pack.class).stream().map(ServiceLoader.Provider::type))
                .containsExactly(SendGridPack.class);
    }

    @Test
    void describesItself() {
        Pack pack = new SendGridPack();
        assertThat(pack.id()).isEqualTo("sendgrid");
        assertThat(pack.version()).isEqualTo("0.1.0");
        assertThat(pack.description()).contains("SENDGRID_API_KEY");
    }

    @Test
    void keepsTheOriginalToolsRiskClassesAndAuthSlots() {
        assertThat(tools(Map.of())).map(Tool::definition)
                .extracting(ToolDef::name, ToolDef::riskClass, ToolDef::idempotent, ToolDef::authSlots)
                .containsExactly(
                        tuple("sendgrid.email.send", RiskClass.WRITE, false, List.of("SENDGRID_API_KEY")),
                        tuple("sendgrid.templates.list", RiskClass.READ, true, List.of("SENDGRID_API_KEY")));
    }

    @Test
    void everyInputIsClosedAndEveryToolHasAnExample() {
        assertThat(tools(Map.of())).map(Tool::definition).allSatisfy(definition -> {
            assertThat(definition.inputSchema()).contains("\"additionalProperties\": false");
            assertThat(definition.outputSchema()).contains("\"additionalProperties\": false");
            assertThat(definition.examples()).isNotEmpty();
        });
    }

    @Test
    void defaultsToSendGridsHost() {
        assertThat(SendGridConnector.baseUrl(new PackEnvironment(Map.of(), Path.of("."))))
                .hasToString("https://api.sendgrid.com");
        assertThat(SendGridConnector.baseUrl(new PackEnvironment(Map.of("base_url", "https://api.eu.sendgrid.com/"),
                Path.of(".")))).hasToString("https://api.eu.sendgrid.com");
    }

    @Test
    void refusesABadBaseUrlNamingTheKey() {
        assertThatThrownBy(() -> tools(Map.of("base_url", "api.sendgrid.com")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("base_url:");
        assertThatThrownBy(() -> tools(Map.of("base_url", "https://api.sendgrid.com/v3")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("base_url: leave out /v3");
    }

    private static List<Tool> tools(Map<String, Object> settings) {
        return new SendGridPack().tools(new PackEnvironment(settings, Path.of(".")));
    }
}
