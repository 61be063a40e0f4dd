package dev.rig.pack.supabase;

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

/** Test fixtures: the pack's tools pointed at a WireMock stub of a Supabase project, and calls to them. */
final class Supabase {

    static final String KEY = "sb_secret_test_1234567890";

    private Supabase() {}

    /** The tools with {@code base_url} set to the stub. */
    static Map<String, Tool> tools(WireMockServer stub) {
        return tools(Map.of("base_url", stub.baseUrl()));
    }

    static Map<String, Tool> tools(Map<String, Object> settings) {
        return new SupabasePack().tools(new PackEnvironment(settings, Path.of(".")))
                .stream().collect(Collectors.toMap(t -> t.definition().name(), Function.identity()));
    }

    /** A call with the service-role key and 30 s to run. */
    static ToolCall call(String tool, Map<String, Object> args) {
        return call(tool, args, Map.of(SupabaseApi.KEY_SLOT, KEY), Duration.ofSeconds(30));
    }

    static ToolCall call(String tool, Map<String, Object> args, Map<String, String> secrets, Duration timeout) {
        return new ToolCall(tool, args, new CallContext(CallContext.DEFAULT_TENANT, "req-1", "test"), "corr-1",
                "rig-corr-1", Secrets.of(secrets), Instant.now().plus(timeout), 1);
    }
}
