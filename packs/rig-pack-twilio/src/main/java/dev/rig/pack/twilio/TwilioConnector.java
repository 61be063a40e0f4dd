package dev.rig.pack.twilio;

import com.twilio.http.TwilioRestClient;
import dev.rig.spi.ErrorType;
import dev.rig.spi.ToolCall;
import dev.rig.spi.ToolException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What the pack's tools share: the settings and one JDK HTTP client, which holds no credential.
 *
 * <p>Each call gets its own {@link TwilioRestClient} built from the call's secrets (never
 * {@code Twilio.init}, whose client is process-wide), with a {@link TwilioTransport} of its own that
 * sends the SDK's requests to the configured hosts within the call's deadline.
 */
final class TwilioConnector {

    static final String ACCOUNT_SID_SLOT = "TWILIO_ACCOUNT_SID";
    static final String AUTH_TOKEN_SLOT = "TWILIO_AUTH_TOKEN";

    private static final Pattern ACCOUNT_SID = Pattern.compile("AC[0-9a-fA-F]{32}");

    private final TwilioSettings settings;
    private final HttpClient http;

    TwilioConnector(TwilioSettings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    TwilioSettings settings() {
        return settings;
    }

    /**
     * A Twilio client for this call's credentials.
     *
     * @throws ToolException {@code auth_error} when a secret is missing or the account SID is malformed
     */
    TwilioSession open(ToolCall call) throws ToolException {
        String accountSid = call.secrets().require(ACCOUNT_SID_SLOT);
        String authToken = call.secrets().require(AUTH_TOKEN_SLOT);
        if (!ACCOUNT_SID.matcher(accountSid).matches()) {
            throw ToolException.builder(ErrorType.AUTH_ERROR,
                            ACCOUNT_SID_SLOT + " is not a Twilio account SID (AC followed by 32 hex digits)")
                    .hint("set " + ACCOUNT_SID_SLOT + " to the Account SID shown on the Twilio Console home page,"
                            + " not an API key SID (SK...)")
                    .build();
        }
        TwilioTransport transport = new TwilioTransport(http, settings, call.deadline());
        TwilioRestClient client = new TwilioRestClient.Builder(accountSid, authToken)
                .httpClient(transport)
                .userAgentExtensions(List.of("rig-pack-twilio/" + TwilioPack.VERSION))
                .build();
        return new TwilioSession(client, transport);
    }
}
