package dev.rig.pack.github;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.kohsuke.github.GHIOException;
import org.kohsuke.github.GitHubAbuseLimitHandler;
import org.kohsuke.github.GitHubRateLimitHandler;
import org.kohsuke.github.connector.GitHubConnectorResponse;

/**
 * GitHub refused a request for a rate limit (primary or secondary), as github-api's limit handlers
 * see it.
 *
 * <p>github-api's default handlers sleep until the limit resets (up to an hour) and then send the
 * request again; {@link #PRIMARY} and {@link #SECONDARY} fail at once with this exception instead,
 * which github-api passes through untouched, so the gateway decides whether and when to retry.
 */
final class LimitReached extends GHIOException {

    private static final long serialVersionUID = 1L;

    /** A 403 with {@code x-ratelimit-remaining: 0}. */
    static final GitHubRateLimitHandler PRIMARY = new GitHubRateLimitHandler() {
        @Override
        public void onError(GitHubConnectorResponse response) throws IOException {
            throw new LimitReached(response);
        }
    };

    /** A 429, or a 403 with {@code Retry-After} or {@code gh-limited-by}. */
    static final GitHubAbuseLimitHandler SECONDARY = new GitHubAbuseLimitHandler() {
        @Override
        public void onError(GitHubConnectorResponse response) throws IOException {
            throw new LimitReached(response);
        }
    };

    private final int status;
    private final transient Map<String, List<String>> headers;
    private final String body;

    private LimitReached(GitHubConnectorResponse response) {
        super("GitHub rate limit: HTTP " + response.statusCode());
        this.status = response.statusCode();
        this.headers = response.allHeaders();
        this.body = bodyOf(response);
    }

    int status() {
        return status;
    }

    /** The answer's header {@code name} (case-insensitive), or null. */
    String header(String name) {
        for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
            if (entry.getKey() != null && entry.getKey().equalsIgnoreCase(name) && !entry.getValue().isEmpty()) {
                return entry.getValue().get(0);
            }
        }
        return null;
    }

    /** The answer's body (GitHub's error JSON), or null. */
    String body() {
        return body;
    }

    private static String bodyOf(GitHubConnectorResponse response) {
        try (InputStream in = response.bodyStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }
}
