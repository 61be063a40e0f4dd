package dev.rig.pack.airtable;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.rig.spi.CallContext;
import dev.rig.spi.PackEnvironment;
import dev.rig.spi.Secrets;
import dev.rig.spi.Tool;
import dev.rig.spi.ToolCall;
import dev.rig.spi.ToolException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * A WireMock stand-in for api.airtable.com and the airtable pack pointed at it, its tools callable
 * by name with a test token.
 */
final class FakeAirtable implements AutoCloseable {

    static final String TOKEN = "patTest123.0123456789abcdef";
    static final String BASE_ID = "appY3WxIBCdKPDdIa";
    static final String TABLE = "Open Tasks";
    /** The table's path segment as sent: the space encoded. */
    static final String TABLE_PATH = "/v0/appY3WxIBCdKPDdIa/Open%20Tasks";
    static final String RECORD_ID = "recJ7BbkqKq8bRXSP";

    final WireMockServer server = new WireMockServer(options().dynamicPort());
    private final Map<String, Tool> tools = new HashMap<>();

    /** Starts the stub, with the pack's base_url pointing at it. */
    FakeAirtable() {
        server.start();
        reconfigure(Map.of());
    }

    /** Reloads the pack's tools with {@code settings}; base_url defaults to the stub. */
    void reconfigure(Map<String, Object> settings) {
        Map<String, Object> all = new HashMap<>(settings);
        all.putIfAbsent("base_url", server.baseUrl());
        tools.clear();
        new AirtablePack().tools(new PackEnvironment(all, Path.of(".")))
                .forEach(tool -> tools.put(tool.definition().name(), tool));
    }

    Map<String, Object> call(String tool, Map<String, Object> args) throws Exception {
        return tools.get(tool).invoke(call(tool, args, Secrets.of(Map.of("AIRTABLE_API_KEY", TOKEN)),
                Instant.now().plusSeconds(30)));
    }

    static ToolCall call(String tool, Map<String, Object> args, Secrets secrets, Instant deadline) {
        return new ToolCall(tool, args, new CallContext("acme", "req-1", "tester"), "corr-1", "rig-corr-1",
                secrets, deadline, 1);
    }

    Tool tool(String name) {
        return tools.get(name);
    }

    /** Calls {@code tool} expecting it to fail, and returns the failure. */
    ToolException failure(String tool, Map<String, Object> args) {
        ToolException failure = catchThrowableOfType(ToolException.class, () -> call(tool, args));
        assertThat(failure).as("%s %s should fail", tool, args).isNotNull();
        return failure;
    }

    /** A record as Airtable answers it. */
    static String record(String id, String name) {
        return """
                {"id": "%s", "createdTime": "2024-03-01T19:05:00.000Z", "fields": {"Name": "%s"}}"""
                .formatted(id, name);
    }

    @Override
    public void close() {
        server.stop();
    }
}
