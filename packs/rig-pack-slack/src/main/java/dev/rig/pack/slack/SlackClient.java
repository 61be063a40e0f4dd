package dev.rig.pack.slack;

import com.google.gson.JsonParseException;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.util.http.SlackHttpClient;
import dev.rig.spi.ErrorType;
import dev.rig.spi.PackEnvironment;
import dev.rig.spi.ToolCall;
import dev.rig.spi.ToolException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import okhttp3.OkHttpClient;

/**
 * The Slack Web API as the pack's tools use it: the official SDK with a configuration of the pack's
 * own (never the SDK's shared defaults), the bot token given with each request.
 *
 * <p>The configuration turns off what would act behind the tools' backs: the SDK's metrics (which
 * also call {@code auth.test} before each method to learn the team), its response listeners (which
 * log bodies), and OkHttp's silent resend after a failed connection, so that the gateway's retry
 * policy is the only one and a message is never posted twice by the HTTP client. Each call gets an
 * SDK instance whose HTTP call timeout ends at the call's deadline; all share the configuration and
 * OkHttp's connection pool.
 */
final class SlackClient {

    static final String TOKEN_SLOT = "SLACK_BOT_TOKEN";
    static final String DEFAULT_BASE_URL = "https://slack.com/api/";

    private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");
    private static final String HEADER_REFUSED = "Invalid value detected for Authorization header";

    private final SlackConfig config;
    private final OkHttpClient http;
    private final String baseUrl;

    private SlackClient(SlackConfig config, OkHttpClient http, String baseUrl) {
        this.config = config;
        this.http = http;
        this.baseUrl = baseUrl;
    }

    /** A client of the Web API under {@code baseUrl} (ending with a slash). */
    static SlackClient create(String baseUrl) {
        SlackConfig config = new SlackConfig();
        config.setStatsEnabled(false);
        config.getSCIM2Config().setStatsEnabled(false);
        // setStatsEnabled closes the SCIM config's metrics job twice and never the SCIM2 one's (SDK 1.51.0).
        closeQuietly(config.getSCIM2Config().getMetricsDatastore());
        config.setHttpClientResponseHandlers(new ArrayList<>());
        config.setMethodsEndpointUrlPrefix(baseUrl);
        OkHttpClient http = SlackHttpClient.buildOkHttpClient(config).newBuilder()
                .retryOnConnectionFailure(false)
                .build();
        return new SlackClient(config, http, baseUrl);
    }

    /**
     * The {@code base_url} setting, ending with a slash.
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
                    + " (http only for localhost), got " + value);
        }
        return value.endsWith("/") ? value : value + "/";
    }

    /** One Web API method call, given the SDK client and the bot token. */
    @FunctionalInterface
    interface Request<T extends SlackApiTextResponse> {
        T send(MethodsClient methods, String token) throws IOException, SlackApiException;
    }

    /**
     * Calls {@code method} with the call's bot token and returns Slack's answer when it is
     * {@code ok}; any other answer becomes a {@link ToolException}.
     *
     * @param details what Slack said beyond the error code (such as {@code response_metadata.messages})
     */
    <T extends SlackApiTextResponse> T call(ToolCall call, String method, Request<T> request,
                                            Function<T, List<String>> details)
            throws ToolException, InterruptedException {
        String token = call.secrets().require(TOKEN_SLOT);
        T response;
        try {
            response = request.send(methods(call.deadline()), token);
        } catch (SlackApiException e) {
            throw SlackErrors.fromHttpError(method, e);
        } catch (IOException e) {
            throw SlackErrors.fromIo(method, baseUrl, e);
        } catch (JsonParseException e) {
            throw ToolException.builder(ErrorType.UPSTREAM_ERROR, "Slack " + method + " answered with a body that is"
                            + " not the JSON the Web API sends")
                    .hint("check packs.slack.base_url (now " + baseUrl + "): it must point at Slack's Web API")
                    .build();
        } catch (IllegalArgumentException e) {
            if (!HEADER_REFUSED.equals(e.getMessage())) {
                throw e;
            }
            throw ToolException.builder(ErrorType.AUTH_ERROR, TOKEN_SLOT + " cannot be sent: it contains a line"
                            + " break or another character an HTTP header cannot carry")
                    .hint("set " + TOKEN_SLOT + " to the bot token alone (xoxb-...), without quotes or newlines")
                    .build();
        }
        if (!response.isOk()) {
            List<String> said = details.apply(response);
            throw SlackErrors.fromErrorCode(method, response.getError(), response.getNeeded(),
                    said == null ? List.of() : said, response.getHttpResponseHeaders());
        }
        return response;
    }

    /**
     * The SDK client for one call: the pack's configuration and connection pool, with an HTTP call
     * timeout ending at the call's deadline (interrupting a thread blocked on a socket does not
     * unblock it unless the thread is virtual).
     */
    private MethodsClient methods(Instant deadline) throws ToolException {
        Duration left = Duration.between(Instant.now(), deadline);
        if (left.isNegative() || left.isZero()) {
            throw ToolException.of(ErrorType.TIMEOUT, "the call's deadline passed before Slack was called");
        }
        OkHttpClient timed = http.newBuilder().callTimeout(left).build();
        return Slack.getInstance(config, new SlackHttpClient(timed)).methods();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // a metrics job that fails to stop is a daemon thread that stops with the process
        }
    }
}
