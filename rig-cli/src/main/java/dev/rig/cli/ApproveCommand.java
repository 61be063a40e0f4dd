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

/** {@code rig approve}: approves a held call, which then runs once; prints its output like {@code call}. */
@Command(name = "approve", mixinStandardHelpOptions = true,
        description = "Approve a held call: it runs now, once, and its output is printed.")
final class ApproveCommand implements Callable<Integer> {

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
        try (RgpClient client = new RgpClient(gateway.resolve(common.workingDirectory()))) {
            JsonNode result = client.post("/v1/approvals/" + token + ":approve", Json.MAPPER.createObjectNode(),
                    Map.of(RgpClient.ACTOR_HEADER, approver.resolve()));
            return new ResultPrinter(spec.commandLine(), json.enabled, client.base()).print(result).code();
        }
    }
}
