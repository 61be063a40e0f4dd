package dev.rig.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rig approvals}: the calls waiting for a decision, oldest first. */
@Command(name = "approvals", mixinStandardHelpOptions = true,
        description = "List the calls waiting for approval, oldest first.")
final class ApprovalsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    JsonOption json;

    @Mixin
    GatewayUrlOption gateway;

    @Option(names = "--tenant-id", paramLabel = "ID", description = "Only this tenant's approvals.")
    String tenantId;

    @Override
    public Integer call() {
        String path = "/v1/approvals" + (tenantId == null ? "" : "?tenant_id=" + RgpClient.query(tenantId));
        try (RgpClient client = new RgpClient(gateway.resolve(common.workingDirectory()))) {
            JsonNode body = client.get(path, Map.of());
            if (json.enabled) {
                JsonOutput.print(spec.commandLine().getOut(), body);
                return ExitCode.OK.code();
            }
            JsonNode approvals = body.isArray() ? body : body.path("approvals");
            Table table = new Table(List.of("TOKEN", "TOOL", "RISK", "TENANT", "ACTOR", "REQUESTED", "EXPIRES"));
            for (JsonNode a : approvals) {
                table.add(a.path("token").asText(), a.path("tool_name").asText(), a.path("risk_class").asText(),
                        a.path("tenant_id").asText(""), a.path("actor").asText(""), a.path("requested_at").asText(),
                        a.path("expires_at").asText());
            }
            if (table.isEmpty()) {
                spec.commandLine().getErr().println("no calls waiting for approval");
            } else {
                table.print(spec.commandLine().getOut());
                spec.commandLine().getErr().println(approvals.size()
                        + " waiting; decide with `rig approve TOKEN` or `rig deny TOKEN`");
            }
            spec.commandLine().getErr().flush();
            return ExitCode.OK.code();
        }
    }
}
