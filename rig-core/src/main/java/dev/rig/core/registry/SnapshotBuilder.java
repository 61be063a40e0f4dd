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

    /**
     * Builds a snapshot of {@code packs}; {@code earlierProblems} (from discovery) are carried along.
     *
     * <p>Each pack is prepared on its own (its {@code tools()}, then every tool checked and its schemas
     * compiled), packs in parallel: with a dozen packs, their SDKs' class loading and the schema
     * compilation are most of a start. Names are then registered in pack order, so which of two
     * packs keeps a contested tool name does not depend on timing.
     */
    public Snapshot build(List<LoadedPack> packs, List<PackProblem> earlierProblems) {
        List<PreparedPack> prepared = packs.size() < 2 ? packs.stream().map(this::prepare).toList()
                : packs.parallelStream().map(this::prepare).toList();
        TreeMap<String, RegisteredTool> tools = new TreeMap<>();
        List<PackInfo> infos = new ArrayList<>();
        List<PackProblem> problems = new ArrayList<>(earlierProblems);
        for (PreparedPack pack : prepared) {
            problems.addAll(pack.problems());
            if (!pack.loaded()) {
                continue;
            }
            infos.add(pack.info());
            for (RegisteredTool tool : pack.tools()) {
                RegisteredTool existing = tools.putIfAbsent(tool.name(), tool);
                if (existing != null) {
                    problems.add(new PackProblem(pack.info().id(), pack.info().source(), "tool " + tool.name()
                            + ": name already taken by pack " + existing.pack().id() + "; the tool from pack "
                            + pack.info().id() + " is skipped"));
                }
            }
        }
        for (PackProblem problem : problems) {
            LOG.atWarn().setMessage("pack skipped in part or whole: " + problem.message())
                    .addKeyValue("pack", problem.packId()).addKeyValue("source", problem.source()).log();
        }
        return new Snapshot(UUID.randomUUID().toString(), Instant.now(), interfaceHash(tools.values()),
                packSetVersion, tools, infos, problems);
    }

    /** One pack's tools, checked and compiled, and what was wrong; {@code loaded} false when tools() failed. */
    private record PreparedPack(PackInfo info, boolean loaded, List<RegisteredTool> tools, List<PackProblem> problems) {}

    private PreparedPack prepare(LoadedPack loaded) {
        long started = System.nanoTime();
        PackInfo info = loaded.info();
        List<Tool> packTools;
        try {
            packTools = toolsOf(loaded);
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("pack skipped: pack={} reason={}", info.id(), e.toString());
            return new PreparedPack(info, false, List.of(),
                    List.of(new PackProblem(info.id(), info.source(), "tools() failed: " + e.getMessage())));
        }
        List<RegisteredTool> tools = new ArrayList<>();
        List<PackProblem> problems = new ArrayList<>();
        for (Tool tool : packTools) {
            prepare(tool, info, tools, problems);
        }
        LOG.atDebug().setMessage("pack tools prepared").addKeyValue("pack", info.id())
                .addKeyValue("tools", tools.size())
                .addKeyValue("duration_ms", (System.nanoTime() - started) / 1_000_000).log();
        return new PreparedPack(info, true, tools, problems);
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

    private void prepare(Tool tool, PackInfo pack, List<RegisteredTool> tools, List<PackProblem> problems) {
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
            ToolPlan plan = planner.apply(def);
            if (tool instanceof BlockableTool blockable) {
                var block = blockable.block();
                if (block.isPresent()) {
                    plan = plan.blocked(block.get().reason(), block.get().remedy());
                    if (block.get().awaitsReview()) {
                        problems.add(new PackProblem(pack.id(), pack.source(), "tool " + name + " is blocked by "
                                + block.get().reason() + "; " + block.get().remedy()));
                    }
                }
            }
            tools.add(new RegisteredTool(def, tool, pack, wire, input, output,
                    secretFields(wire.get("input_schema")), plan));
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
