package dev.rig.pack.stripe;

import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.StripeException;
import com.stripe.model.StripeError;
import com.stripe.net.HttpHeaders;
import dev.rig.spi.ErrorType;
import dev.rig.spi.ToolException;
import java.net.SocketTimeoutException;
import java.util.Optional;

/**
 * Turns a stripe-java failure into the {@link ToolException} a caller can act on.
 *
 * <p>The type follows the HTTP status ({@link ToolException#forHttpStatus}), except Stripe's
 * {@code resource_missing} ({@code not_found}, whatever the status) and {@code idempotency_error}
 * ({@code conflict}). The upstream code is Stripe's {@code code}, else its error {@code type}; the
 * parameter Stripe blames is named as the tool's argument. {@code Stripe-Should-Retry: false} makes
 * any failure final; {@code true} makes a conflict (a request with the same key still running) retryable.
 */
final class StripeErrors {

    private StripeErrors() {
    }

    static ToolException toToolException(StripeException e, Operation operation, String baseUrl, String idempotencyKey) {
        if (e instanceof ApiConnectionException) {
            return connectionFailure(e, operation, baseUrl, idempotencyKey);
        }
        Integer status = e.getStatusCode();
        if (status == null) {
            return ToolException.builder(ErrorType.UPSTREAM_ERROR,
                            "stripe-java could not send the request to " + operation.action() + ": " + e.getMessage())
                    .cause(e)
                    .build();
        }
        StripeError error = e.getStripeError();
        if (error == null) {
            return unreadableAnswer(status, operation, idempotencyKey, e);
        }
        String code = error.getCode() != null ? error.getCode() : error.getType();
        String param = error.getParam();
        String arg = operation.argFor(param);
        String blamed = arg != null ? " (args." + arg + ")" : param != null && !param.isBlank() ? " (Stripe parameter " + param + ")" : "";
        String vendorMessage = error.getMessage() != null ? error.getMessage() : "HTTP " + status;
        String message = "Stripe could not " + operation.action() + blamed + ": " + vendorMessage;

        ErrorType type = "resource_missing".equals(error.getCode()) ? ErrorType.NOT_FOUND
                : "idempotency_error".equals(error.getType()) ? ErrorType.CONFLICT
                : ToolException.typeOfHttpStatus(status);
        ToolException.Builder builder = ToolException.builder(type, message).upstreamCode(code).cause(e);
        Optional<HttpHeaders> headers = Optional.ofNullable(error.getLastResponse()).map(response -> response.headers());
        headers.flatMap(h -> h.firstValue("Retry-After")).ifPresent(builder::retryAfterHeader);
        Optional<String> shouldRetry = headers.flatMap(h -> h.firstValue("Stripe-Should-Retry"));
        if (shouldRetry.filter("false"::equalsIgnoreCase).isPresent()) {
            builder.retryable(false);
        } else if (shouldRetry.filter("true"::equalsIgnoreCase).isPresent() && type == ErrorType.CONFLICT) {
            builder.retryable(true);
        }
        hints(builder, type, arg, param, idempotencyKey);
        return builder.build();
    }

    private static void hints(ToolException.Builder builder, ErrorType type, String arg, String param, String idempotencyKey) {
        switch (type) {
            case VALIDATION_ERROR -> builder.hint(arg != null ? "correct args." + arg + " and call again"
                    : "check the arguments against the tool's input schema and Stripe's API reference");
            case AUTH_ERROR -> builder.hint("check the secret " + StripeApi.API_KEY + ": a secret key (sk_test_..., sk_live_...)"
                    + " or restricted key (rk_...) from the Stripe Dashboard, Developers > API keys; it may have been"
                    + " rolled or deleted");
            case PERMISSION_ERROR -> builder.hint("the key in " + StripeApi.API_KEY + " may not do this: give the"
                    + " restricted key write access to this resource, or use a secret key");
            case NOT_FOUND -> builder.hint((arg != null ? "check args." + arg : param != null ? "check " + param : "check the ids")
                    + ": it must name an object of the same Stripe account and mode (test or live) as "
                    + StripeApi.API_KEY);
            case CONFLICT -> builder.hint(idempotencyKey == null
                    ? "the object's state forbids this; fetch it and check its status"
                    : "Stripe saw idempotency key " + idempotencyKey + " with other arguments, or still running;"
                            + " wait for the first request, or check in Stripe whether it already happened");
            case RATE_LIMITED -> builder.hint("Stripe is throttling this account's requests: wait and call again,"
                    + " and send fewer requests at once");
            case TRANSIENT, UPSTREAM_ERROR -> {
                builder.hint("see https://status.stripe.com if this persists");
                unknownOutcomeHint(builder, idempotencyKey);
            }
            default -> {
            }
        }
    }

    private static ToolException connectionFailure(StripeException e, Operation operation, String baseUrl, String idempotencyKey) {
        Throwable cause = e.getCause();
        ToolException.Builder builder;
        if (cause instanceof SocketTimeoutException) {
            builder = ToolException.builder(ErrorType.TIMEOUT,
                    "Stripe at " + baseUrl + " did not answer in time to " + operation.action());
            unknownOutcomeHint(builder, idempotencyKey);
        } else {
            String reason = cause != null && cause.getMessage() != null ? cause.getMessage()
                    : cause != null ? cause.getClass().getSimpleName() : "connection failed";
            builder = ToolException.builder(ErrorType.TRANSIENT,
                    "could not reach Stripe at " + baseUrl + " to " + operation.action() + ": " + reason);
            builder.hint("check packs.stripe.base_url in rig.yaml (default " + StripePack.DEFAULT_BASE_URL
                    + ") and this machine's network and proxy settings");
        }
        return builder.cause(e).build();
    }

    private static ToolException unreadableAnswer(int status, Operation operation, String idempotencyKey, StripeException e) {
        boolean success = status >= 200 && status < 300;
        ToolException.Builder builder = success
                ? ToolException.builder(ErrorType.UPSTREAM_ERROR, "Stripe answered HTTP " + status + " to "
                        + operation.action() + " with a body stripe-java could not read")
                : ToolException.forHttpStatus(status, "Stripe answered HTTP " + status + " to " + operation.action()
                        + " with a body that is not a Stripe error");
        builder.hint("check that packs.stripe.base_url points at the Stripe API, not a proxy's error page");
        if (success && idempotencyKey != null) {
            builder.hint("the request succeeded at Stripe: check there before calling again");
        } else {
            unknownOutcomeHint(builder, idempotencyKey);
        }
        return builder.cause(e).build();
    }

    private static void unknownOutcomeHint(ToolException.Builder builder, String idempotencyKey) {
        if (idempotencyKey != null) {
            builder.hint("the request may have taken effect: RIG's own retries reuse idempotency key " + idempotencyKey
                    + ", but a new call gets a new key, so check Stripe before calling again");
        }
    }
}
