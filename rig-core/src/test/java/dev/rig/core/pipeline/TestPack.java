package dev.rig.core.pipeline;

import dev.rig.spi.ErrorType;
import dev.rig.spi.Pack;
import dev.rig.spi.PackEnvironment;
import dev.rig.spi.PolicyDefaults;
import dev.rig.spi.RiskClass;
import dev.rig.spi.Tool;
import dev.rig.spi.ToolCall;
import dev.rig.spi.ToolDef;
import dev.rig.spi.ToolException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** A pack of tools built to exercise each pipeline stage: flaky, slow, risky, secret-using, broken. */
public final class TestPack implements Pack {

    /** How many times each tool's code ran, by tool name: tests assert "ran once" / "never ran". */
    public static final Map<String, AtomicInteger> RUNS = new ConcurrentHashMap<>();
    /** Released by tests to let {@code t.block} finish; counted down by t.block when it starts. */
    public static volatile CountDownLatch blockStarted = new CountDownLatch(1);

    static final String OBJECT_OUT = """
            {"type":"object"}""";

    @Override
    public String id() {
        return "t";
    }

    @Override
    public String version() {
        return "1.0.0";
    }

    @Override
    public List<Tool> tools(PackEnvironment environment) {
        return List.of(
                tool(ToolDef.builder("t.echo").description("echo").inputSchema("""
                        {"type":"object","properties":{"message":{"type":"string"},"n":{"type":"integer"}},
                         "required":["message"],"additionalProperties":false}""")
                        .outputSchema("""
                        {"type":"object","properties":{"message":{"type":"string"}},"required":["message"]}""")
                        .build(), call -> Map.of("message", call.string("message"))),
                tool(ToolDef.builder("t.flaky").description("fails transiently `fails` times per key")
                        .inputSchema("""
                        {"type":"object","properties":{"key":{"type":"string"},"fails":{"type":"integer"},
                         "retry_after_ms":{"type":"integer"}}}""")
                        .outputSchema(OBJECT_OUT).build(), new Flaky()),
                tool(ToolDef.builder("t.write_flaky").description("a write that fails transiently once")
                        .risk(RiskClass.WRITE).inputSchema("{\"type\":\"object\"}").outputSchema(OBJECT_OUT).build(),
                        call -> {
                            throw ToolException.of(ErrorType.TRANSIENT, "upstream hiccup");
                        }),
                tool(ToolDef.builder("t.idempotent_write").description("an idempotent write failing once")
                        .risk(RiskClass.WRITE).idempotent(true).inputSchema("""
                        {"type":"object","properties":{"key":{"type":"string"},"fails":{"type":"integer"}}}""")
                        .outputSchema(OBJECT_OUT).build(), new Flaky()),
                tool(ToolDef.builder("t.block").description("blocks until interrupted")
                        .policyDefaults(new PolicyDefaults(1, 0, null))
                        .inputSchema("{\"type\":\"object\"}").outputSchema(OBJECT_OUT).build(), call -> {
                            blockStarted.countDown();
                            new CountDownLatch(1).await();
                            return Map.of();
                        }),
                tool(ToolDef.builder("t.charge").description("charges a card").risk(RiskClass.MONEY)
                        .authSlots("T_API_KEY").inputSchema("""
                        {"type":"object","properties":{"amount":{"type":"integer","minimum":1},
                         "card":{"type":"string","writeOnly":true}},"required":["amount"],
                         "additionalProperties":false}""")
                        .outputSchema("""
                        {"type":"object","properties":{"charged":{"type":"integer"},"key_suffix":{"type":"string"}}}""")
                        .build(), call -> Map.of("charged", call.args().get("amount"),
                        "key_suffix", call.secrets().require("T_API_KEY").substring(
                                call.secrets().require("T_API_KEY").length() - 2))),
                tool(ToolDef.builder("t.leaky").description("fails with its secret in the message")
                        .authSlots("T_API_KEY").inputSchema("{\"type\":\"object\"}").outputSchema(OBJECT_OUT).build(),
                        call -> {
                            throw ToolException.of(ErrorType.AUTH_ERROR, "key " + call.secrets().require("T_API_KEY")
                                    + " was refused");
                        }),
                tool(ToolDef.builder("t.bad_output").description("returns output breaking its schema")
                        .inputSchema("{\"type\":\"object\"}").outputSchema("""
                        {"type":"object","properties":{"count":{"type":"integer"}},"required":["count"]}""")
                        .build(), call -> Map.of("count", "three")),
                tool(ToolDef.builder("t.report").description("reports progress twice and logs once")
                        .inputSchema("{\"type\":\"object\"}").outputSchema(OBJECT_OUT).build(), call -> {
                            call.progress(1, 2.0, "half");
                            call.log(dev.rig.spi.LogLevel.WARNING, "careful");
                            call.progress(2, 2.0, "done");
                            return Map.of();
                        }),
                riskier(tool(ToolDef.builder("t.update").description("updates rows; all_rows makes it destructive")
                        .risk(RiskClass.WRITE).inputSchema("""
                        {"type":"object","properties":{"all_rows":{"type":"boolean"}},"additionalProperties":false}""")
                        .outputSchema(OBJECT_OUT).build(), call -> Map.of())),
                tool(ToolDef.builder("t.boom").description("throws an unexpected exception")
                        .inputSchema("{\"type\":\"object\"}").outputSchema(OBJECT_OUT).build(), call -> {
                            throw new IllegalStateException("kaboom at internal detail");
                        }));
    }

    /** {@code tool} answering {@code destructive} as the risk of a call with {@code all_rows: true}. */
    private static Tool riskier(Tool tool) {
        return new Tool() {
            @Override
            public ToolDef definition() {
                return tool.definition();
            }

            @Override
            public Map<String, Object> invoke(ToolCall call) throws ToolException, InterruptedException {
                return tool.invoke(call);
            }

            @Override
            public RiskClass riskOf(Map<String, Object> args) {
                return Boolean.TRUE.equals(args.get("all_rows")) ? RiskClass.DESTRUCTIVE : RiskClass.WRITE;
            }
        };
    }

    private static Tool tool(ToolDef def, Body body) {
        return new Tool() {
            @Override
            public ToolDef definition() {
                return def;
            }

            @Override
            public Map<String, Object> invoke(ToolCall call) throws ToolException, InterruptedException {
                RUNS.computeIfAbsent(def.name(), k -> new AtomicInteger()).incrementAndGet();
                return body.run(call);
            }
        };
    }

    @FunctionalInterface
    interface Body {
        Map<String, Object> run(ToolCall call) throws ToolException, InterruptedException;
    }

    /** Fails with {@code transient} the first {@code fails} attempts for each key. */
    private static final class Flaky implements Body {
        private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

        @Override
        public Map<String, Object> run(ToolCall call) throws ToolException {
            int fails = ((Number) call.args().getOrDefault("fails", 1)).intValue();
            int attempt = attempts.computeIfAbsent(call.string("key"), k -> new AtomicInteger()).incrementAndGet();
            if (attempt <= fails) {
                ToolException.Builder error = ToolException.builder(ErrorType.TRANSIENT, "try again");
                Object retryAfter = call.args().get("retry_after_ms");
                if (retryAfter != null) {
                    error = ToolException.builder(ErrorType.RATE_LIMITED, "slow down")
                            .retryAfter(Duration.ofMillis(((Number) retryAfter).longValue()));
                }
                throw error.build();
            }
            return Map.of("attempts", attempt, "idempotency_key", call.idempotencyKey());
        }
    }
}
