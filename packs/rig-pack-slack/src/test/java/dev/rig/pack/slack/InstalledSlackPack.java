package dev.rig.pack.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rig.spi.CallContext;
import dev.rig.spi.PackEnvironment;
import dev.rig.spi.Secrets;
import dev.rig.spi.Tool;
import dev.rig.spi.ToolCall;
import dev.rig.spi.ToolException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The slack pack pointed at a stub of the Web API, with its tools callable by name. */
final class InstalledSlackPack {

    static final String TOKEN = "xoxb-test-1234-secret";

    private final Map<String, Tool> tools = new HashMap<>();
    private final String token;

    InstalledSlackPack(String baseUrl, String token) {
        this.token = token;
        List<Tool> loaded = new SlackPack().tools(new PackEnvironment(Map.of("base_url", baseUrl), Path.of(".")));
        loaded.forEach(tool -> tools.put(tool.definition().name(), tool));
    }

    InstalledSlackPack(String baseUrl) {
        this(baseUrl, TOKEN);
    }

    Map<String, Object> call(String tool, Map<String, Object> args) throws Exception {
        return tools.get(tool).invoke(new ToolCall(tool, args, new CallContext("acme", "req-1", "tester"),
                "corr-1", "rig-corr-1", Secrets.of(Map.of(SlackClient.TOKEN_SLOT, token)),
                Instant.now().plusSeconds(30), 1));
    }

    /** Calls {@code tool} expecting it to fail, and returns the failure. */
    ToolException failure(String tool, Map<String, Object> args) {
        ToolException failure = catchThrowableOfType(ToolException.class, () -> call(tool, args));
        assertThat(failure).as("%s %s should fail", tool, args).isNotNull();
        assertThat(failure.getMessage()).doesNotContain(token);
        assertThat(failure.hints()).noneMatch(hint -> hint.contains(token));
        return failure;
    }
}
