package dev.rig.pack.google;

import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.LowLevelHttpRequest;
import com.google.api.client.http.LowLevelHttpResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * google-http-client's transport over the JDK {@link HttpClient}, bounded by the running call's
 * deadline.
 *
 * <p>Both the API requests and the OAuth token request of the auth library go through it. The
 * auth library builds its token request without any hook for timeouts, so the deadline reaches
 * the transport as a thread-local set by {@link #within} around each call (the blocking token
 * refresh runs on the calling thread). Every exchange, body included, ends when the deadline
 * passes, and an interrupt ends it at once, on platform and virtual threads alike; without a
 * deadline an exchange is bounded by the connect plus read timeouts google-http-client asks for.
 */
final class DeadlineTransport extends HttpTransport {

    private static final ThreadLocal<Instant> DEADLINE = new ThreadLocal<>();

    /** Headers the JDK client sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private final HttpClient client;

    DeadlineTransport(Duration connectTimeout) {
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** An I/O step of a call. */
    interface IoStep<T> {
        T run() throws IOException;
    }

    /** Runs {@code step} with every exchange on this thread ending by {@code deadline}. */
    static <T> T within(Instant deadline, IoStep<T> step) throws IOException {
        Instant outer = DEADLINE.get();
        DEADLINE.set(deadline);
        try {
            return step.run();
        } finally {
            if (outer == null) {
                DEADLINE.remove();
            } else {
                DEADLINE.set(outer);
            }
        }
    }

    @Override
    public boolean supportsMethod(String method) {
        return true;
    }

    @Override
    protected LowLevelHttpRequest buildRequest(String method, String url) {
        return new Exchange(method, url, DEADLINE::get);
    }

    private final class Exchange extends LowLevelHttpRequest {
        private final String method;
        private final URI uri;
        private final Supplier<Instant> deadline;
        private final List<String[]> headers = new ArrayList<>();
        private long boundMillis = 40_000;

        Exchange(String method, String url, Supplier<Instant> deadline) {
            this.method = method;
            this.uri = URI.create(url);
            this.deadline = deadline;
        }

        @Override
        public void addHeader(String name, String value) {
            if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                headers.add(new String[] {name, value});
            }
        }

        @Override
        public void setTimeout(int connectTimeout, int readTimeout) {
            boundMillis = connectTimeout == 0 || readTimeout == 0 ? 0 : (long) connectTimeout + readTimeout;
        }

        @Override
        public LowLevelHttpResponse execute() throws IOException {
            long millis = remainingMillis();
            HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                    .version("https".equals(uri.getScheme()) ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
                    .method(method, body());
            if (millis > 0) {
                request.timeout(Duration.ofMillis(millis));
            }
            for (String[] header : headers) {
                request.header(header[0], header[1]);
            }
            if (getContentType() != null) {
                request.setHeader("Content-Type", getContentType());
            }
            if (getContentEncoding() != null) {
                request.setHeader("Content-Encoding", getContentEncoding());
            }
            CompletableFuture<HttpResponse<byte[]>> exchange =
                    client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            try {
                return new Answer(millis > 0 ? exchange.get(millis, TimeUnit.MILLISECONDS) : exchange.get());
            } catch (InterruptedException e) {
                exchange.cancel(true);
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for " + uri.getHost());
            } catch (TimeoutException e) {
                exchange.cancel(true);
                throw new HttpTimeoutException("no answer from " + uri.getHost() + " within " + millis + " ms");
            } catch (ExecutionException e) {
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                throw new IOException("request to " + uri.getHost() + " failed", e.getCause());
            }
        }

        /** Milliseconds left for this exchange: the deadline's, capped by the client's timeouts; 0 = unbounded. */
        private long remainingMillis() throws HttpTimeoutException {
            Instant end = deadline.get();
            if (end == null) {
                return boundMillis;
            }
            long left = Duration.between(Instant.now(), end).toMillis();
            if (left <= 0) {
                throw new HttpTimeoutException("the call's deadline passed before the request to " + uri.getHost());
            }
            return boundMillis == 0 ? left : Math.min(left, boundMillis);
        }

        private HttpRequest.BodyPublisher body() throws IOException {
            var content = getStreamingContent();
            if (content == null) {
                return HttpRequest.BodyPublishers.noBody();
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            content.writeTo(bytes);
            return HttpRequest.BodyPublishers.ofByteArray(bytes.toByteArray());
        }
    }

    private static final class Answer extends LowLevelHttpResponse {
        private final HttpResponse<byte[]> response;
        private final List<String[]> headers = new ArrayList<>();

        Answer(HttpResponse<byte[]> response) {
            this.response = response;
            for (Map.Entry<String, List<String>> header : response.headers().map().entrySet()) {
                if (!header.getKey().startsWith(":")) {
                    for (String value : header.getValue()) {
                        headers.add(new String[] {header.getKey(), value});
                    }
                }
            }
        }

        @Override
        public InputStream getContent() {
            return new ByteArrayInputStream(response.body());
        }

        @Override
        public String getContentEncoding() {
            return response.headers().firstValue("Content-Encoding").orElse(null);
        }

        @Override
        public long getContentLength() {
            return response.body().length;
        }

        @Override
        public String getContentType() {
            return response.headers().firstValue("Content-Type").orElse(null);
        }

        @Override
        public String getStatusLine() {
            return null;
        }

        @Override
        public int getStatusCode() {
            return response.statusCode();
        }

        @Override
        public String getReasonPhrase() {
            return null;
        }

        @Override
        public int getHeaderCount() {
            return headers.size();
        }

        @Override
        public String getHeaderName(int index) {
            return headers.get(index)[0];
        }

        @Override
        public String getHeaderValue(int index) {
            return headers.get(index)[1];
        }
    }
}
