package dev.rig.pack.github;

import dev.rig.spi.ErrorType;
import dev.rig.spi.PackEnvironment;
import dev.rig.spi.ToolCall;
import dev.rig.spi.ToolException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.kohsuke.github.GHException;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.GitHubBuilder;

/**
 * The GitHub REST API as the pack's tools use it: a github-api client per call, holding the call's
 * token and deadline, over one JDK HTTP client per pack.
 *
 * <p>The client is built so that it does nothing behind the tools' backs: the token goes out as a
 * plain {@code Authorization: Bearer} header (github-api's {@code withOAuthToken(token)} would first
 * fetch {@code GET /user} to learn the login), the rate-limit handlers fail at once instead of
 * sleeping until the limit resets ({@link LimitReached}), and the transport never resends a request
 * ({@link DeadlineConnector}). The gateway's policy is the only retry.
 */
final class GitHubApi {

    static final String TOKEN_SLOT = "GITHUB_TOKEN";
    static final String DEFAULT_BASE_URL = "https://api.github.com";

    /** {@code owner/name}: an account of up to 39 letters, digits and hyphens, and a repository name (not . or ..). */
    static final String REPO_PATTERN = "^[A-Za-z0-9][A-Za-z0-9-]{0,38}/(?![.]{1,2}$)[A-Za-z0-9._-]{1,100}$";

    private static final Pattern REPO = Pattern.compile(REPO_PATTERN);
    private static final Pattern HEADER_SAFE = Pattern.compile("[\\x21-\\x7E]+");
    private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private final String baseUrl;
    private final HttpClient http;

    GitHubApi(String baseUrl) {
        this.baseUrl = baseUrl;
        // github-api follows redirects itself, dropping the token when the host changes
        this.http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    /**
     * The {@code base_url} setting without a trailing slash: {@code https://api.github.com}, or
     * {@code https://HOST/api/v3} for GitHub Enterprise Server.
     *
     * @throws IllegalArgumentException when it is not an https URL (or http to a loopback host)
     */
    static String baseUrl(PackEnvironment environment) {
        String value = environment.setting("base_url", DEFAULT_BASE_URL).strip();
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("base_url is not a URL: " + value, e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https")
                || scheme.equals("http") && LOOPBACK_HOSTS.contains(uri.getHost().toLowerCase(Locale.ROOT)))) {
            throw new IllegalArgumentException("base_url must be an https URL such as " + DEFAULT_BASE_URL
                    + " or https://github.example.com/api/v3 (http only for localhost), got " + value);
        }
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }

    /** One step of a tool against GitHub. */
    @FunctionalInterface
    interface Step<T> {
        T run(GitHub github) throws IOException;
    }

    /**
     * Runs {@code step} with a client for {@code call}; what GitHub refuses becomes a
     * {@link ToolException} described by {@code action}.
     */
    <T> T run(GitHub github, GitHubErrors.Action action, Step<T> step) throws ToolException, InterruptedException {
        try {
            return step.run(github);
        } catch (IOException e) {
            throw GitHubErrors.of(action, e, baseUrl);
        } catch (GHException e) {
            // paged iterables wrap what went wrong in this unchecked exception
            if (e.getCause() instanceof IOException cause) {
                throw GitHubErrors.of(action, cause, baseUrl);
            }
            throw e;
        }
    }

    /** A client holding the call's token, whose requests end at the call's deadline. */
    GitHub connect(ToolCall call) throws ToolException {
        String token = call.secrets().require(TOKEN_SLOT);
        if (!HEADER_SAFE.matcher(token).matches()) {
            throw ToolException.builder(ErrorType.AUTH_ERROR, TOKEN_SLOT + " cannot be sent: it contains a space,"
                            + " a line break or another character an HTTP header cannot carry")
                    .hint("set " + TOKEN_SLOT + " to the token alone (ghp_..., github_pat_...), without quotes or"
                            + " newlines")
                    .build();
        }
        String authorization = "Bearer " + token;
        try {
            return new GitHubBuilder()
                    .withEndpoint(baseUrl)
                    .withAuthorizationProvider(() -> authorization)
                    .withConnector(new DeadlineConnector(http, call.deadline()))
                    .withRateLimitHandler(LimitReached.PRIMARY)
                    .withAbuseLimitHandler(LimitReached.SECONDARY)
                    .build();
        } catch (IOException e) {
            // github-api declares it, but a plain authorization provider makes no request here
            throw new UncheckedIOException(e);
        }
    }

    /** The repository {@code owner/name} (one {@code GET /repos/owner/name}). */
    GHRepository repository(GitHub github, String repo) throws ToolException, InterruptedException {
        if (repo == null || !REPO.matcher(repo).matches()) {
            throw ToolException.builder(ErrorType.VALIDATION_ERROR, "repo must be owner/name, got " + repo)
                    .hint("pass the repository as it appears in its URL, such as octocat/hello-world")
                    .build();
        }
        return run(github, new GitHubErrors.Action("read repository " + repo,
                        "GitHub has no repository " + repo + " that " + TOKEN_SLOT + " can see",
                        "check repo (owner/name); GitHub also answers 404 for a private repository the token"
                                + " cannot read", "Metadata: read"),
                client -> client.getRepository(repo));
    }
}
