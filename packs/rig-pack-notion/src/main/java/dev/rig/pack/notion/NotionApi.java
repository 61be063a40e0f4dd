package dev.rig.pack.notion;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rig.spi.ErrorType;
import dev.rig.spi.ToolCall;
import dev.rig.spi.ToolException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;

/**
 * Sends one request of a call to the Notion API and turns Notion's answer into JSON or a
 * {@link ToolException}.
 *
 * <p>The HTTP client holds no credential: the token travels in each request. Each request times out
 * at the call's deadline, and an interrupt (the gateway's timeout or a cancel) ends it.
 */
final class NotionApi {

    static final String TOKEN_SLOT = "NOTION_TOKEN";

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final HttpClient http;
    /** Built at first use rather than when the pack loads: loading Jackson costs about 100 ms of a start. */
    private static final class Mapper {
        static final ObjectMapper JSON = new ObjectMapper();
    }
    private final NotionSettings settings;
    private final InstantSource clock;

    NotionApi(HttpClient http, NotionSettings settings, InstantSource clock) {
        this.http = http;
        this.settings = settings;
        this.clock = clock;
    }

    /** A client fit for the pack: no redirects followed, a bounded connect time. */
    static HttpClient newHttpClient() {
        return HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    }

    /**
     * Sends {@code method path} with {@code body} as JSON (none when null) and returns Notion's
     * JSON answer.
     *
     * @param path the path under the API root, starting with {@code /v1/}; ids already checked by
     *             the input schema
     */
    JsonNode send(ToolCall call, String method, String path, Map<String, Object> body)
            throws ToolException, InterruptedException {
        HttpRequest request = request(call, method, path, body);
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpConnectTimeoutException e) {
            throw unreachable("timed out connecting", e);
        } catch (HttpTimeoutException e) {
            throw ToolException.builder(ErrorType.TIMEOUT, "Notion did not answer " + method + " " + path
                            + " before the call's deadline")
                    .hint("try again; raise policy timeout_seconds for this tool if Notion is often this slow")
                    .cause(e)
                    .build();
        } catch (ConnectException e) {
            throw unreachable("could not connect", e);
        } catch (IOException e) {
            throw unreachable("the connection failed (" + describe(e) + ")", e);
        }
        if (response.statusCode() / 100 != 2) {
            throw failure(response);
        }
        try {
            return Mapper.JSON.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw ToolException.builder(ErrorType.UPSTREAM_ERROR,
                            "Notion answered " + response.statusCode() + " with a body that is not JSON")
                    .hint("check packs.notion.base_url: it should point at the Notion API")
                    .build();
        }
    }

    /** The JSON object {@code node} as a map of plain Java values. */
    Map<String, Object> toMap(JsonNode node) {
        return node != null && node.isObject() ? Mapper.JSON.convertValue(node, MAP) : Map.of();
    }

    private HttpRequest request(ToolCall call, String method, String path, Map<String, Object> body)
            throws ToolException {
        String token = call.secrets().require(TOKEN_SLOT);
        Duration left = Duration.between(clock.instant(), call.deadline());
        if (left.isNegative() || left.isZero()) {
            throw ToolException.of(ErrorType.TIMEOUT, "the call's deadline passed before Notion was asked");
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(settings.baseUrl() + path))
                .timeout(left)
                .header("Notion-Version", settings.notionVersion())
                .header("Accept", "application/json");
        try {
            builder.header("Authorization", "Bearer " + token);
        } catch (IllegalArgumentException e) {
            throw ToolException.builder(ErrorType.AUTH_ERROR, TOKEN_SLOT + " contains characters a token cannot have")
                    .hint("set " + TOKEN_SLOT + " to the integration secret alone, without quotes or line breaks")
                    .build();
        }
        if (body == null) {
            return builder.method(method, HttpRequest.BodyPublishers.noBody()).build();
        }
        try {
            return builder.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(Mapper.JSON.writeValueAsString(body)))
                    .build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("arguments that came from JSON did not serialize", e);
        }
    }

    private ToolException unreachable(String what, IOException cause) {
        String host = URI.create(settings.baseUrl()).getAuthority();
        return ToolException.builder(ErrorType.TRANSIENT, "Notion at " + host + " is unreachable: " + what)
                .hint("check the network and packs.notion.base_url (" + settings.baseUrl() + ")")
                .cause(cause)
                .build();
    }

    /** Notion's error object ({@code {"object":"error","status":..,"code":..,"message":..}}) as a failure. */
    private ToolException failure(HttpResponse<String> response) {
        int status = response.statusCode();
        JsonNode error = readQuietly(response.body());
        String code = text(error, "code");
        String message = text(error, "message");
        StringBuilder shown = new StringBuilder("Notion answered ").append(status);
        if (code != null) {
            shown.append(' ').append(code);
        }
        if (message != null) {
            shown.append(": ").append(message);
        }
        ToolException.Builder failure = ToolException.forHttpStatus(status, shown.toString()).upstreamCode(code);
        if (status == 429) {
            failure.retryAfterHeader(response.headers().firstValue("Retry-After").orElse(null));
        }
        String hint = hint(status, code);
        if (hint != null) {
            failure.hint(hint);
        }
        return failure.build();
    }

    private static String hint(int status, String code) {
        if ("missing_version".equals(code) || "invalid_request_url".equals(code)) {
            return "check packs.notion.notion_version and packs.notion.base_url";
        }
        return switch (status) {
            case 400, 422 -> "correct the argument the message names; property names and value types must match"
                    + " the database's schema";
            case 401 -> "check " + TOKEN_SLOT + ": it should be an integration secret (ntn_... or secret_...) from"
                    + " https://www.notion.so/my-integrations";
            case 403 -> "give the integration the capability this needs (read, update or insert content) in its"
                    + " settings at https://www.notion.so/my-integrations";
            case 404 -> "check the id, and share the page or database with the integration (page menu ... >"
                    + " Connections)";
            case 409 -> "read the page again and retry with its current values";
            case 429 -> "Notion allows about three requests per second per integration; wait before retrying";
            default -> status >= 500 ? "Notion is unavailable or overloaded; try again later" : null;
        };
    }

    private JsonNode readQuietly(String body) {
        try {
            return body == null || body.isBlank() ? null : Mapper.JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** The text field {@code name} of {@code node}, or null when absent or not text. */
    static String text(JsonNode node, String name) {
        JsonNode value = node == null ? null : node.get(name);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    private static String describe(IOException e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    }
}
