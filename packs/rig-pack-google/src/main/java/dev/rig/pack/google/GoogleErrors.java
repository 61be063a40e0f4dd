package dev.rig.pack.google;

import com.google.auth.oauth2.ServiceAccountCredentials;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.rig.spi.ErrorType;
import dev.rig.spi.ToolException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Set;
import javax.net.ssl.SSLException;

/**
 * Turns Google's answers into {@link ToolException}s: API errors, token-endpoint errors and
 * network failures.
 *
 * <p>API errors carry {@code {"error": {"code", "message", "status", "errors": [{"reason",
 * "location"}], "details": [...]}}}; the token endpoint answers {@code {"error": "invalid_grant",
 * "error_description": "..."}}. The upstream code is the most specific of: the first
 * {@code errors[].reason}, an {@code ErrorInfo} detail's reason, the {@code status}, the token
 * endpoint's {@code error}. The SDK's {@code GoogleJsonResponseException} carries the inner
 * object only, so both shapes are read.
 */
final class GoogleErrors {

    /** 403 reasons that mean "slow down" rather than "not allowed". */
    private static final Set<String> RATE_REASONS = Set.of("rateLimitExceeded", "userRateLimitExceeded", "RATE_LIMIT_EXCEEDED");
    private static final int MAX_MESSAGE = 500;

    private GoogleErrors() {
    }

    /** What an error body says, each part null when absent. */
    record Problem(String message, String status, String reason, String field) {

        String upstreamCode() {
            return reason != null ? reason : status;
        }

        static Problem parse(String body) {
            if (body == null || body.isBlank()) {
                return new Problem(null, null, null, null);
            }
            try {
                JsonElement root = JsonParser.parseString(body);
                if (!root.isJsonObject()) {
                    return new Problem(null, null, null, null);
                }
                JsonObject top = root.getAsJsonObject();
                JsonElement error = top.get("error");
                if (error != null && error.isJsonPrimitive()) {
                    return new Problem(text(top, "error_description"), null, error.getAsString(), null);
                }
                // The SDK's exception keeps only the inner object of {"error": {...}} as its content.
                JsonObject object = error != null && error.isJsonObject() ? error.getAsJsonObject()
                        : top.has("code") || top.has("message") ? top : null;
                if (object == null) {
                    return new Problem(null, null, null, null);
                }
                String reason = null;
                String field = null;
                JsonObject first = first(object.get("errors"));
                if (first != null) {
                    reason = text(first, "reason");
                    field = text(first, "location");
                }
                if (object.get("details") instanceof JsonArray details) {
                    for (JsonElement detail : details) {
                        if (!detail.isJsonObject()) {
                            continue;
                        }
                        JsonObject d = detail.getAsJsonObject();
                        String type = text(d, "@type");
                        if (reason == null && type != null && type.endsWith("google.rpc.ErrorInfo")) {
                            reason = text(d, "reason");
                        }
                        JsonObject violation = first(d.get("fieldViolations"));
                        if (field == null && violation != null) {
                            field = text(violation, "field");
                        }
                    }
                }
                return new Problem(text(object, "message"), text(object, "status"), reason, field);
            } catch (JsonParseException | IllegalStateException | UnsupportedOperationException e) {
                return new Problem(null, null, null, null);
            }
        }

        private static JsonObject first(JsonElement array) {
            if (array instanceof JsonArray list && !list.isEmpty() && list.get(0).isJsonObject()) {
                return list.get(0).getAsJsonObject();
            }
            return null;
        }

        private static String text(JsonObject object, String field) {
            JsonElement value = object.get(field);
            if (value == null || !value.isJsonPrimitive()) {
                return null;
            }
            String text = value.getAsString().replaceAll("\\s+", " ").strip();
            if (text.isEmpty()) {
                return null;
            }
            return text.length() > MAX_MESSAGE ? text.substring(0, MAX_MESSAGE) + "..." : text;
        }
    }

    /** An error answer of {@code api}. */
    static ToolException api(GoogleApi api, int status, String body, String retryAfter, ServiceAccountCredentials who) {
        Problem problem = Problem.parse(body);
        String said = problem.message() != null ? problem.message() : "no error message";
        String message = api.label() + " answered " + status
                + (problem.field() != null ? " on " + problem.field() : "") + ": " + said;
        boolean slowDown = status == 429 || status == 403 && problem.reason() != null
                && RATE_REASONS.contains(problem.reason());
        ToolException.Builder failure = slowDown
                ? ToolException.builder(ErrorType.RATE_LIMITED, message).retryAfterHeader(retryAfter)
                : ToolException.forHttpStatus(status, message).retryAfterHeader(retryAfter);
        failure.upstreamCode(problem.upstreamCode());
        if (slowDown) {
            return failure.hint("a " + api.label() + " quota of the key's Google Cloud project is spent for now:"
                    + " try again later, or ask for a higher quota in the Cloud console").build();
        }
        String reason = problem.reason() == null ? "" : problem.reason();
        if ("accessNotConfigured".equals(reason) || "SERVICE_DISABLED".equals(reason)) {
            return failure.hint("enable the " + api.label() + " API in the Google Cloud project of the key in "
                    + ServiceAccounts.SLOT + (who.getProjectId() == null ? "" : " (" + who.getProjectId() + ")")).build();
        }
        if (api == GoogleApi.GMAIL && (status == 403 || "failedPrecondition".equals(reason)
                || "FAILED_PRECONDITION".equals(problem.status()))) {
            return failure.hint(delegationHint(who)).build();
        }
        switch (status) {
            case 400 -> failure.hint(problem.field() != null
                    ? "check the value given for " + problem.field()
                    : "check the arguments against the tool's input schema and the message above");
            case 401 -> failure.hint("check " + ServiceAccounts.SLOT + ": the key may have been deleted, or its service"
                    + " account disabled; create a new key if so");
            case 403 -> failure.hint(api == GoogleApi.SHEETS
                    ? "share the spreadsheet with the service account " + who.getClientEmail()
                            + " (editor to write, viewer to read)"
                    : "share the files or folders with the service account " + who.getClientEmail());
            case 404 -> failure.hint(switch (api) {
                case SHEETS -> "check spreadsheet_id (the part between /d/ and /edit in the spreadsheet's URL) and"
                        + " the sheet name in range";
                case DRIVE -> "check the ids named in query";
                case GMAIL -> "check user_id: 'me' is the user named by packs.google.impersonate";
            });
            case 409 -> failure.hint("the " + api.label() + " resource changed meanwhile; read it again, then retry");
            default -> {
                if (status >= 500) {
                    failure.hint(api.label() + " failed on its side; trying again later usually works");
                }
            }
        }
        return failure.build();
    }

    /** An error answer of the OAuth token endpoint while exchanging the key for an access token. */
    static ToolException token(int status, String body, String retryAfter, ServiceAccountCredentials who) {
        Problem problem = Problem.parse(body);
        String code = problem.reason();
        ErrorType type = switch (status) {
            case 400, 401, 403 -> ErrorType.AUTH_ERROR;
            case 429 -> ErrorType.RATE_LIMITED;
            default -> status == 408 || status >= 500 ? ErrorType.TRANSIENT : ErrorType.UPSTREAM_ERROR;
        };
        String said = problem.message() != null ? problem.message() : code != null ? code : "status " + status;
        String message = type == ErrorType.AUTH_ERROR
                ? "Google refused the service-account key in " + ServiceAccounts.SLOT + ": " + said
                : "Google's token endpoint answered " + status + " while exchanging the key in " + ServiceAccounts.SLOT
                        + " for an access token: " + said;
        ToolException.Builder failure = ToolException.builder(type, message)
                .upstreamCode(code)
                .retryAfterHeader(retryAfter);
        if (type == ErrorType.AUTH_ERROR) {
            if (who.getServiceAccountUser() != null && ("unauthorized_client".equals(code) || "access_denied".equals(code))) {
                failure.hint(delegationHint(who));
            } else {
                failure.hint("check that " + ServiceAccounts.SLOT + " holds a current key (not deleted) of an enabled"
                        + " service account; 'Invalid JWT' errors can also mean this machine's clock is wrong");
            }
        }
        return failure.build();
    }

    /**
     * A request that got no answer: {@code what} names the endpoint ("Google Sheets", "Google's token
     * endpoint"). The first cause of a known kind decides the type: a timeout is {@code timeout},
     * anything else {@code transient}.
     */
    static ToolException network(String what, String host, IOException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpConnectTimeoutException) {
                return unreachable(what, host, "the connection timed out", e);
            }
            if (cause instanceof HttpTimeoutException || cause instanceof SocketTimeoutException) {
                return ToolException.builder(ErrorType.TIMEOUT, what + " did not answer before the call's deadline")
                        .hint("try again; raise the tool's timeout_seconds in rig.yaml if this keeps happening")
                        .cause(e)
                        .build();
            }
            if (cause instanceof ConnectException) {
                return unreachable(what, host, "the connection was refused", e);
            }
            if (cause instanceof UnknownHostException || cause instanceof UnresolvedAddressException) {
                return unreachable(what, host, "the host is unknown", e);
            }
            if (cause instanceof SSLException) {
                return unreachable(what, host, "the TLS handshake failed", e);
            }
        }
        return unreachable(what, host, "the connection failed", e);
    }

    private static ToolException unreachable(String what, String host, String why, IOException e) {
        return ToolException.builder(ErrorType.TRANSIENT, "could not reach " + what + " at " + host + ": " + why)
                .hint("check the network and the packs.google base URL settings; trying again may work")
                .cause(e)
                .build();
    }

    private static String delegationHint(ServiceAccountCredentials who) {
        return "Gmail sends as a Workspace user only: set packs.google.impersonate to the sender's address and, in the"
                + " Admin console (Security > API controls > Domain-wide delegation), allow client id "
                + who.getClientId() + " the scope " + GoogleApi.GMAIL.scope();
    }
}
