package dev.rig.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rig.core.json.Json;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rig deny}: denies a held call; it will never run. */
@Command(name = "deny", mixinStandardHelpOptions = true,
        description = "Deny a held call: it will never run.")
final class DenyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    JsonOption json;

    @Mixin
    GatewayUrlOption gateway;

    @Mixin
    ApproverOption approver;

    @Parameters(index = "0", paramLabel = "TOKEN", description = "The approval token `rig call` printed.")
    UUID token;

    @Override
    public Integer call() {
        String actor = approver.resolve();
        try (RgpClient client = new RgpClient(gateway.resolve(common.workingDirectory()))) {
            JsonNode denial = client.post("/v1/approvals/" + token + ":deny", Json.MAPPER.createObjectNode(),
                    Map.of(RgpClient.ACTOR_HEADER, actor));
            if (json.enabled) {
                JsonOutput.print(spec.commandLine().getOut(), denial);
            }
            spec.commandLine().getErr().println("denied " + token + " (by " + denial.path("denied_by").asText(actor)
                    + "): the call will never run");
            spec.commandLine().getErr().flush();
            return ExitCode.OK.code();
        }
    }
}
