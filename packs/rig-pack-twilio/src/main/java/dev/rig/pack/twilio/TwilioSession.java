package dev.rig.pack.twilio;

import com.twilio.exception.ApiException;
import com.twilio.exception.TwilioException;
import com.twilio.http.TwilioRestClient;
import dev.rig.spi.ErrorType;
import dev.rig.spi.ToolException;
import java.net.http.HttpTimeoutException;
import java.util.Map;

/**
 * One call's Twilio client and its transport, and the translation of the SDK's exceptions into RTP
 * errors (the transport knows the HTTP status and Retry-After the SDK's exceptions leave out).
 */
record TwilioSession(TwilioRestClient client, TwilioTransport transport) {

    /**
     * The argument a Twilio error code is about. Twilio's error JSON ({@code code, message, more_info,
     * status}) names no field, so the commonest codes are mapped here.
     */
    private static final Map<Integer, String> FIELDS = Map.ofEntries(
            Map.entry(21201, "to"), Map.entry(21211, "to"), Map.entry(21214, "to"), Map.entry(21217, "to"),
            Map.entry(21401, "to"), Map.entry(21408, "to"), Map.entry(21604, "to"), Map.entry(21608, "to"),
            Map.entry(21610, "to"), Map.entry(21614, "to"), Map.entry(60205, "to"),
            Map.entry(21210, "from"), Map.entry(21212, "from"), Map.entry(21213, "from"), Map.entry(21603, "from"),
            Map.entry(21606, "from"), Map.entry(21659, "from"), Map.entry(21660, "from"),
            Map.entry(21602, "body"), Map.entry(21617, "body"),
            Map.entry(21205, "url"), Map.entry(21219, "to"), Map.entry(60436, "to"));

    /** Twilio Verify's "too many attempts" codes: a 429 that waiting a few seconds does not cure. */
    private static final Map<Integer, String> ATTEMPTS_EXHAUSTED = Map.of(
            60202, "this verification has had its maximum of check attempts; start a new one with twilio.verify.start",
            60203, "this number has had its maximum of verification sends; wait about 10 minutes before starting"
                    + " another");

    /**
     * The RTP error for an SDK failure of {@code tool}.
     *
     * @throws InterruptedException when the call was interrupted (deadline or cancellation)
     */
    ToolException failure(TwilioException e, TwilioTool tool) throws InterruptedException {
        if (Thread.interrupted() || causedBy(e, InterruptedException.class)) {
            throw new InterruptedException("interrupted while calling Twilio");
        }
        int status = transport.lastStatus();
        if (status == 0) {
            if (causedBy(e, HttpTimeoutException.class)) {
                return ToolException.builder(ErrorType.TIMEOUT,
                                "Twilio did not answer in time to " + tool.action())
                        .hint("try again; raise the tool's timeout in the policy if Twilio is slow")
                        .cause(e)
                        .build();
            }
            String host = transport.lastHost() == null ? "Twilio" : transport.lastHost();
            return ToolException.builder(ErrorType.TRANSIENT,
                            "could not reach Twilio at " + host + " to " + tool.action() + ": " + e.getMessage())
                    .hint("check the network and packs.twilio.base_url / verify_base_url in rig.yaml")
                    .cause(e)
                    .build();
        }
        if (status < 400) {
            return ToolException.builder(ErrorType.UPSTREAM_ERROR,
                            "Twilio answered HTTP " + status + " to " + tool.action() + " but its answer could not be read")
                    .retryable(false)
                    .hint("the request may have taken effect: check the Twilio Console before trying again")
                    .cause(e)
                    .build();
        }
        Integer code = e instanceof ApiException api ? api.getCode() : null;
        String vendorMessage = code != null && e.getMessage() != null
                ? e.getMessage()
                : "HTTP " + status + " without a Twilio error body";
        String field = code == null ? null : FIELDS.get(code);
        boolean hasField = field != null;
        ToolException.Builder failure = ToolException.forHttpStatus(status,
                        "Twilio refused to " + tool.action() + (hasField ? " ('" + field + "')" : "") + ": "
                                + vendorMessage)
                .retryAfterHeader(transport.lastRetryAfter())
                .cause(e);
        if (code != null) {
            failure.upstreamCode(String.valueOf(code));
        }
        if (hasField) {
            failure.hint("check the '" + field + "' argument");
        }
        String exhausted = code == null ? null : ATTEMPTS_EXHAUSTED.get(code);
        if (exhausted != null) {
            failure.retryable(false).hint(exhausted);
        }
        switch (status) {
            case 401 -> failure.hint("check " + TwilioConnector.ACCOUNT_SID_SLOT + " and "
                    + TwilioConnector.AUTH_TOKEN_SLOT + ": both are on the Twilio Console home page");
            case 403 -> failure.hint("the account may not do this: check its permissions in the Twilio Console"
                    + " (geographic permissions, trial account limits)");
            case 404 -> failure.hint(tool.notFoundHint());
            case 429 -> {
                if (exhausted == null) {
                    failure.hint("Twilio is throttling this account; try again later");
                }
            }
            default -> {
                if (status >= 500) {
                    failure.hint("Twilio had a server error; try again");
                }
            }
        }
        if (e instanceof ApiException api && api.getMoreInfo() != null && !api.getMoreInfo().isBlank()) {
            failure.hint("Twilio's explanation: " + api.getMoreInfo());
        }
        return failure.build();
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
