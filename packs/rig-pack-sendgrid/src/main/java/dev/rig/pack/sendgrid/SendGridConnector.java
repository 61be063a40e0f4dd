package dev.rig.pack.sendgrid;

import com.sendgrid.SendGrid;
import dev.rig.spi.ErrorType;
import dev.rig.spi.PackEnvironment;
import dev.rig.spi.ToolCall;
import dev.rig.spi.ToolException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * What the pack's tools share: the API's base URL and one JDK HTTP client, which holds no credential.
 *
 * <p>Each call gets its own {@link SendGrid} built from the call's API key, with a
 * {@link SendGridTransport} of its own that sends the SDK's requests within the call's deadline.
 */
final class SendGridConnector {

    static final String API_KEY_SLOT = "SENDGRID_API_KEY";
    static final String DEFAULT_BASE_URL = "https://api.sendgrid.com";

    private final URI baseUrl;
    private final HttpClient http;

    SendGridConnector(URI baseUrl) {
        this.baseUrl = baseUrl;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Setting {@code base_url}: the host the SDK's {@code /v3/...} paths are sent to (with any proxy prefix). */
    static URI baseUrl(PackEnvironment environment) {
        String text = environment.setting("base_url", DEFAULT_BASE_URL).strip();
        URI uri;
        try {
            uri = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("base_url: not a URL: " + e.getMessage());
        }
        if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("base_url: expected an http(s) URL such as " + DEFAULT_BASE_URL
                    + ", got '" + text + "'");
        }
        if (uri.getRawPath() != null && uri.getRawPath().endsWith("/v3")) {
            throw new IllegalArgumentException("base_url: leave out /v3 (the SendGrid SDK adds the API version to"
                    + " every path), got '" + text + "'");
        }
        return uri;
    }

    /**
     * A SendGrid client for this call's API key.
     *
     * @throws ToolException {@code auth_error} when the key is missing or cannot be sent in a header
     */
    SendGridSession open(ToolCall call) throws ToolException {
        String apiKey = call.secrets().require(API_KEY_SLOT);
        if (apiKey.isBlank() || apiKey.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            throw ToolException.builder(ErrorType.AUTH_ERROR,
                            API_KEY_SLOT + " is not a SendGrid API key: it is blank or holds spaces or line breaks")
                    .hint("set " + API_KEY_SLOT + " to the key SendGrid showed once when it was created (SG....)")
                    .build();
        }
        SendGridTransport transport = new SendGridTransport(http, call.deadline());
        SendGrid sendGrid = new SendGrid(apiKey, transport);
        sendGrid.setHost(baseUrl.toString());
        sendGrid.addRequestHeader("User-Agent", "sendgrid/" + sendGrid.getLibraryVersion() + ";java rig-pack-sendgrid/"
                + SendGridPack.VERSION);
        return new SendGridSession(sendGrid, transport);
    }
}
