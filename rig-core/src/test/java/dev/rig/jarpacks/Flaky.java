package dev.rig.jarpacks;

import dev.rig.spi.ErrorType;
import dev.rig.spi.Pack;
import dev.rig.spi.PackEnvironment;
import dev.rig.spi.RiskClass;
import dev.rig.spi.Tool;
import dev.rig.spi.ToolCall;
import dev.rig.spi.ToolDef;
import dev.rig.spi.ToolException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Versions of pack {@code flaky} for canary tests: one tool, {@code flaky.work} (a write, so never
 * retried), that answers with the version serving it. {@link V2Failing} fails every second call.
 */
public final class Flaky {

    private Flaky() {}

    static Tool work(String version, RiskClass risk, boolean failHalf) {
        ToolDef def = ToolDef.builder("flaky.work").description("Answers with the version that serves it.")
                .risk(risk).inputSchema("{\"type\":\"object\"}")
                .outputSchema("{\"type\":\"object\",\"properties\":{\"version\":{\"type\":\"string\"}}}")
                .example("plain", "No arguments.", "{}", null).build();
        AtomicLong calls = new AtomicLong();
        return new Tool() {
            @Override
            public ToolDef definition() {
                return def;
            }

            @Override
            public Map<String, Object> invoke(ToolCall call) throws ToolException {
                if (failHalf && calls.incrementAndGet() % 2 == 0) {
                    throw ToolException.of(ErrorType.UPSTREAM_ERROR, "version " + version + " failed this call");
                }
                return Map.of("version", version);
            }
        };
    }

    abstract static class Base implements Pack {
        @Override
        public String id() {
            return "flaky";
        }
    }

    /** Version 1.0: always answers. */
    public static final class V1 extends Base {
        @Override
        public String version() {
            return "1.0";
        }

        @Override
        public List<Tool> tools(PackEnvironment environment) {
            return List.of(work("1.0", RiskClass.WRITE, false));
        }
    }

    /** Version 2.0 that always answers too. */
    public static final class V2 extends Base {
        @Override
        public String version() {
            return "2.0";
        }

        @Override
        public List<Tool> tools(PackEnvironment environment) {
            return List.of(work("2.0", RiskClass.WRITE, false));
        }
    }

    /** Version 2.0 that fails every second call. */
    public static final class V2Failing extends Base {
        @Override
        public String version() {
            return "2.0";
        }

        @Override
        public List<Tool> tools(PackEnvironment environment) {
            return List.of(work("2.0", RiskClass.WRITE, true));
        }
    }

    /** Version 2.0 whose tool moves money: its calls wait for approval. */
    public static final class V2Money extends Base {
        @Override
        public String version() {
            return "2.0";
        }

        @Override
        public List<Tool> tools(PackEnvironment environment) {
            return List.of(work("2.0", RiskClass.MONEY, false));
        }
    }
}
