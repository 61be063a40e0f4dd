package dev.rig.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rig.core.audit.AuditQuery;
import dev.rig.core.json.Json;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rig audit query}: one page of audit entries matching the filters, newest first. */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = "Print audit entries matching the filters, newest first.")
final class AuditQueryCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    JsonOption json;

    @Mixin
    GatewayUrlOption gateway;

    @Option(names = "--tenant-id", paramLabel = "ID", description = "Only this tenant.")
    String tenantId;

    @Option(names = "--actor", paramLabel = "ID", description = "Only calls by this actor.")
    String actor;

    @Option(names = "--tool", paramLabel = "NAME", description = "Only calls of this tool.")
    String tool;

    @ArgGroup(exclusive = true)
    Outcome outcome;

    @Option(names = "--since", paramLabel = "WHEN", converter = TimeArgument.class,
            description = "Only entries at or after WHEN: an instant (2026-01-31T12:00:00Z) or an age (15m, 2h, 7d).")
    Instant since;

    @Option(names = "--until", paramLabel = "WHEN", converter = TimeArgument.class,
            description = "Only entries before WHEN (same forms as --since).")
    Instant until;

    @Option(names = "--run-id", paramLabel = "ID", description = "Only the entries of this run (correlation id).")
    String runId;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "" + AuditQuery.DEFAULT_LIMIT,
            description = "At most N entries, 1..1000 (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--before-seq", paramLabel = "SEQ", description = "Only entries older than SEQ (the next page).")
    Long beforeSeq;

    /** {@code --ok} or {@code --failed}, not both. */
    static final class Outcome {
        @Option(names = "--ok", description = "Only calls that succeeded.")
        boolean ok;

        @Option(names = "--failed", description = "Only calls that did not succeed.")
        boolean failed;
    }

    @Override
    public Integer call() {
        if (limit < 1 || limit > AuditQuery.MAX_LIMIT) {
            throw CommandFailure.usage("--limit must be 1.." + AuditQuery.MAX_LIMIT + ", got " + limit);
        }
        ObjectNode body = Json.MAPPER.createObjectNode();
        putIfSet(body, "tenant_id", tenantId);
        putIfSet(body, "actor", actor);
        putIfSet(body, "tool_name", tool);
        putIfSet(body, "run_id", runId);
        putIfSet(body, "start_time", since == null ? null : since.toString());
        putIfSet(body, "end_time", until == null ? null : until.toString());
        if (outcome != null) {
            body.put("ok", outcome.ok);
        }
        body.put("limit", limit);
        if (beforeSeq != null) {
            body.put("before_seq", beforeSeq);
        }
        try (RgpClient client = new RgpClient(gateway.resolve(common.workingDirectory()))) {
            JsonNode page = client.post("/v1/audit/query", body, Map.of());
            PrintWriter out = spec.commandLine().getOut();
            if (json.enabled) {
                JsonOutput.print(out, page);
                return ExitCode.OK.code();
            }
            JsonNode entries = page.path("entries");
            PrintWriter err = spec.commandLine().getErr();
            if (entries.isEmpty()) {
                err.println("no audit entries match");
            } else {
                AuditTable.print(out, entries);
                err.println(entries.size() + " of " + page.path("total").asText("?") + " entries"
                        + (page.path("has_more").asBoolean(false)
                                ? "; next page: --before-seq " + page.path("next_before_seq").asText() : ""));
            }
            err.flush();
            return ExitCode.OK.code();
        }
    }

    private static void putIfSet(ObjectNode node, String key, String value) {
        if (value != null) {
            node.put(key, value);
        }
    }
}
