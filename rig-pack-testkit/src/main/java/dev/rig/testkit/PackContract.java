package dev.rig.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rig.core.json.Json;
import dev.rig.core.policy.ToolPlan;
import dev.rig.core.registry.LoadedPack;
import dev.rig.core.registry.PackInfo;
import dev.rig.core.registry.PackProblem;
import dev.rig.core.registry.RegisteredTool;
import dev.rig.core.registry.Snapshot;
import dev.rig.core.registry.SnapshotBuilder;
import dev.rig.spi.CallContext;
import dev.rig.spi.Pack;
import dev.rig.spi.Secrets;
import dev.rig.spi.ToolCall;
import dev.rig.spi.ToolDef;
import dev.rig.spi.ToolExample;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * Checks a pack against the RIG pack contract, through the same machinery the gateway uses to
 * load it: use it from a {@code @TestFactory} in the pack's own tests.
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicTest> contract(@TempDir Path dir) {
 *     return PackContract.of(new MyPack()).workingDirectory(dir).tests();
 * }
 * }</pre>
 *
 * <p>Checked: the pack's id and version; every tool definition against the RTP {@code ToolDef}
 * schema (names unique, prefixed by the pack id, schemas compile); at least one example per tool;
 * every example's input against the input schema and its output against the output schema; and,
 * where an example gives an output, that the tool produces exactly it.
 */
public final class PackContract {

    private final Pack pack;
    private final Map<String, Object> settings;
    private final Path workingDirectory;
    private final Secrets secrets;

    private PackContract(Pack pack, Map<String, Object> settings, Path workingDirectory, Secrets secrets) {
        this.pack = Objects.requireNonNull(pack, "pack");
        this.settings = Map.copyOf(settings);
        this.workingDirectory = workingDirectory;
        this.secrets = secrets;
    }

    /** The contract of {@code pack} with no settings, in the current directory. */
    public static PackContract of(Pack pack) {
        return new PackContract(pack, Map.of(), Path.of(".").toAbsolutePath(), Secrets.none());
    }

    /** The same contract with the pack's {@code packs.<id>} settings. */
    public PackContract settings(Map<String, Object> value) {
        return new PackContract(pack, value, workingDirectory, secrets);
    }

    /** The same contract with the pack loaded in {@code value} (use a temporary directory). */
    public PackContract workingDirectory(Path value) {
        return new PackContract(pack, settings, value, secrets);
    }

    /** The same contract with these secrets given to example calls. */
    public PackContract secrets(Map<String, String> value) {
        return new PackContract(pack, settings, workingDirectory, Secrets.of(value));
    }

    /** One dynamic test per check, named by pack, tool and example. */
    public Stream<DynamicTest> tests() {
        Snapshot snapshot = load();
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest(pack.id() + ": loads without problems", () -> {
            if (!snapshot.problems().isEmpty()) {
                throw new AssertionError("pack " + pack.id() + " has problems:\n  " + String.join("\n  ",
                        snapshot.problems().stream().map(PackProblem::message).toList()));
            }
            if (snapshot.tools().isEmpty()) {
                throw new AssertionError("pack " + pack.id() + " has no tools");
            }
        }));
        for (RegisteredTool tool : snapshot.tools().values()) {
            tests.add(DynamicTest.dynamicTest(tool.name() + ": named after its pack", () -> checkName(tool)));
            tests.add(DynamicTest.dynamicTest(tool.name() + ": has examples", () -> {
                if (tool.definition().examples().isEmpty()) {
                    throw new AssertionError(tool.name() + " has no example; add one with ToolDef.Builder.example");
                }
            }));
            for (ToolExample example : tool.definition().examples()) {
                tests.add(DynamicTest.dynamicTest(tool.name() + " example '" + example.name() + "'",
                        () -> checkExample(tool, example)));
            }
        }
        return tests.stream();
    }

    /** Runs every check and fails with all problems at once (for use outside a test factory). */
    public void verify() {
        List<String> failures = new ArrayList<>();
        tests().forEach(test -> {
            try {
                test.getExecutable().execute();
            } catch (Throwable e) {
                failures.add(test.getDisplayName() + ": " + e.getMessage());
            }
        });
        if (!failures.isEmpty()) {
            throw new AssertionError("pack contract broken:\n  " + String.join("\n  ", failures));
        }
    }

    private Snapshot load() {
        PackInfo info = new PackInfo(pack.id(), pack.version(), pack.description(), "testkit");
        LoadedPack loaded = new LoadedPack(pack, info, pack.getClass().getClassLoader());
        SnapshotBuilder builder = new SnapshotBuilder(workingDirectory, "testkit", id -> settings,
                PackContract::plan);
        return builder.build(List.of(loaded), List.of());
    }

    private static ToolPlan plan(ToolDef def) {
        return new ToolPlan(null, false, Duration.ofSeconds(30), 0, null);
    }

    private void checkName(RegisteredTool tool) {
        String name = tool.name();
        if (!name.equals(pack.id()) && !name.startsWith(pack.id() + ".")) {
            throw new AssertionError("tool " + name + " should be named " + pack.id() + " or " + pack.id()
                    + ".<operation> so its pack is clear");
        }
    }

    private void checkExample(RegisteredTool tool, ToolExample example) throws Exception {
        JsonNode input = parse(example.inputJson(), tool.name() + " example '" + example.name() + "' input");
        List<String> inputViolations = tool.input().violations(input, "input");
        if (!inputViolations.isEmpty()) {
            throw new AssertionError("example '" + example.name() + "' input breaks the input schema: "
                    + String.join("; ", inputViolations));
        }
        if (example.outputJson() == null) {
            return;
        }
        JsonNode expected = parse(example.outputJson(), tool.name() + " example '" + example.name() + "' output");
        List<String> outputViolations = tool.output().violations(expected, "output");
        if (!outputViolations.isEmpty()) {
            throw new AssertionError("example '" + example.name() + "' output breaks the output schema: "
                    + String.join("; ", outputViolations));
        }
        ToolCall call = new ToolCall(tool.name(), Json.toMap(input),
                new CallContext(CallContext.DEFAULT_TENANT, "testkit", "testkit"), "testkit-" + example.name(),
                "testkit-" + example.name(), secrets, Instant.now().plusSeconds(30), 1);
        JsonNode actual = Json.parse(Json.write(tool.tool().invoke(call))); // as it goes on the wire: 2500L equals 2500
        if (!actual.equals(expected)) {
            throw new AssertionError("example '" + example.name() + "': " + tool.name() + " returned " + actual
                    + " but the example says " + expected);
        }
    }

    private static JsonNode parse(String json, String what) {
        try {
            return Json.parse(json);
        } catch (JsonProcessingException e) {
            throw new AssertionError(what + " is not valid JSON: " + e.getOriginalMessage());
        }
    }
}
