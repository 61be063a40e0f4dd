package dev.rig.pack.elevenlabs;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.rig.spi.CallContext;
import dev.rig.spi.PackEnvironment;
import dev.rig.spi.Secrets;
import dev.rig.spi.Tool;
import dev.rig.spi.ToolCall;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Test fixtures: the pack's tools pointed at a WireMock stub of the ElevenLabs API, and calls to them. */
final class ElevenLabs {

    static final String KEY = "sk_test_0123456789abcdef";
    static final String RACHEL = "21m00Tcm4TlvDq8ikWAM";

    private ElevenLabs() {}

    static Map<String, Tool> tools(WireMockServer stub) {
        return tools(Map.of("base_url", stub.baseUrl()));
    }

    static Map<String, Tool> tools(Map<String, Object> settings) {
        return new ElevenLabsPack().tools(new PackEnvironment(settings, Path.of(".")))
                .stream().collect(Collectors.toMap(t -> t.definition().name(), Function.identity()));
    }

    static ToolCall call(String tool, Map<String, Object> args) {
        return call(tool, args, Map.of(ElevenLabsApi.KEY_SLOT, KEY), Duration.ofSeconds(30));
    }

    static ToolCall call(String tool, Map<String, Object> args, Map<String, String> secrets, Duration timeout) {
        return new ToolCall(tool, args, new CallContext(CallContext.DEFAULT_TENANT, "req-1", "test"), "corr-1",
                "rig-corr-1", Secrets.of(secrets), Instant.now().plus(timeout), 1);
    }
}
