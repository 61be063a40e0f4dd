package dev.rig.mcp.it;

import dev.rig.spi.ErrorType;
import dev.rig.spi.LogLevel;
import dev.rig.spi.Media;
import dev.rig.spi.Pack;
import dev.rig.spi.PackEnvironment;
import dev.rig.spi.RiskClass;
import dev.rig.spi.Tool;
import dev.rig.spi.ToolCall;
import dev.rig.spi.ToolDef;
import dev.rig.spi.ToolException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The fixture tools the MCP conformance suite calls by name ({@code test_simple_text},
 * {@code test_image_content}, ...), as a real pack: the suite exercises RIG's pipeline and MCP
 * export, not a stand-in. Test-only. Also {@code test_slow}, a call that runs until cancelled (or
 * {@code seconds} pass), reporting progress, for the cancellation tests.
 */
public final class ConformancePack implements Pack {

    private static final String NO_INPUT = """
            {"type": "object", "properties": {}, "additionalProperties": false}""";

    /** A 1x1 red PNG. */
    static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==");

    @Override
    public String id() {
        return "conformance";
    }

    @Override
    public String version() {
        return "1.0.0";
    }

    @Override
    public String description() {
        return "Fixture tools of the MCP conformance suite (tests only).";
    }

    @Override
    public List<Tool> tools(PackEnvironment environment) {
        return List.of(
                tool("test_simple_text", "Returns a simple text response.", """
                        {"type": "object", "properties": {"text": {"type": "string"}}, "required": ["text"],
                         "additionalProperties": false}""",
                        call -> Map.of("text", "This is a simple text response for testing.")),
                tool("test_image_content", "Returns a 1x1 red PNG image.", media("image"),
                        call -> Map.of("image", Media.of("image/png", PNG))),
                tool("test_audio_content", "Returns a short silent WAV clip.", media("audio"),
                        call -> Map.of("audio", Media.of("audio/wav", silentWav()))),
                tool("test_error_handling", "Always fails, to test error reporting.", NO_INPUT, call -> {
                    throw ToolException.builder(ErrorType.UPSTREAM_ERROR,
                            "This tool intentionally returns an error for testing").retryable(false).build();
                }),
                tool("test_tool_with_progress", "Reports progress 0, 50 and 100 of 100.", done(), call -> {
                    for (int step = 0; step <= 2; step++) {
                        call.progress(step * 50.0, 100.0, "step " + (step + 1) + " of 3");
                        Thread.sleep(20); // the suite wants the notifications spread over the call
                    }
                    return Map.of("done", true);
                }),
                tool("test_tool_with_logging", "Sends three log messages while it runs.", done(), call -> {
                    call.log(LogLevel.INFO, "Tool execution started");
                    Thread.sleep(20);
                    call.log(LogLevel.INFO, "Tool processing data");
                    Thread.sleep(20);
                    call.log(LogLevel.INFO, "Tool execution completed");
                    return Map.of("done", true);
                }),
                new FixtureTool(ToolDef.builder("test_slow")
                        .description("Runs until cancelled or `seconds` pass, reporting progress every 50 ms.")
                        .risk(RiskClass.READ)
                        .inputSchema("""
                                {"type": "object", "properties": {"seconds": {"type": "integer", "minimum": 1}},
                                 "required": ["seconds"], "additionalProperties": false}""")
                        .outputSchema(done())
                        .build(), call -> {
                    long until = System.nanoTime() + ((Number) call.args().get("seconds")).longValue() * 1_000_000_000L;
                    int step = 0;
                    while (System.nanoTime() < until) {
                        call.progress(++step, null, "working");
                        Thread.sleep(50);
                    }
                    return Map.of("done", true);
                }));
    }

    private static String media(String field) {
        return """
                {"type": "object", "properties": {"%s": %s}, "required": ["%s"], "additionalProperties": false}"""
                .formatted(field, Media.SCHEMA, field);
    }

    private static String done() {
        return """
                {"type": "object", "properties": {"done": {"type": "boolean"}}, "required": ["done"],
                 "additionalProperties": false}""";
    }

    private static Tool tool(String name, String description, String outputSchema, Body body) {
        return new FixtureTool(ToolDef.builder(name).description(description).risk(RiskClass.READ).idempotent(true)
                .inputSchema(NO_INPUT).outputSchema(outputSchema).build(), body);
    }

    /** 0.1 s of 8 kHz 8-bit mono silence, with its RIFF header. */
    static byte[] silentWav() {
        int samples = 800;
        ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes()).putInt(36 + samples).put("WAVE".getBytes());
        header.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(8000).putInt(8000)
                .putShort((short) 1).putShort((short) 8);
        header.put("data".getBytes()).putInt(samples);
        ByteArrayOutputStream wav = new ByteArrayOutputStream();
        wav.writeBytes(header.array());
        byte[] silence = new byte[samples];
        java.util.Arrays.fill(silence, (byte) 0x80); // 8-bit PCM is unsigned: 128 is zero
        wav.writeBytes(silence);
        return wav.toByteArray();
    }

    @FunctionalInterface
    interface Body {
        Map<String, Object> run(ToolCall call) throws ToolException, InterruptedException;
    }

    private record FixtureTool(ToolDef definition, Body body) implements Tool {
        @Override
        public Map<String, Object> invoke(ToolCall call) throws ToolException, InterruptedException {
            return body.run(call);
        }
    }
}
