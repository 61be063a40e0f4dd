package dev.rig.jarpacks;

import dev.rig.spi.Pack;
import dev.rig.spi.PackEnvironment;
import dev.rig.spi.RiskClass;
import dev.rig.spi.Tool;
import dev.rig.spi.ToolCall;
import dev.rig.spi.ToolDef;
import java.util.List;
import java.util.Map;

/**
 * Packs that tests put into jars under a packs directory (not registered on the test class path):
 * each is loaded by the gateway in an isolated class loader. They use only the JDK and the SPI.
 */
public final class JarPacks {

    private JarPacks() {}

    static Tool tool(ToolDef def) {
        return new Tool() {
            @Override
            public ToolDef definition() {
                return def;
            }

            @Override
            public Map<String, Object> invoke(ToolCall call) {
                boolean seesJackson;
                try {
                    Class.forName("com.fasterxml.jackson.databind.ObjectMapper", false,
                            Thread.currentThread().getContextClassLoader());
                    seesJackson = true;
                } catch (ClassNotFoundException e) {
                    seesJackson = false;
                }
                return Map.of("sees_gateway_jackson", seesJackson);
            }
        };
    }

    static ToolDef.Builder def(String name) {
        return ToolDef.builder(name).description("test").inputSchema("{\"type\":\"object\"}")
                .outputSchema("{\"type\":\"object\"}");
    }

    /** A well-formed pack with one tool, {@code good.probe}, reporting what its class loader sees. */
    public static final class Good implements Pack {
        @Override
        public String id() {
            return "good";
        }

        @Override
        public String version() {
            return "2.0.0";
        }

        @Override
        public List<Tool> tools(PackEnvironment environment) {
            return List.of(tool(def("good.probe").build()));
        }
    }

    /** A pack whose tools break the RTP ToolDef schema in two fields, plus one valid tool. */
    public static final class Broken implements Pack {
        @Override
        public String id() {
            return "broken";
        }

        @Override
        public String version() {
            return "0.0.1";
        }

        @Override
        public List<Tool> tools(PackEnvironment environment) {
            return List.of(
                    tool(def("broken tool!").build()),
                    tool(def("broken.slots").authSlots("lower_case").risk(RiskClass.WRITE).build()),
                    tool(def("broken.schema").inputSchema("{not json").build()),
                    tool(def("broken.ok").build()));
        }
    }

    /** A pack that claims a tool name another pack already has. */
    public static final class Squatter implements Pack {
        @Override
        public String id() {
            return "squatter";
        }

        @Override
        public String version() {
            return "1.0.0";
        }

        @Override
        public List<Tool> tools(PackEnvironment environment) {
            return List.of(tool(def("t.echo").build()));
        }
    }

    /** A pack whose tools() throws. */
    public static final class Exploding implements Pack {
        @Override
        public String id() {
            return "exploding";
        }

        @Override
        public String version() {
            return "1.0.0";
        }

        @Override
        public List<Tool> tools(PackEnvironment environment) {
            throw new IllegalArgumentException("setting api_region is missing");
        }
    }
}
