package dev.rig.core.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rig.core.json.CanonicalJson;
import dev.rig.core.json.Json;
import dev.rig.core.policy.ToolPlan;
import dev.rig.spi.PackEnvironment;
import dev.rig.spi.Tool;
import dev.rig.spi.ToolDef;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a {@link Snapshot} from loaded packs: asks each enabled pack for its tools, checks each
 * definition against the RTP {@code ToolDef} schema, compiles its schemas, and computes the
 * interface hash. A pack that fails is skipped with a {@link PackProblem}; one bad tool skips only
 * that tool; a tool name already taken is refused with both packs named.
 */
public final class SnapshotBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotBuilder.class);
    private static final SchemaCheck TOOL_DEF_SCHEMA = SchemaCheck.compile(rtpSchema("ToolDef.json"));

    private final Path workingDirectory;
    private final String packSetVersion;
    private final Function<String, Map<String, Object>> packSettings;
    private final Function<ToolDef, ToolPlan> planner;

    /**
     * @param packSettings the {@code packs.<id>} settings of each pack (empty map when none)
     * @param planner the effective policy of each tool
     */
    public SnapshotBuilder(Path workingDirectory, String packSetVersion,
                           Function<String, Map<String, Object>> packSettings, Function<ToolDef, ToolPlan> planner) {
        this.workingDirectory = workingDirectory;
        this.packSetVersion = packSetVersion;
        this.packSettings = packSettings;
        this.planner = planner;
    }

    /** Builds a snapshot of {@code packs}; {@code earlierProblems} (from discovery) are carried along. */
    public Snapshot build(List<LoadedPack> packs, List<PackProblem> earlierProblems) {
        TreeMap<String, RegisteredTool> tools = new TreeMap<>();
        List<PackInfo> infos = new ArrayList<>();
        List<PackProblem> problems = new ArrayList<>(earlierProblems);
        for (LoadedPack loaded : packs) {
            List<Tool> packTools;
            try {
                packTools = toolsOf(loaded);
            } catch (RuntimeException | LinkageError e) {
                problems.add(new PackProblem(loaded.info().id(), loaded.info().source(),
                        "tools() failed: " + e.getMessage()));
                LOG.warn("pack skipped: pack={} reason={}", loaded.info().id(), e.toString());
                continue;
            }
            infos.add(loaded.info());
            for (Tool tool : packTools) {
                register(tool, loaded.info(), tools, problems);
            }
        }
        for (PackProblem problem : problems) {
            LOG.atWarn().setMessage("pack skipped in part or whole: " + problem.message())
                    .addKeyValue("pack", problem.packId()).addKeyValue("source", problem.source()).log();
        }
        return new Snapshot(UUID.randomUUID().toString(), Instant.now(), interfaceHash(tools.values()),
                packSetVersion, tools, infos, problems);
    }

    private List<Tool> toolsOf(LoadedPack loaded) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loaded.classLoader());
        try {
            List<Tool> tools = loaded.pack().tools(
                    new PackEnvironment(packSettings.apply(loaded.info().id()), workingDirectory));
            if (tools == null) {
                throw new IllegalStateException("tools() returned null");
            }
            return tools;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private void register(Tool tool, PackInfo pack, TreeMap<String, RegisteredTool> tools,
                                 List<PackProblem> problems) {
        ToolDef def;
        try {
            def = tool.definition();
            if (def == null) {
                throw new IllegalStateException("definition() returned null");
            }
        } catch (RuntimeException e) {
            problems.add(new PackProblem(pack.id(), pack.source(), "a tool's definition() failed: " + e));
            return;
        }
        String name = def.name();
        try {
            ObjectNode wire = ToolDefWire.of(def);
            List<String> violations = TOOL_DEF_SCHEMA.violations(wire, "tool " + name);
            if (!violations.isEmpty()) {
                throw new IllegalArgumentException(String.join("; ", violations));
            }
            SchemaCheck input = compile(wire, "input_schema");
            SchemaCheck output = compile(wire, "output_schema");
            compile(wire, "error_schema");
            RegisteredTool existing = tools.get(name);
            if (existing != null) {
                problems.add(new PackProblem(pack.id(), pack.source(), "tool " + name + ": name already taken by pack "
                        + existing.pack().id() + "; the tool from pack " + pack.id() + " is skipped"));
                return;
            }
            tools.put(name, new RegisteredTool(def, tool, pack, wire, input, output,
                    secretFields(wire.get("input_schema")), planner.apply(def)));
        } catch (IllegalArgumentException e) {
            problems.add(new PackProblem(pack.id(), pack.source(), "tool " + name + ": " + e.getMessage()));
        }
    }

    private static SchemaCheck compile(ObjectNode wire, String field) {
        try {
            return SchemaCheck.compile(wire.get(field));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": " + e.getMessage(), e);
        }
    }

    private static Set<String> secretFields(JsonNode inputSchema) {
        Set<String> secret = new HashSet<>();
        JsonNode properties = inputSchema.path("properties");
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            if (property.getValue().path("writeOnly").asBoolean(false)) {
                secret.add(property.getKey());
            }
        }
        return secret;
    }

    /**
     * The interface hash: sha256 of the canonical JSON (RFC 8785) of the tools sorted by name,
     * each as {name, input_schema, output_schema, error_schema}.
     */
    static String interfaceHash(Iterable<RegisteredTool> toolsByName) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (RegisteredTool tool : toolsByName) {
            ObjectNode entry = array.addObject();
            entry.put("name", tool.name());
            entry.set("input_schema", tool.wire().get("input_schema"));
            entry.set("output_schema", tool.wire().get("output_schema"));
            entry.set("error_schema", tool.wire().get("error_schema"));
        }
        return CanonicalJson.sha256(array);
    }

    private static JsonNode rtpSchema(String file) {
        try (InputStream in = SnapshotBuilder.class.getResourceAsStream("/dev/rig/rtp/" + file)) {
            if (in == null) {
                throw new IllegalStateException("RTP schema " + file + " is missing from the rig-core jar");
            }
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
