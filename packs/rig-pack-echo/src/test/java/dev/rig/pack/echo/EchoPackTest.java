package dev.rig.pack.echo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rig.spi.CallContext;
import dev.rig.spi.ErrorType;
import dev.rig.spi.Pack;
import dev.rig.spi.PackEnvironment;
import dev.rig.spi.RiskClass;
import dev.rig.spi.Secrets;
import dev.rig.spi.Tool;
import dev.rig.spi.ToolCall;
import dev.rig.spi.ToolDef;
import dev.rig.spi.ToolException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The echo pack: discovery, definition and the echoed output. */
class EchoPackTest {

    private final Tool echo = new EchoPack().tools(new PackEnvironment(Map.of(), Path.of("."))).get(0);

    @Test
    void isFoundByServiceLoader() {
        assertThat(ServiceLoader.load(Pack.class).stream().map(ServiceLoader.Provider::type))
                .containsExactly(EchoPack.class);
    }

    @Test
    void describesItself() {
        Pack pack = new EchoPack();
        assertThat(pack.id()).isEqualTo("echo");
        assertThat(pack.version()).isEqualTo("0.1.0");
        assertThat(pack.description()).isNotBlank();
    }

    @Test
    void definesOneReadToolWithAnExample() {
        ToolDef definition = echo.definition();
        assertThat(definition.name()).isEqualTo("echo");
        assertThat(definition.riskClass()).isEqualTo(RiskClass.READ);
        assertThat(definition.authSlots()).isEmpty();
        assertThat(definition.inputSchema()).contains("\"required\": [\"message\"]", "\"additionalProperties\": false");
        assertThat(definition.examples()).isNotEmpty()
                .allSatisfy(example -> assertThat(example.outputJson()).isNotNull());
    }

    @Test
    void echoesTheMessageAndTheTenant() throws Exception {
        Map<String, Object> output = echo.invoke(call(Map.of("message", "hello"), "acme"));

        assertThat(output).containsExactlyInAnyOrderEntriesOf(Map.of("message", "hello", "tenant_id", "acme"));
    }

    @Test
    void keepsAnEmptyMessage() throws Exception {
        assertThat(echo.invoke(call(Map.of("message", ""), CallContext.DEFAULT_TENANT)))
                .containsEntry("message", "").containsEntry("tenant_id", "default");
    }

    @Test
    void refusesAMissingMessage() {
        Map<String, Object> args = new HashMap<>();
        args.put("message", null);

        assertThatThrownBy(() -> echo.invoke(call(args, "acme")))
                .isInstanceOfSatisfying(ToolException.class,
                        failure -> assertThat(failure.type()).isEqualTo(ErrorType.VALIDATION_ERROR))
                .hasMessageContaining("message");
    }

    @Test
    void refusesANonStringMessage() {
        assertThatThrownBy(() -> echo.invoke(call(Map.of("message", 42), "acme")))
                .isInstanceOfSatisfying(ToolException.class,
                        failure -> assertThat(failure.type()).isEqualTo(ErrorType.VALIDATION_ERROR));
    }

    private static ToolCall call(Map<String, Object> args, String tenant) {
        return new ToolCall("echo", args, new CallContext(tenant, "req-1", "tester"), "corr-1", "idem-1",
                Secrets.none(), Instant.now().plusSeconds(30), 1);
    }
}
