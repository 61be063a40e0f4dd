package dev.rig.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rig.core.audit.AuditQuery;
import dev.rig.core.json.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rig audit tail}: the last entries of the audit log, oldest first like {@code tail}. */
@Command(name = "tail", mixinStandardHelpOptions = true,
        description = "Print the last audit entries, the newest at the bottom.")
final class AuditTailCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    JsonOption json;

    @Mixin
    GatewayUrlOption gateway;

    @Option(names = {"-n", "--lines"}, paramLabel = "N", defaultValue = "20",
            description = "How many entries, 1..1000 (default: ${DEFAULT-VALUE}).")
    int lines;

    @Override
    public Integer call() {
        if (lines < 1 || lines > AuditQuery.MAX_LIMIT) {
            throw CommandFailure.usage("-n must be 1.." + AuditQuery.MAX_LIMIT + ", got " + lines);
        }
        ObjectNode body = Json.MAPPER.createObjectNode().put("limit", lines);
        try (RgpClient client = new RgpClient(gateway.resolve(common.workingDirectory()))) {
            JsonNode page = client.post("/v1/audit/query", body, Map.of());
            List<JsonNode> entries = new ArrayList<>();
            page.path("entries").forEach(entries::add);
            Collections.reverse(entries);
            if (json.enabled) {
                JsonOutput.print(spec.commandLine().getOut(), Json.MAPPER.valueToTree(entries));
            } else if (entries.isEmpty()) {
                spec.commandLine().getErr().println("the audit log is empty");
                spec.commandLine().getErr().flush();
            } else {
                AuditTable.print(spec.commandLine().getOut(), entries);
            }
            return ExitCode.OK.code();
        }
    }
}
