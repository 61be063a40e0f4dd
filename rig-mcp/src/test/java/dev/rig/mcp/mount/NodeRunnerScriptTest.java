package dev.rig.mcp.mount;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Node side's own suites, run by the build so CI runs them: the runner's protocol tests
 * ({@code src/test/node}, against fixture packs) and the echo npm pack's tests. (The github npm pack's
 * suite needs its npm dependencies and runs in {@link NodePacksTest}.)
 */
class NodeRunnerScriptTest {

    @TempDir
    Path logs;

    @Test
    void the_runners_protocol_suite_passes() throws IOException, InterruptedException {
        assertNodeTestsPass(Path.of("src", "test", "node"), List.of("node", "--test", "."));
    }

    @Test
    void the_echo_packs_suite_passes() throws IOException, InterruptedException {
        assertNodeTestsPass(Path.of("..", "npm-packs", "pack-echo"), List.of("node", "--test"));
    }

    private void assertNodeTestsPass(Path directory, List<String> command) throws IOException, InterruptedException {
        Path log = logs.resolve("node-test.log");
        Process node = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        assertThat(node.waitFor(2, TimeUnit.MINUTES)).as("node --test finished").isTrue();
        String output = Files.readString(log);
        assertThat(node.exitValue()).as(output).isZero();
        assertThat(output).containsPattern("# pass [1-9]").contains("# fail 0");
    }
}
