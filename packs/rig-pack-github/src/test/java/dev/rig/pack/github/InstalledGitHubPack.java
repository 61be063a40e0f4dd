package dev.rig.pack.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rig.spi.CallContext;
import dev.rig.spi.PackEnvironment;
import dev.rig.spi.Secrets;
import dev.rig.spi.Tool;
import dev.rig.spi.ToolCall;
import dev.rig.spi.ToolException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** The github pack pointed at a stub of the REST API, with its tools callable by name. */
final class InstalledGitHubPack {

    static final String TOKEN = "github_pat_11TEST0123456789_secret";

    private final Map<String, Tool> tools = new HashMap<>();
    private final String token;

    InstalledGitHubPack(String baseUrl, String token) {
        this.token = token;
        new GitHubPack().tools(new PackEnvironment(Map.of("base_url", baseUrl), Path.of(".")))
                .forEach(tool -> tools.put(tool.definition().name(), tool));
    }

    InstalledGitHubPack(String baseUrl) {
        this(baseUrl, TOKEN);
    }

    Map<String, Object> call(String tool, Map<String, Object> args) throws Exception {
        return call(Duration.ofSeconds(30), tool, args);
    }

    Map<String, Object> call(Duration deadline, String tool, Map<String, Object> args) throws Exception {
        return tools.get(tool).invoke(new ToolCall(tool, args, new CallContext("acme", "req-1", "tester"),
                "corr-1", "rig-corr-1", Secrets.of(Map.of(GitHubApi.TOKEN_SLOT, token)),
                Instant.now().plus(deadline), 1));
    }

    /** Calls {@code tool} expecting it to fail, and returns the failure. */
    ToolException failure(String tool, Map<String, Object> args) {
        return failureWithin(Duration.ofSeconds(30), tool, args);
    }

    /** Calls {@code tool} with a deadline {@code deadline} from now, expecting it to fail. */
    ToolException failureWithin(Duration deadline, String tool, Map<String, Object> args) {
        ToolException failure = catchThrowableOfType(ToolException.class, () -> call(deadline, tool, args));
        assertThat(failure).as("%s %s should fail", tool, args).isNotNull();
        assertThat(failure.getMessage()).doesNotContain(token);
        assertThat(failure.hints()).noneMatch(hint -> hint.contains(token));
        return failure;
    }
}
