package dev.rig.pack.sendgrid;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.rig.spi.CallContext;
import dev.rig.spi.PackEnvironment;
import dev.rig.spi.Secrets;
import dev.rig.spi.Tool;
import dev.rig.spi.ToolCall;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/** The API key, SendGrid's answers (as its API reference documents them) and call helpers for the tests. */
final class SendGridFixtures {

    static final String API_KEY = "SG.test-key.5f1c0a9e";
    static final Map<String, String> SECRETS = Map.of("SENDGRID_API_KEY", API_KEY);
    static final String MESSAGE_ID = "W_RcUPVnTcqOUpBbYwNxxg";

    private SendGridFixtures() {
    }

    /** Mail send's answer: 202 Accepted, no body, the message id in a header. */
    static ResponseDefinitionBuilder accepted() {
        return aResponse().withStatus(202).withHeader("X-Message-Id", MESSAGE_ID);
    }

    /** One page of GET /v3/templates; {@code nextToken} null on the last page. */
    static ResponseDefinitionBuilder templatesPage(String nextToken, String... idNameGeneration) {
        StringBuilder result = new StringBuilder();
        for (int i = 0; i < idNameGeneration.length; i += 3) {
            result.append(result.isEmpty() ? "" : ", ").append("""
                    {"id": "%s", "name": "%s", "generation": "%s", "updated_at": "2021-04-28 13:12:46", "versions": []}"""
                    .formatted(idNameGeneration[i], idNameGeneration[i + 1], idNameGeneration[i + 2]));
        }
        String next = nextToken == null ? ""
                : ", \"next\": \"https://api.sendgrid.com/v3/templates?page_size=200&generations=dynamic&page_token="
                        + nextToken + "\"";
        return json(200, """
                {"result": [%s], "_metadata": {"self": "https://api.sendgrid.com/v3/templates?page_size=200&generations=dynamic"%s, "count": %d}}"""
                .formatted(result, next, idNameGeneration.length / 3));
    }

    /** SendGrid's error answer: {@code {"errors": [{"message", "field", "help"}]}}. */
    static ResponseDefinitionBuilder sendGridError(int status, String message, String field) {
        return json(status, """
                {"errors": [{"message": "%s", "field": %s, "help": %s}]}"""
                .formatted(message, field == null ? "null" : "\"" + field + "\"",
                        field == null ? "null" : "\"http://sendgrid.com/docs/API_Reference/Web_API_v3/Mail/errors.html#message." + field + "\""));
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    /** The tool named {@code name} of a pack pointed at {@code baseUrl}. */
    static Tool tool(String name, String baseUrl) {
        return new SendGridPack().tools(new PackEnvironment(Map.of("base_url", baseUrl), Path.of("."))).stream()
                .filter(tool -> tool.definition().name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    static ToolCall call(String tool, Map<String, Object> args) {
        return call(tool, args, SECRETS, Instant.now().plusSeconds(30));
    }

    static ToolCall call(String tool, Map<String, Object> args, Map<String, String> secrets, Instant deadline) {
        return new ToolCall(tool, args, new CallContext(CallContext.DEFAULT_TENANT, "req-1", "tester"), "corr-1",
                "rig-corr-1", Secrets.of(secrets), deadline, 1);
    }
}
