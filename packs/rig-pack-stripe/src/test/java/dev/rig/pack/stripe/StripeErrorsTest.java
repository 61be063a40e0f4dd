package dev.rig.pack.stripe;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rig.spi.ErrorType;
import dev.rig.spi.PackEnvironment;
import dev.rig.spi.Secrets;
import dev.rig.spi.Tool;
import dev.rig.spi.ToolException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Stripe's failures become the error types, codes, retry advice and hints a caller can act on. */
class StripeErrorsTest {

    private static final Map<String, Object> CUSTOMER = Map.of("email", "jenny.rosen@example.com");

    private final FakeStripe stripe = new FakeStripe();

    @AfterEach
    void stop() {
        stripe.close();
    }

    private ToolException createCustomerFails() {
        return failure(stripe.tool("stripe.customers.create"), "stripe.customers.create", CUSTOMER);
    }

    private static ToolException failure(Tool tool, String name, Map<String, Object> args) {
        AtomicReference<ToolException> failure = new AtomicReference<>();
        assertThatThrownBy(() -> tool.invoke(FakeStripe.call(name, args)))
                .isInstanceOfSatisfying(ToolException.class, failure::set);
        return failure.get();
    }

    private void answerCustomers(int status, String body) {
        stripe.stub(post(urlEqualTo("/v1/customers")), status, body);
    }

    @Test
    void aRejectedFieldIsAValidationErrorNamingTheArgument() {
        answerCustomers(400, StripeJson.error("invalid_request_error", "email_invalid", "email",
                "Invalid email address: jenny"));

        ToolException e = createCustomerFails();

        assertThat(e.type()).isEqualTo(ErrorType.VALIDATION_ERROR);
        assertThat(e.getMessage()).isEqualTo("Stripe could not create the customer (args.email): Invalid email address: jenny");
        assertThat(e.upstreamCode()).isEqualTo("email_invalid");
        assertThat(e.retryable()).isFalse();
        assertThat(e.hints()).containsExactly("correct args.email and call again");
    }

    @Test
    void aParameterTheToolDoesNotHaveIsNamedAsStripesOwn() {
        answerCustomers(400, StripeJson.error("invalid_request_error", "parameter_unknown", "tax_id_data",
                "Received unknown parameter: tax_id_data"));

        assertThat(createCustomerFails().getMessage())
                .isEqualTo("Stripe could not create the customer (Stripe parameter tax_id_data): Received unknown parameter: tax_id_data");
    }

    @Test
    void aMissingObjectNamedInTheBodyIsNotFoundNamingTheArgument() {
        stripe.stub(post(urlEqualTo("/v1/invoices")), 400, StripeJson.error("invalid_request_error", "resource_missing",
                "customer", "No such customer: 'cus_gone'"));

        ToolException e = failure(stripe.tool("stripe.invoices.create"), "stripe.invoices.create",
                Map.of("customer_id", "cus_gone"));

        assertThat(e.type()).isEqualTo(ErrorType.NOT_FOUND);
        assertThat(e.getMessage()).isEqualTo("Stripe could not create the invoice (args.customer_id): No such customer: 'cus_gone'");
        assertThat(e.upstreamCode()).isEqualTo("resource_missing");
        assertThat(e.hints()).singleElement().asString().startsWith("check args.customer_id: it must name an object");
    }

    @Test
    void aRejectedKeyIsAnAuthErrorThatIsNeverRetried() {
        answerCustomers(401, StripeJson.error("invalid_request_error", null, null,
                "Invalid API Key provided: sk_test_****0000"));

        ToolException e = createCustomerFails();

        assertThat(e.type()).isEqualTo(ErrorType.AUTH_ERROR);
        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).isEqualTo("Stripe could not create the customer: Invalid API Key provided: sk_test_****0000")
                .doesNotContain(FakeStripe.KEY);
        assertThat(e.upstreamCode()).isEqualTo("invalid_request_error");
        assertThat(e.hints()).singleElement().asString().contains("STRIPE_API_KEY");
    }

    @Test
    void aKeyWithoutTheRightIsAPermissionError() {
        answerCustomers(403, StripeJson.error("invalid_request_error", null, null,
                "The provided key 'rk_test_****0000' does not have the required permissions for this endpoint."));

        ToolException e = createCustomerFails();

        assertThat(e.type()).isEqualTo(ErrorType.PERMISSION_ERROR);
        assertThat(e.retryable()).isFalse();
        assertThat(e.hints()).singleElement().asString().contains("restricted key");
    }

    @Test
    void theSameKeyWithOtherArgumentsIsAFinalConflict() {
        answerCustomers(400, StripeJson.error("idempotency_error", null, null,
                "Keys for idempotent requests can only be used with the same parameters they were first used with."));

        ToolException e = createCustomerFails();

        assertThat(e.type()).isEqualTo(ErrorType.CONFLICT);
        assertThat(e.retryable()).isFalse();
        assertThat(e.upstreamCode()).isEqualTo("idempotency_error");
        assertThat(e.hints()).singleElement().asString().contains("rig-corr-1");
    }

    @Test
    void aConflictStripeSaysToRetryIsRetryable() {
        stripe.server().stubFor(post(urlEqualTo("/v1/customers")).willReturn(FakeStripe.json(409,
                        StripeJson.error("idempotency_error", null, null,
                                "There is currently another in-progress request using this Stripe-Idempotency-Key."))
                .withHeader("Stripe-Should-Retry", "true")));

        ToolException e = createCustomerFails();

        assertThat(e.type()).isEqualTo(ErrorType.CONFLICT);
        assertThat(e.retryable()).isTrue();
    }

    @Test
    void aDeclinedPaymentIsAnUpstreamErrorWithStripesCode() {
        stripe.stub(post(urlEqualTo("/v1/refunds")), 402, """
                {"error": {"type": "card_error", "code": "expired_card", "param": "charge",
                 "message": "The card has expired; the refund cannot be sent to it."}}""");

        ToolException e = failure(stripe.tool("stripe.refunds.create"), "stripe.refunds.create", Map.of("charge", "ch_1"));

        assertThat(e.type()).isEqualTo(ErrorType.UPSTREAM_ERROR);
        assertThat(e.retryable()).isFalse();
        assertThat(e.upstreamCode()).isEqualTo("expired_card");
        assertThat(e.getMessage()).startsWith("Stripe could not create the refund (args.charge): ");
    }

    @Test
    void aThrottledRequestIsRateLimitedWithTheRetryAfterStripeGives() {
        stripe.server().stubFor(post(urlEqualTo("/v1/customers")).willReturn(FakeStripe.json(429,
                        StripeJson.error("invalid_request_error", "rate_limit", null, "Request rate limit exceeded."))
                .withHeader("Retry-After", "3")));

        ToolException e = createCustomerFails();

        assertThat(e.type()).isEqualTo(ErrorType.RATE_LIMITED);
        assertThat(e.retryable()).isTrue();
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(3));
        assertThat(e.upstreamCode()).isEqualTo("rate_limit");
    }

    @Test
    void aThrottledRequestWithoutRetryAfterLeavesTheDelayToTheGateway() {
        answerCustomers(429, StripeJson.error("invalid_request_error", "lock_timeout", null,
                "This object cannot be accessed right now because another API request or Stripe process is currently accessing it."));

        ToolException e = createCustomerFails();

        assertThat(e.type()).isEqualTo(ErrorType.RATE_LIMITED);
        assertThat(e.retryAfter()).isNull();
        assertThat(e.upstreamCode()).isEqualTo("lock_timeout");
    }

    @Test
    void aServerErrorIsTransientAndSaysTheWriteMayHaveHappened() {
        answerCustomers(500, StripeJson.error("api_error", null, null, "An unknown error occurred"));

        ToolException e = createCustomerFails();

        assertThat(e.type()).isEqualTo(ErrorType.TRANSIENT);
        assertThat(e.retryable()).isTrue();
        assertThat(e.upstreamCode()).isEqualTo("api_error");
        assertThat(e.hints()).anySatisfy(hint -> assertThat(hint).contains("idempotency key rig-corr-1"));
    }

    @Test
    void theSdkDoesNotRetryOnItsOwnEvenWhenStripeInvitesIt() {
        stripe.server().stubFor(post(urlEqualTo("/v1/customers")).willReturn(FakeStripe.json(503,
                        StripeJson.error("api_error", null, null, "Service unavailable"))
                .withHeader("Stripe-Should-Retry", "true")));

        createCustomerFails();

        assertThat(stripe.requests()).hasSize(1);
    }

    @Test
    void aServerErrorStripeSaysNotToRetryIsFinal() {
        stripe.server().stubFor(post(urlEqualTo("/v1/customers")).willReturn(FakeStripe.json(500,
                        StripeJson.error("api_error", null, null, "An unknown error occurred"))
                .withHeader("Stripe-Should-Retry", "false")));

        ToolException e = createCustomerFails();

        assertThat(e.type()).isEqualTo(ErrorType.TRANSIENT);
        assertThat(e.retryable()).isFalse();
    }

    @Test
    void aProxysErrorPageIsTransientWithoutAVendorCode() {
        stripe.server().stubFor(post(urlEqualTo("/v1/customers")).willReturn(aResponse().withStatus(502)
                .withHeader("Content-Type", "text/html").withBody("<html><body>Bad gateway</body></html>")));

        ToolException e = createCustomerFails();

        assertThat(e.type()).isEqualTo(ErrorType.TRANSIENT);
        assertThat(e.retryable()).isTrue();
        assertThat(e.upstreamCode()).isNull();
        assertThat(e.getMessage()).isEqualTo("Stripe answered HTTP 502 to create the customer with a body that is not a Stripe error");
    }

    @Test
    void aRefusedConnectionIsTransientAndNamesTheBaseUrl() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String baseUrl = "http://127.0.0.1:" + closedPort;
        Tool tool = new StripePack().tools(new PackEnvironment(Map.of("base_url", baseUrl), Path.of(".")))
                .stream().filter(t -> t.definition().name().equals("stripe.customers.search")).findFirst().orElseThrow();

        ToolException e = failure(tool, "stripe.customers.search", Map.of("query", "email:'a@example.com'"));

        assertThat(e.type()).isEqualTo(ErrorType.TRANSIENT);
        assertThat(e.retryable()).isTrue();
        assertThat(e.getMessage()).startsWith("could not reach Stripe at " + baseUrl + " to search customers: ");
        assertThat(e.hints()).singleElement().asString().contains("packs.stripe.base_url");
    }

    @Test
    void anAnswerLaterThanTheDeadlineIsATimeout() {
        stripe.server().stubFor(post(urlEqualTo("/v1/customers"))
                .willReturn(FakeStripe.json(200, StripeJson.CUSTOMER).withFixedDelay(5_000)));
        Tool tool = stripe.tool("stripe.customers.create");
        long started = System.nanoTime();

        assertThatThrownBy(() -> tool.invoke(FakeStripe.call("stripe.customers.create", CUSTOMER,
                Secrets.of(Map.of("STRIPE_API_KEY", FakeStripe.KEY)), Instant.now().plusMillis(300))))
                .isInstanceOfSatisfying(ToolException.class, e -> {
                    assertThat(e.type()).isEqualTo(ErrorType.TIMEOUT);
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.hints()).singleElement().asString().contains("may have taken effect");
                });
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void aPassedDeadlineSendsNothing() {
        Tool tool = stripe.tool("stripe.customers.create");

        assertThatThrownBy(() -> tool.invoke(FakeStripe.call("stripe.customers.create", CUSTOMER,
                Secrets.of(Map.of("STRIPE_API_KEY", FakeStripe.KEY)), Instant.now().minusMillis(1))))
                .isInstanceOfSatisfying(ToolException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.TIMEOUT));
        assertThat(stripe.requests()).isEmpty();
    }

    @Test
    void aMissingOrBlankKeyIsAnAuthErrorBeforeAnyRequest() {
        Tool tool = stripe.tool("stripe.customers.create");

        assertThatThrownBy(() -> tool.invoke(FakeStripe.call("stripe.customers.create", CUSTOMER,
                Secrets.none(), Instant.now().plusSeconds(30))))
                .isInstanceOfSatisfying(ToolException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.AUTH_ERROR))
                .hasMessageContaining("STRIPE_API_KEY");
        assertThatThrownBy(() -> tool.invoke(FakeStripe.call("stripe.customers.create", CUSTOMER,
                Secrets.of(Map.of("STRIPE_API_KEY", "sk_test_abc\n")), Instant.now().plusSeconds(30))))
                .isInstanceOfSatisfying(ToolException.class, e -> {
                    assertThat(e.type()).isEqualTo(ErrorType.AUTH_ERROR);
                    assertThat(e.retryable()).isFalse();
                })
                .hasMessage("secret STRIPE_API_KEY is blank or contains whitespace");
        assertThat(stripe.requests()).isEmpty();
    }

    @Test
    void anInterruptedCallEndsWithInterruptedException() throws Exception {
        stripe.server().stubFor(post(urlEqualTo("/v1/customers"))
                .willReturn(FakeStripe.json(200, StripeJson.CUSTOMER).withFixedDelay(10_000)));
        Tool tool = stripe.tool("stripe.customers.create");
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        long started = System.nanoTime();

        Thread call = Thread.ofVirtual().start(() -> {
            try {
                tool.invoke(FakeStripe.call("stripe.customers.create", CUSTOMER));
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        call.interrupt();
        assertThat(call.join(Duration.ofSeconds(5))).isTrue();

        assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }
}
