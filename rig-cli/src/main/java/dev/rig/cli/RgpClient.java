package dev.rig.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rig.core.api.RigException;
import dev.rig.core.json.Json;
import dev.rig.spi.ErrorType;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The CLI's one HTTP client: sends RGP requests to a running gateway and returns the JSON answer.
 *
 * <p>A 2xx answer is returned as is (a failed tool call is a 200 with {@code ok=false}); any other
 * status becomes a {@link CommandFailure} carrying the gateway's error type, message and hints. A
 * gateway that does not answer at all is reported as such, with how to start one.
 */
final class RgpClient implements AutoCloseable {

    static final String ACTOR_HEADER = "X-RIG-Actor-ID";
    static final String TENANT_HEADER = "X-RIG-Tenant-ID";

    /** The status RGP answers an expired approval with. */
    private static final int GONE = 410;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final URI base;
    private final HttpClient http;

    RgpClient(URI base) {
        String scheme = base.getScheme();
        if (base.getHost() == null || !("http".equals(scheme) || "https".equals(scheme))) {
            throw CommandFailure.usage("--url must be an http:// or https:// URL such as http://127.0.0.1:8787, got '"
                    + base + "'");
        }
        String text = base.toString();
        this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    }

    /** The gateway's base URL, without a trailing slash. */
    URI base() {
        return base;
    }

    /** {@code GET path}; {@code headers} may be empty. */
    JsonNode get(String path, Map<String, String> headers) {
        return send(request(path, headers).GET().build());
    }

    /** {@code POST path} with {@code body} as JSON; {@code headers} may be empty. */
    JsonNode post(String path, JsonNode body, Map<String, String> headers) {
        return send(request(path, headers)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body)))
                .build());
    }

    /** {@code value} escaped for use as one path segment. */
    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** {@code value} escaped for use in a query string. */
    static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private HttpRequest.Builder request(String path, Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path))
                .header("Accept", "application/json");
        headers.forEach((name, value) -> {
            if (value != null) {
                builder.header(name, value);
            }
        });
        return builder;
    }

    private JsonNode send(HttpRequest request) {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw CommandFailure.failed("no gateway at " + base + ": start one with `rig serve`",
                    "or point --url at a running gateway");
        } catch (IOException e) {
            throw CommandFailure.failed("cannot talk to the gateway at " + base + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CommandFailure.failed("interrupted while waiting for the gateway at " + base);
        }
        JsonNode body = parse(response);
        if (response.statusCode() / 100 == 2) {
            return body;
        }
        throw failure(response.statusCode(), body);
    }

    private JsonNode parse(HttpResponse<String> response) {
        try {
            return Json.parse(response.body());
        } catch (JsonProcessingException e) {
            throw CommandFailure.failed(response.request().uri() + " answered HTTP " + response.statusCode()
                    + " without RGP JSON", "check that --url points at a RIG gateway");
        }
    }

    /** The gateway's error answer, either a bare ToolError or one under {@code error}. */
    private CommandFailure failure(int status, JsonNode body) {
        JsonNode error = body.path("error").isObject() ? body.path("error") : body;
        String type = error.path("type").asText(null);
        String message = error.path("message").asText("the gateway answered HTTP " + status);
        String reason = status == GONE ? RigException.APPROVAL_EXPIRED : error.path("reason").asText(null);
        List<String> hints = new ArrayList<>();
        error.path("remediation_hints").forEach(hint -> hints.add(hint.asText()));
        ExitCode exit = ExitCode.FAILED;
        if (type != null) {
            try {
                exit = ExitCode.forError(ErrorType.fromWire(type), reason);
            } catch (IllegalArgumentException unknownType) {
                exit = ExitCode.FAILED;
            }
        }
        return new CommandFailure(exit, type, message, hints);
    }

    @Override
    public void close() {
        http.close();
    }
}
