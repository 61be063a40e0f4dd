package dev.rig.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rig.core.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rig call}: runs one tool on a running gateway and prints its output. */
@Command(name = "call", mixinStandardHelpOptions = true,
        description = {
            "Call a tool on a running gateway and print its output.",
            "ARGS is JSON text, @FILE to read it from a file, or - to read it from stdin."})
final class CallCommand implements Callable<Integer> {

    private static final String HINT = "give one JSON object, quoted for the shell: '{\"message\": \"hi\"}'";

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    JsonOption json;

    @Mixin
    GatewayUrlOption gateway;

    @Parameters(index = "0", paramLabel = "TOOL", description = "The tool's name, such as echo or fs.read_file.")
    String tool;

    @Parameters(index = "1", paramLabel = "ARGS", arity = "0..1", defaultValue = "{}",
            description = "The arguments as a JSON object (default: {}).")
    String args;

    @Option(names = "--tenant-id", paramLabel = "ID", description = "The tenant the call is made for.")
    String tenantId;

    @Option(names = "--request-id", paramLabel = "ID", description = "Your id for this request.")
    String requestId;

    @Option(names = "--actor", paramLabel = "ID", description = "Who makes the call (default: chosen by the gateway).")
    String actor;

    @Override
    public Integer call() {
        JsonNode arguments = parseArgs(readArgs(), argsSource());
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set("args", arguments);
        ObjectNode context = body.putObject("context");
        putIfSet(context, "tenant_id", tenantId);
        putIfSet(context, "request_id", requestId);
        putIfSet(context, "actor", actor);
        try (RgpClient client = new RgpClient(gateway.resolve(common.workingDirectory()))) {
            JsonNode result = client.post("/v1/tools/" + RgpClient.segment(tool) + ":call", body, Map.of());
            return new ResultPrinter(spec.commandLine(), json.enabled, client.base()).print(result).code();
        }
    }

    private String readArgs() {
        if ("-".equals(args)) {
            try {
                return new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw CommandFailure.failed("cannot read ARGS from stdin: " + e.getMessage());
            }
        }
        if (args.startsWith("@")) {
            Path file = Path.of(args.substring(1));
            try {
                return Files.readString(file);
            } catch (NoSuchFileException e) {
                throw CommandFailure.usage("ARGS file " + file + " does not exist");
            } catch (IOException e) {
                throw CommandFailure.usage("cannot read ARGS file " + file + ": " + e.getMessage());
            }
        }
        return args;
    }

    /** How error messages name where ARGS came from. */
    private String argsSource() {
        if ("-".equals(args)) {
            return "ARGS from stdin";
        }
        return args.startsWith("@") ? "ARGS file " + args.substring(1) : "ARGS";
    }

    private static JsonNode parseArgs(String text, String source) {
        JsonNode node;
        try (JsonParser parser = Json.MAPPER.createParser(text)) {
            node = Json.MAPPER.readTree(parser);
            if (node != null && parser.nextToken() != null) {
                JsonLocation at = parser.currentTokenLocation();
                throw CommandFailure.usage(source + " has more after the JSON object, at line " + at.getLineNr()
                        + ", column " + at.getColumnNr(), HINT);
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw CommandFailure.usage(source + " is not valid JSON" + where + ": " + e.getOriginalMessage(), HINT);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        if (node == null || !node.isObject()) {
            throw CommandFailure.usage(source + " must be a JSON object, got "
                    + (node == null || node.isMissingNode() ? "nothing" : node.getNodeType().name().toLowerCase()),
                    HINT);
        }
        return node;
    }

    private static void putIfSet(ObjectNode node, String key, String value) {
        if (value != null) {
            node.put(key, value);
        }
    }
}
