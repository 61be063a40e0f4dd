package dev.rig.pack.twilio;

import com.twilio.Twilio;
import com.twilio.constant.EnumConstants;
import com.twilio.exception.ApiConnectionException;
import com.twilio.http.HttpMethod;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.message.BasicHeader;

/**
 * The SDK's HTTP hook ({@code TwilioRestClient.Builder.httpClient}) for one call: sends each request
 * the SDK builds once, to the configured host, within the call's deadline.
 *
 * <p>The SDK names its hosts ({@code https://api.twilio.com/2010-04-01/...},
 * {@code https://verify.twilio.com/v2/...}) and offers only region and edge to change them, so the
 * host is swapped here: {@code api} goes to {@code base_url}, {@code verify} to {@code verify_base_url},
 * path and query kept. The SDK's own retry of 5xx answers (three tries, its sleep swallowing
 * interrupts) is switched off: a retried SMS is a second SMS, and the gateway alone decides retries.
 * The JDK client's {@code send} is interruptible, so the gateway's deadline ends a call at once.
 */
final class TwilioTransport extends com.twilio.http.HttpClient {

    private final HttpClient http;
    private final TwilioSettings settings;
    private final Instant deadline;
    private int lastStatus;
    private String lastRetryAfter;
    private String lastHost;

    TwilioTransport(HttpClient http, TwilioSettings settings, Instant deadline) {
        this.http = http;
        this.settings = settings;
        this.deadline = deadline;
    }

    /** The HTTP status of the last answer, or 0 when none came. */
    int lastStatus() {
        return lastStatus;
    }

    /** The last answer's Retry-After header, or null. */
    String lastRetryAfter() {
        return lastRetryAfter;
    }

    /** The host the last request went to (host and port), or null before the first. */
    String lastHost() {
        return lastHost;
    }

    @Override
    public Response reliableRequest(Request request) {
        return makeRequest(request);
    }

    @Override
    public Response reliableRequest(Request request, int[] retryCodes, int retries, long delayMillis) {
        return makeRequest(request);
    }

    @Override
    public Response makeRequest(Request request) {
        lastStatus = 0;
        lastRetryAfter = null;
        Duration remaining = Duration.between(Instant.now(), deadline);
        if (remaining.isNegative() || remaining.isZero()) {
            throw new ApiConnectionException("the call's deadline has passed",
                    new HttpTimeoutException("deadline passed before the request was sent"));
        }
        URI target = target(request);
        lastHost = target.getAuthority();
        HttpRequest.Builder builder = HttpRequest.newBuilder(target)
                .timeout(remaining)
                .header("Accept", "application/json")
                .header("X-Twilio-Client", "java-" + Twilio.VERSION)
                .header("User-Agent", userAgent(request.getUserAgentExtensions()));
        if (request.requiresAuthentication()) {
            builder.header("Authorization", request.getAuthString());
        }
        for (Map.Entry<String, List<String>> header : request.getHeaderParams().entrySet()) {
            for (String value : header.getValue()) {
                builder.header(header.getKey(), value);
            }
        }
        builder.method(request.getMethod().toString(), body(request, builder));
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            lastStatus = response.statusCode();
            lastRetryAfter = response.headers().firstValue("Retry-After").orElse(null);
            return new Response(response.body(), response.statusCode(), headers(response));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiConnectionException("interrupted while waiting for Twilio", e);
        } catch (IOException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new ApiConnectionException(reason, e);
        }
    }

    /** The request's URL with its Twilio host replaced by the configured base URL. */
    private URI target(Request request) {
        URI sdk;
        try {
            sdk = request.constructURL().toURI();
        } catch (URISyntaxException e) {
            throw new ApiConnectionException("bad request URL: " + e.getMessage(), e);
        }
        String host = sdk.getHost();
        String product = host.substring(0, host.indexOf('.') < 0 ? host.length() : host.indexOf('.'));
        URI base = switch (product) {
            case "api" -> settings.apiBase();
            case "verify" -> settings.verifyBase();
            default -> throw new IllegalStateException("no base URL is configured for Twilio host " + host);
        };
        String query = sdk.getRawQuery() == null ? "" : "?" + sdk.getRawQuery();
        return URI.create(base + sdk.getRawPath() + query);
    }

    private static HttpRequest.BodyPublisher body(Request request, HttpRequest.Builder builder) {
        if (request.getMethod() == HttpMethod.GET || request.getMethod() == HttpMethod.DELETE) {
            return HttpRequest.BodyPublishers.noBody();
        }
        if (request.getContentType() == EnumConstants.ContentType.JSON) {
            builder.header("Content-Type", "application/json");
            return HttpRequest.BodyPublishers.ofString(request.getBody() == null ? "" : request.getBody());
        }
        StringJoiner form = new StringJoiner("&");
        for (Map.Entry<String, List<String>> param : request.getPostParams().entrySet()) {
            for (String value : param.getValue()) {
                form.add(URLEncoder.encode(param.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        }
        builder.header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8");
        return HttpRequest.BodyPublishers.ofString(form.toString());
    }

    private static String userAgent(List<String> extensions) {
        StringBuilder agent = new StringBuilder("twilio-java/").append(Twilio.VERSION)
                .append(" java/").append(Runtime.version().feature());
        if (extensions != null) {
            extensions.forEach(extension -> agent.append(' ').append(extension));
        }
        return agent.toString();
    }

    private static Header[] headers(HttpResponse<?> response) {
        return response.headers().map().entrySet().stream()
                .flatMap(header -> header.getValue().stream().map(value -> new BasicHeader(header.getKey(), value)))
                .toArray(Header[]::new);
    }
}
