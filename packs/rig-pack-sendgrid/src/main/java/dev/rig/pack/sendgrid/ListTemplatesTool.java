package dev.rig.pack.sendgrid;

import com.fasterxml.jackson.databind.JsonNode;
import com.sendgrid.Method;
import com.sendgrid.Request;
import com.sendgrid.Response;
import dev.rig.spi.ErrorType;
import dev.rig.spi.RiskClass;
import dev.rig.spi.Tool;
import dev.rig.spi.ToolCall;
import dev.rig.spi.ToolDef;
import dev.rig.spi.ToolException;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code sendgrid.templates.list}: the account's transactional templates (GET /v3/templates, every page). */
final class ListTemplatesTool implements Tool {

    /** SendGrid's largest page; an account has at most 300 templates, so two pages at most in practice. */
    static final int PAGE_SIZE = 200;
    /** A bound on pages followed, so a looping {@code next} link cannot hold the call. */
    static final int MAX_PAGES = 10;

    private static final ToolDef DEFINITION = ToolDef.builder("sendgrid.templates.list")
            .description("Lists the SendGrid account's transactional templates (id, name, generation), every page of"
                    + " them. 'generations' picks dynamic templates (the default), legacy ones, or both.")
            .risk(RiskClass.READ)
            .idempotent(true)
            .authSlots(SendGridConnector.API_KEY_SLOT)
            .tags("sendgrid", "email", "templates")
            .inputSchema("""
                    {
                      "type": "object",
                      "properties": {
                        "generations": {"type": "string", "enum": ["dynamic", "legacy", "legacy,dynamic"],
                                        "default": "dynamic", "description": "Which template generations to list."}
                      },
                      "additionalProperties": false
                    }""")
            .outputSchema("""
                    {
                      "type": "object",
                      "properties": {
                        "templates": {"type": "array", "items": {
                          "type": "object",
                          "properties": {
                            "id": {"type": "string"},
                            "name": {"type": ["string", "null"]},
                            "generation": {"type": ["string", "null"], "description": "dynamic or legacy."}
                          },
                          "required": ["id", "name", "generation"],
                          "additionalProperties": false}}
                      },
                      "required": ["templates"],
                      "additionalProperties": false
                    }""")
            .example("dynamic", "The dynamic templates to send with.", "{}", """
                    {"templates": [{"id": "d-2c214ac919e84170b21855cc129b4a5f", "name": "Order shipped", "generation": "dynamic"}]}""")
            .build();

    private final SendGridConnector sendGrid;

    ListTemplatesTool(SendGridConnector sendGrid) {
        this.sendGrid = sendGrid;
    }

    @Override
    public ToolDef definition() {
        return DEFINITION;
    }

    @Override
    public Map<String, Object> invoke(ToolCall call) throws ToolException, InterruptedException {
        String generations = call.string("generations") == null ? "dynamic" : call.string("generations");
        SendGridSession session = sendGrid.open(call);
        List<Map<String, Object>> templates = new ArrayList<>();
        String pageToken = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            Request request = new Request();
            request.setMethod(Method.GET);
            request.setEndpoint("templates");
            request.addQueryParam("generations", generations);
            request.addQueryParam("page_size", String.valueOf(PAGE_SIZE));
            if (pageToken != null) {
                request.addQueryParam("page_token", pageToken);
            }
            JsonNode answer = parse(session.send(request, "list the templates"));
            for (JsonNode template : answer.path("result")) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("id", template.path("id").asText());
                item.put("name", textOrNull(template.get("name")));
                item.put("generation", textOrNull(template.get("generation")));
                templates.add(item);
            }
            pageToken = nextPageToken(answer.path("_metadata").path("next"));
            if (pageToken == null) {
                break;
            }
        }
        return Map.of("templates", templates);
    }

    private static JsonNode parse(Response response) throws ToolException {
        try {
            JsonNode answer = SendGridSession.JSON.readTree(response.getBody() == null ? "" : response.getBody());
            if (answer != null && answer.path("result").isArray()) {
                return answer;
            }
        } catch (IOException notJson) {
            // reported below
        }
        throw ToolException.builder(ErrorType.UPSTREAM_ERROR,
                        "SendGrid answered HTTP " + response.getStatusCode() + " to the template list without a result")
                .hint("check packs.sendgrid.base_url: it should point at the SendGrid API")
                .build();
    }

    /** The page_token of the {@code _metadata.next} link, or null on the last page. */
    private static String nextPageToken(JsonNode next) {
        if (next == null || !next.isTextual() || next.asText().isBlank()) {
            return null;
        }
        String query = URI.create(next.asText()).getRawQuery();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith("page_token=")) {
                String token = URLDecoder.decode(pair.substring("page_token=".length()), StandardCharsets.UTF_8);
                return token.isBlank() ? null : token;
            }
        }
        return null;
    }

    private static String textOrNull(JsonNode value) {
        return value == null || value.isNull() ? null : value.asText();
    }
}
