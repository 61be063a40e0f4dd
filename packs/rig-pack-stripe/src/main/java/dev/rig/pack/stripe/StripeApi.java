package dev.rig.pack.stripe;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.net.RequestOptions;
import dev.rig.spi.ErrorType;
import dev.rig.spi.ToolCall;
import dev.rig.spi.ToolException;
import java.time.Duration;
import java.time.Instant;

/**
 * Sends a tool's one Stripe request with a client built for that call alone.
 *
 * <p>Each call gets its own {@link StripeClient}: the call's (tenant's) API key, the pack's base URL,
 * timeouts cut to the call's deadline, and no network retries of the SDK's own, so the gateway's
 * retry policy is the only one. Nothing is set on the SDK's static {@code Stripe} fields. Writes carry
 * the call's idempotency key, which is the same on every attempt of the call: Stripe answers a repeated
 * request with the first one's result instead of doing it twice.
 */
final class StripeApi {

    /** The auth slot holding the secret (sk_...) or restricted (rk_...) key. */
    static final String API_KEY = "STRIPE_API_KEY";

    private static final long MAX_READ_TIMEOUT_MILLIS = 80_000;
    private static final long MAX_CONNECT_TIMEOUT_MILLIS = 10_000;

    private final String baseUrl;

    StripeApi(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** One request to Stripe through a client and request options made for the call. */
    @FunctionalInterface
    interface Request<T> {
        T send(StripeClient client, RequestOptions options) throws StripeException;
    }

    /** The base URL requests go to. */
    String baseUrl() {
        return baseUrl;
    }

    /** Sends a request without side effects (no idempotency key). */
    <T> T read(ToolCall call, Operation operation, Request<T> request) throws ToolException, InterruptedException {
        return send(call, operation, request, null);
    }

    /** Sends a request with side effects, carrying the call's idempotency key. */
    <T> T write(ToolCall call, Operation operation, Request<T> request) throws ToolException, InterruptedException {
        return send(call, operation, request, call.idempotencyKey());
    }

    private <T> T send(ToolCall call, Operation operation, Request<T> request, String idempotencyKey)
            throws ToolException, InterruptedException {
        String apiKey = apiKey(call);
        long millisLeft = Duration.between(Instant.now(), call.deadline()).toMillis();
        if (millisLeft <= 0) {
            throw ToolException.builder(ErrorType.TIMEOUT,
                    "the call's deadline passed before Stripe was asked to " + operation.action()).build();
        }
        StripeClient client = StripeClient.builder()
                .setApiKey(apiKey)
                .setApiBase(baseUrl)
                .setMaxNetworkRetries(0)
                .setConnectTimeout((int) Math.min(millisLeft, MAX_CONNECT_TIMEOUT_MILLIS))
                .setReadTimeout((int) Math.min(millisLeft, MAX_READ_TIMEOUT_MILLIS))
                .build();
        RequestOptions options = RequestOptions.builder().setIdempotencyKey(idempotencyKey).build();
        try {
            return request.send(client, options);
        } catch (StripeException e) {
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while asking Stripe to " + operation.action());
            }
            throw StripeErrors.toToolException(e, operation, baseUrl, idempotencyKey);
        }
    }

    private static String apiKey(ToolCall call) throws ToolException {
        String key = call.secrets().require(API_KEY);
        if (key.isBlank() || !key.equals(key.strip()) || key.chars().anyMatch(Character::isWhitespace)) {
            throw ToolException.builder(ErrorType.AUTH_ERROR, "secret " + API_KEY + " is blank or contains whitespace")
                    .hint("set " + API_KEY + " to the key exactly as the Stripe Dashboard shows it"
                            + " (Developers > API keys), without spaces or line breaks")
                    .build();
        }
        return key;
    }
}
