package dev.rig.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.List;

/** Audit entries (RGP JSON) as a text table, one line per call. */
final class AuditTable {

    private AuditTable() {}

    static void print(PrintWriter out, Iterable<JsonNode> entries) {
        Table table = new Table(List.of("SEQ", "TIME", "TENANT", "ACTOR", "TOOL", "OUTCOME", "MS", "RUN"));
        for (JsonNode e : entries) {
            String outcome = e.path("outcome").asText();
            if (e.path("error_type").isTextual() && !outcome.equals(e.path("error_type").asText())) {
                outcome += " (" + e.path("error_type").asText() + ")";
            }
            table.add(e.path("seq").asText(), e.path("timestamp").asText(), e.path("tenant_id").asText(""),
                    e.path("actor").asText(""), e.path("tool").asText(), outcome, e.path("duration_ms").asText(""),
                    e.path("run_id").asText(""));
        }
        table.print(out);
    }
}
