package dev.rig.pack.sendgrid;

import com.sendgrid.Client;
import com.sendgrid.Method;
import com.sendgrid.Request;
import com.sendgrid.Response;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import org.apache.http.impl.client.CloseableHttpClient;

/**
 * The SDK's HTTP hook ({@code new SendGrid(apiKey, client)}) for one call: sends each request once,
 * within the call's deadline, with the JDK client (whose {@code send} is interruptible).
 *
 * <p>The SDK's own client builds {@code https://<host>/v3/...} from a bare host name; here the host the
 * SDK carries ({@code SendGrid.setHost}) is the whole {@code base_url} with its scheme, so a test stub or
 * proxy on plain http works too. The SDK's Apache client is never created.
 */
final class SendGridTransport extends Client {

    private final HttpClient http;
    private final Instant deadline;
    private String lastHost;

    SendGridTransport(HttpClient http, Instant deadline) {
        super((CloseableHttpClient) null, false);
        this.http = http;
        this.deadline = deadline;
    }

    /** The host the last request went to (host and port), or null before the first. */
    String lastHost() {
        return lastHost;
    }

    @Override
    public Response api(Request request) throws IOException {
        Duration remaining = Duration.between(Instant.now(), deadline);
        if (remaining.isNegative() || remaining.isZero()) {
            throw new HttpTimeoutException("the call's deadline passed before the request was sent");
        }
        URI target = URI.create(request.getBaseUri() + request.getEndpoint() + query(request.getQueryParams()));
        lastHost = target.getAuthority();
        HttpRequest.Builder builder = HttpRequest.newBuilder(target).timeout(remaining);
        request.getHeaders().forEach(builder::header);
        String body = request.getBody() == null ? "" : request.getBody();
        if (request.getMethod() == Method.GET || body.isEmpty()) {
            builder.method(request.getMethod().name(), HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", "application/json");
            builder.method(request.getMethod().name(), HttpRequest.BodyPublishers.ofString(body));
        }
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            response.headers().map().forEach((name, values) -> headers.put(name, String.join(",", values)));
            return new Response(response.statusCode(), response.body(), headers);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException interrupted = new InterruptedIOException("interrupted while waiting for SendGrid");
            interrupted.initCause(e);
            throw interrupted;
        }
    }

    /** Nothing to close: the JDK client is the pack's, and the SDK's Apache client was never made. */
    @Override
    public void close() {
    }

    private static String query(Map<String, String> params) {
        if (params.isEmpty()) {
            return "";
        }
        StringJoiner query = new StringJoiner("&", "?", "");
        new TreeMap<>(params).forEach((key, value) -> query.add(URLEncoder.encode(key, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return query.toString();
    }
}
