package dev.rig.pack.twilio;

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

/** The twilio pack: discovery, tool definitions and settings. */
class TwilioPackTest {

    @Test
    void isFoundByServiceLoader() {
        assertThat(ServiceLoader.load(Pack.class).stream().map(ServiceLoader.Provider::type))
                .containsExactly(TwilioPack.class);
    }

    @Test
    void describesItself() {
        Pack pack = new TwilioPack();
        assertThat(pack.id()).isEqualTo("twilio");
        assertThat(pack.version()).isEqualTo("0.1.0");
        assertThat(pack.description()).contains("SMS", "Verify");
    }

    @Test
    void keepsTheOriginalToolsRiskClassesAndAuthSlots() {
        assertThat(tools(Map.of())).map(Tool::definition)
                .extracting(ToolDef::name, ToolDef::riskClass, ToolDef::idempotent, ToolDef::authSlots)
                .containsExactly(
                        tuple("twilio.sms.send", RiskClass.WRITE, false, SLOTS),
                        tuple("twilio.calls.create", RiskClass.WRITE, false, SLOTS),
                        tuple("twilio.calls.status", RiskClass.READ, true, SLOTS),
                        tuple("twilio.verify.start", RiskClass.WRITE, false, SLOTS),
                        tuple("twilio.verify.check", RiskClass.WRITE, false, SLOTS));
    }

    @Test
    void everyInputIsClosedAndEveryToolHasAnExample() {
        assertThat(tools(Map.of())).map(Tool::definition).allSatisfy(definition -> {
            assertThat(definition.inputSchema()).contains("\"additionalProperties\": false", "\"required\": [");
            assertThat(definition.outputSchema()).contains("\"additionalProperties\": false");
            assertThat(definition.examples()).isNotEmpty();
        });
    }

    @Test
    void theVerificationCodeIsKeptOutOfTheAuditLog() {
        assertThat(tool("twilio.verify.check").definition().inputSchema())
                .containsPattern("\"code\": \\{[^}]*\"writeOnly\": true");
    }

    @Test
    void defaultsToTwiliosHosts() {
        TwilioSettings settings = TwilioSettings.from(env(Map.of()));
        assertThat(settings.apiBase()).hasToString("https://api.twilio.com");
        assertThat(settings.verifyBase()).hasToString("https://verify.twilio.com");
        assertThat(settings.defaultFrom()).isNull();
        assertThat(settings.messagingServiceSid()).isNull();
    }

    @Test
    void refusesBadSettingsNamingTheKey() {
        assertThatThrownBy(() -> tools(Map.of("base_url", "ftp://api.twilio.com")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("base_url:");
        assertThatThrownBy(() -> tools(Map.of("base_url", "https://api.twilio.com/2010-04-01")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("base_url: leave out /2010-04-01");
        assertThatThrownBy(() -> tools(Map.of("verify_base_url", "https://verify.twilio.com/v2/")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("verify_base_url: leave out /v2");
        assertThatThrownBy(() -> tools(Map.of("messaging_service_sid", "MG123")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("messaging_service_sid:");
        assertThatThrownBy(() -> tools(Map.of("default_from", " ")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("default_from:");
    }

    private static final List<String> SLOTS = List.of("TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN");

    private static Tool tool(String name) {
        return tools(Map.of()).stream().filter(tool -> tool.definition().name().equals(name)).findFirst().orElseThrow();
    }

    private static List<Tool> tools(Map<String, Object> settings) {
        return new TwilioPack().tools(env(settings));
    }

    private static PackEnvironment env(Map<String, Object> settings) {
        return new PackEnvironment(settings, Path.of("."));
    }
}
