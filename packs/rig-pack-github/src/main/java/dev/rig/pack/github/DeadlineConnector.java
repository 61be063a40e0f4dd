package dev.rig.pack.github;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.kohsuke.github.GHIOException;
import org.kohsuke.github.connector.GitHubConnector;
import org.kohsuke.github.connector.GitHubConnectorRequest;
import org.kohsuke.github.connector.GitHubConnectorResponse;

/**
 * github-api's HTTP transport for one call: the JDK client, each request timing out at the call's
 * deadline.
 *
 * <p>A request that gets no answer (refused, reset, timed out, interrupted) fails as
 * {@link NoAnswer}, which github-api passes through untouched. Without it github-api would sleep and
 * send the request again on any {@code SocketException} (its retry count cannot be lowered), and
 * would wrap the rest so that a timeout could not be told from a refused connection. The gateway
 * decides about retries.
 */
final class DeadlineConnector implements GitHubConnector {

    private final HttpClient http;
    private final Instant deadline;

    DeadlineConnector(HttpClient http, Instant deadline) {
        this.http = http;
        this.deadline = deadline;
    }

    @Override
    public GitHubConnectorResponse send(GitHubConnectorRequest request) throws IOException {
        Duration left = Duration.between(Instant.now(), deadline);
        if (left.isNegative() || left.isZero()) {
            throw new NoAnswer(request.method() + " " + request.url(), new java.net.http.HttpTimeoutException(
                    "the call's deadline passed"));
        }
        HttpRequest.Builder builder;
        try {
            builder = HttpRequest.newBuilder(request.url().toURI()).timeout(left);
        } catch (URISyntaxException e) {
            throw new NoAnswer(request.method() + " " + request.url(), e);
        }
        for (Map.Entry<String, List<String>> header : request.allHeaders().entrySet()) {
            if (header.getValue() != null) {
                builder.header(header.getKey(), String.join(", ", header.getValue()));
            }
        }
        builder.method(request.method(), request.hasBody() && request.body() != null
                ? HttpRequest.BodyPublishers.ofByteArray(request.body().readAllBytes())
                : HttpRequest.BodyPublishers.noBody());
        HttpResponse<byte[]> response;
        try {
            response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NoAnswer(request.method() + " " + request.url(), new InterruptedIOException("interrupted"));
        } catch (IOException e) {
            throw new NoAnswer(request.method() + " " + request.url(), e);
        }
        return new Answer(request, response);
    }

    /** The request got no answer; the cause says why. */
    static final class NoAnswer extends GHIOException {

        private static final long serialVersionUID = 1L;

        NoAnswer(String request, Throwable cause) {
            super("no answer to " + request, cause);
        }
    }

    /** An answer read in full. */
    private static final class Answer extends GitHubConnectorResponse.ByteArrayResponse {

        private final byte[] body;

        Answer(GitHubConnectorRequest request, HttpResponse<byte[]> response) {
            super(request, response.statusCode(), response.headers().map());
            this.body = response.body();
        }

        @Override
        protected InputStream rawBodyStream() {
            return new ByteArrayInputStream(body == null ? new byte[0] : body);
        }
    }
}
