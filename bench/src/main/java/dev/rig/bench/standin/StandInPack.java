package dev.rig.bench.standin;

import dev.rig.spi.Pack;
import dev.rig.spi.PackEnvironment;
import dev.rig.spi.RiskClass;
import dev.rig.spi.Tool;
import dev.rig.spi.ToolDef;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A stand-in for a hero pack in the start-up benchmark: it ships in a jar of its own beside a real
 * vendor SDK's dependency closure, reads its id from {@code rig-bench-pack.properties} in that jar,
 * loads one SDK class (as a real pack would when it builds its client) and offers four tools with
 * the schemas' usual size. Uses the SPI and the JDK only.
 */
public final class StandInPack implements Pack {

    private final Properties settings = new Properties();

    public StandInPack() {
        try (InputStream in = StandInPack.class.getResourceAsStream("/rig-bench-pack.properties")) {
            if (in == null) {
                throw new IllegalStateException("rig-bench-pack.properties is missing from the stand-in pack jar");
            }
            settings.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String id() {
        return settings.getProperty("id");
    }

    @Override
    public String version() {
        return "0.1.0";
    }

    @Override
    public String description() {
        return "stand-in for the " + id() + " pack (benchmark)";
    }

    @Override
    public List<Tool> tools(PackEnvironment environment) {
        String probe = settings.getProperty("probe_class");
        if (probe != null && !probe.isBlank()) {
            try {
                Class.forName(probe, false, StandInPack.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("SDK class " + probe + " is not in the pack's jars", e);
            }
        }
        List<Tool> tools = new ArrayList<>();
        for (String verb : List.of("create", "get", "list", "update")) {
            ToolDef def = ToolDef.builder(id() + ".things." + verb)
                    .description("Stand-in tool " + verb + " of pack " + id())
                    .risk(verb.equals("get") || verb.equals("list") ? RiskClass.READ : RiskClass.WRITE)
                    .inputSchema("""
                            {"type": "object", "additionalProperties": false, "required": ["name"],
                             "properties": {"name": {"type": "string", "minLength": 1, "maxLength": 200},
                                            "limit": {"type": "integer", "minimum": 1, "maximum": 100},
                                            "metadata": {"type": "object", "additionalProperties": {"type": "string"}}}}""")
                    .outputSchema("""
                            {"type": "object", "required": ["id"],
                             "properties": {"id": {"type": "string"}, "created": {"type": ["integer", "null"]}}}""")
                    .example("one", "one thing", "{\"name\": \"x\"}", "{\"id\": \"t_1\"}")
                    .build();
            tools.add(new Tool() {
                @Override
                public ToolDef definition() {
                    return def;
                }

                @Override
                public Map<String, Object> invoke(dev.rig.spi.ToolCall call) {
                    return Map.of("id", "t_1");
                }
            });
        }
        return tools;
    }
}
