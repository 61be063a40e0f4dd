package dev.rig.pack.fs;

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

/** The fs pack loaded in a test's working directory, with its tools callable by name. */
final class InstalledFsPack {

    private final Path workingDirectory;
    private final Map<String, Tool> tools = new HashMap<>();

    InstalledFsPack(Path workingDirectory, Map<String, Object> settings) {
        this.workingDirectory = workingDirectory;
        List<Tool> loaded = new FsPack().tools(new PackEnvironment(settings, workingDirectory));
        loaded.forEach(tool -> tools.put(tool.definition().name(), tool));
    }

    /** The pack with default settings, in {@code workingDirectory}. */
    InstalledFsPack(Path workingDirectory) {
        this(workingDirectory, Map.of());
    }

    /** The default sandbox root, {@code ./workspace}. */
    Path root() {
        return workingDirectory.resolve("workspace");
    }

    Map<String, Object> call(String tool, Map<String, Object> args) throws Exception {
        return tools.get(tool).invoke(new ToolCall(tool, args, new CallContext("acme", "req-1", "tester"),
                "corr-1", "idem-1", Secrets.none(), Instant.now().plusSeconds(30), 1));
    }

    /** Calls {@code tool} expecting it to fail, and returns the failure. */
    ToolException failure(String tool, Map<String, Object> args) {
        ToolException failure = catchThrowableOfType(ToolException.class, () -> call(tool, args));
        assertThat(failure).as("%s %s should fail", tool, args).isNotNull();
        return failure;
    }
}
