package dev.rig.pack.airtable;

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
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;

/**
 * Sends one request of a call to the Airtable Web API and turns Airtable's answer into JSON or a
 * {@link ToolException}.
 *
 * <p>The HTTP client holds no credential: the token travels in each request. Each request times out
 * at the call's deadline, and an interrupt (the gateway's timeout or a cancel) ends it.
 */
final class AirtableApi {

    static final String TOKEN_SLOT = "AIRTABLE_API_KEY";

    /** How long Airtable asks clients to wait after a 429 when it sends no Retry-After. */
    static final Duration RATE_LIMIT_WAIT = Duration.ofSeconds(30);

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final HttpClient http;
    /** Built at first use rather than when the pack loads: loading Jackson costs about 100 ms of a start. */
    private static final class Mapper {
        static final ObjectMapper JSON = new ObjectMapper();
    }
    private final AirtableSettings settings;
    private final InstantSource clock;

    AirtableApi(HttpClient http, AirtableSettings settings, InstantSource clock) {
        this.http = http;
        this.settings = settings;
        this.clock = clock;
    }

    /** A client fit for the pack: no redirects followed, a bounded connect time. */
    static HttpClient newHttpClient() {
        return HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    }

    /** {@code value} encoded for a path segment or query value: a space is {@code %20}, a slash {@code %2F}. */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The path of a table, {@code /v0/{base}/{table}}, with the table's name encoded. */
    static String tablePath(ToolCall call) {
        return "/v0/" + encode(call.string("base_id")) + "/" + encode(call.string("table_name"));
    }

    /**
     * Sends {@code method target} with {@code body} as JSON (none when null) and returns Airtable's
     * JSON answer.
     *
     * @param target the path under the API root with its encoded query, such as {@code /v0/app.../Tasks?pageSize=10}
     */
    JsonNode send(ToolCall call, String method, String target, Map<String, Object> body)
            throws ToolException, InterruptedException {
        HttpRequest request = request(call, method, target, body);
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpConnectTimeoutException e) {
            throw unreachable("timed out connecting", e);
        } catch (HttpTimeoutException e) {
            throw ToolException.builder(ErrorType.TIMEOUT, "Airtable did not answer " + method + " "
                            + target.replaceFirst("\\?.*", "") + " before the call's deadline")
                    .hint("try again; raise policy timeout_seconds for this tool if Airtable is often this slow")
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
                            "Airtable answered " + response.statusCode() + " with a body that is not JSON")
                    .hint("check packs.airtable.base_url: it should point at the Airtable Web API")
                    .build();
        }
    }

    /** The JSON object {@code node} as a map of plain Java values; empty when it is not an object. */
    Map<String, Object> toMap(JsonNode node) {
        return node != null && node.isObject() ? Mapper.JSON.convertValue(node, MAP) : Map.of();
    }

    private HttpRequest request(ToolCall call, String method, String target, Map<String, Object> body)
            throws ToolException {
        String token = call.secrets().require(TOKEN_SLOT);
        Duration left = Duration.between(clock.instant(), call.deadline());
        if (left.isNegative() || left.isZero()) {
            throw ToolException.of(ErrorType.TIMEOUT, "the call's deadline passed before Airtable was asked");
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(settings.baseUrl() + target))
                .timeout(left)
                .header("Accept", "application/json");
        try {
            builder.header("Authorization", "Bearer " + token);
        } catch (IllegalArgumentException e) {
            throw ToolException.builder(ErrorType.AUTH_ERROR, TOKEN_SLOT + " contains characters a token cannot have")
                    .hint("set " + TOKEN_SLOT + " to the personal access token alone, without quotes or line breaks")
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
        return ToolException.builder(ErrorType.TRANSIENT, "Airtable at " + host + " is unreachable: " + what)
                .hint("check the network and packs.airtable.base_url (" + settings.baseUrl() + ")")
                .cause(cause)
                .build();
    }

    /**
     * Airtable's error as a failure. Airtable answers {@code {"error": {"type": .., "message": ..}}},
     * {@code {"error": "NOT_FOUND"}}, or, when rate limiting, {@code {"errors": [{"error": .., "message": ..}]}}.
     */
    private ToolException failure(HttpResponse<String> response) {
        int status = response.statusCode();
        JsonNode root = readQuietly(response.body());
        JsonNode error = root == null ? null : root.get("error");
        String type = null;
        String message = null;
        if (error != null && error.isObject()) {
            type = text(error, "type");
            message = text(error, "message");
        } else if (error != null && error.isTextual()) {
            type = error.asText();
            message = text(root, "message");
        } else if (root != null && root.path("errors").path(0).isObject()) {
            JsonNode first = root.path("errors").path(0);
            type = text(first, "error");
            message = text(first, "message");
        }
        StringBuilder shown = new StringBuilder("Airtable answered ").append(status);
        if (type != null) {
            shown.append(' ').append(type);
        }
        if (message != null) {
            shown.append(": ").append(message);
        }
        ToolException.Builder failure = ToolException.forHttpStatus(status, shown.toString()).upstreamCode(type);
        if (status == 429) {
            failure.retryAfter(RATE_LIMIT_WAIT)
                    .retryAfterHeader(response.headers().firstValue("Retry-After").orElse(null));
        }
        String hint = hint(status);
        if (hint != null) {
            failure.hint(hint);
        }
        return failure.build();
    }

    private static String hint(int status) {
        return switch (status) {
            case 400, 422 -> "check the field names (case-sensitive) and value types against the table, and the"
                    + " formula's syntax for airtable.records.list";
            case 401 -> "check " + TOKEN_SLOT + ": it should be a personal access token (pat...) from"
                    + " https://airtable.com/create/tokens";
            case 403 -> "check base_id and table_name (Airtable answers 403 for a base or table it cannot find),"
                    + " and that the token has the data.records:read or data.records:write scope and this base";
            case 404 -> "check base_id, table_name and record_id; airtable.records.list shows the records";
            case 413 -> "send fewer or smaller field values";
            case 429 -> "Airtable allows 5 requests per second per base and asks clients to wait 30 seconds after"
                    + " exceeding it";
            default -> status >= 500 ? "Airtable is unavailable; try again later" : null;
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
