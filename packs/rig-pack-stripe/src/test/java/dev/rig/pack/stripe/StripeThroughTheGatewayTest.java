package dev.rig.pack.stripe;

import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.rig.core.api.ToolResult;
import dev.rig.spi.ErrorType;
import dev.rig.testkit.PackGateway;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stripe pack through a real gateway (testkit PackGateway): validation, retries, output check, approvals. */
class StripeThroughTheGatewayTest {

    private static final String SUB = "sub_1MowQVLkdIwHu7ixeRlqHVzs";

    private final FakeStripe stripe = new FakeStripe();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        stripe.close();
    }

    private PackGateway.Builder gateway() {
        return PackGateway.forPack("stripe").setting("base_url", stripe.baseUrl()).secret("STRIPE_API_KEY", FakeStripe.KEY);
    }

    /** Answers {@code request} with {@code first}, then with {@code then} from the second time on. */
    private void answerFirstThen(MappingBuilder request, ResponseDefinitionBuilder first, MappingBuilder again,
                                 ResponseDefinitionBuilder then) {
        stripe.server().stubFor(request.inScenario("first-then").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("second").willReturn(first));
        stripe.server().stubFor(again.inScenario("first-then").whenScenarioStateIs("second").willReturn(then));
    }

    private static ResponseDefinitionBuilder throttled() {
        return FakeStripe.json(429, StripeJson.error("invalid_request_error", "rate_limit", null,
                "Request rate limit exceeded.")).withHeader("Retry-After", "0");
    }

    @Test
    void aThrottledSearchIsRetriedAndSucceeds() {
        answerFirstThen(get(urlPathEqualTo("/v1/customers/search")), throttled(),
                get(urlPathEqualTo("/v1/customers/search")), FakeStripe.json(200, StripeJson.CUSTOMER_SEARCH));

        try (PackGateway rig = gateway().open(dir)) {
            ToolResult result = rig.call("stripe.customers.search", Map.of("query", "email:'jenny.rosen@example.com'"));

            assertThat(result.ok()).as("%s", result.error()).isTrue();
            assertThat(result.output()).containsEntry("has_more", false);
            assertThat(stripe.requests()).hasSize(2);
        }
    }

    @Test
    void aRetriedRefundSendsTheSameIdempotencyKeyBothTimesSoItIsNeverMadeTwice() {
        answerFirstThen(post(urlEqualTo("/v1/refunds")), throttled(),
                post(urlEqualTo("/v1/refunds")), FakeStripe.json(200, StripeJson.REFUND));

        try (PackGateway rig = gateway().open(dir)) {
            ToolResult result = rig.call("stripe.refunds.create",
                    Map.of("payment_intent", "pi_3MtwBwLkdIwHu7ix28a3tqPa", "amount", 1000));

            assertThat(result.ok()).as("%s", result.error()).isTrue();
            assertThat(result.output()).containsEntry("id", "re_3MtwBwLkdIwHu7ix0ZlTl5aZ");
            List<String> keys = stripe.requests().stream().map(request -> request.getHeader("Idempotency-Key")).toList();
            assertThat(keys).containsExactly("rig-" + result.correlationId(), "rig-" + result.correlationId());
            assertThat(stripe.requests()).extracting(FakeStripe::form).containsOnly(Map.of(
                    "payment_intent", "pi_3MtwBwLkdIwHu7ix28a3tqPa", "amount", "1000"));
        }
    }

    @Test
    void aCancelRetriedAfterItAlreadyTookEffectAnswersCanceled() {
        answerFirstThen(delete(urlEqualTo("/v1/subscriptions/" + SUB)),
                FakeStripe.json(500, StripeJson.error("api_error", null, null, "An unknown error occurred")),
                delete(urlEqualTo("/v1/subscriptions/" + SUB)),
                FakeStripe.json(404, StripeJson.error("invalid_request_error", "resource_missing", "id",
                        "No such subscription: '" + SUB + "'")));
        stripe.stub(get(urlEqualTo("/v1/subscriptions/" + SUB)), 200, StripeJson.CANCELED_SUBSCRIPTION);

        try (PackGateway rig = gateway().open(dir)) {
            ToolResult result = rig.call("stripe.subscriptions.cancel", Map.of("subscription_id", SUB));

            assertThat(result.ok()).as("%s", result.error()).isTrue();
            assertThat(result.output()).containsEntry("status", "canceled");
            assertThat(stripe.requests()).extracting(request -> request.getMethod().getName())
                    .containsExactly("DELETE", "DELETE", "GET");
        }
    }

    @Test
    void aRejectedKeyIsNotRetried() {
        stripe.stub(post(urlEqualTo("/v1/customers")), 401, StripeJson.error("invalid_request_error", null, null,
                "Invalid API Key provided: sk_test_****0000"));

        try (PackGateway rig = gateway().retries(3).open(dir)) {
            ToolResult result = rig.call("stripe.customers.create", Map.of("email", "jenny.rosen@example.com"));

            assertThat(result.ok()).isFalse();
            assertThat(result.error().type()).isEqualTo(ErrorType.AUTH_ERROR);
            assertThat(result.error().retryable()).isFalse();
            assertThat(result.error().message()).doesNotContain(FakeStripe.KEY);
            assertThat(stripe.requests()).hasSize(1);
        }
    }

    @Test
    void aNullNameFromStripePassesTheOutputCheck() {
        stripe.stub(post(urlEqualTo("/v1/customers")), 200, """
                {"id": "cus_Q1", "object": "customer", "email": "a@example.com", "name": null, "metadata": {}}""");

        try (PackGateway rig = gateway().open(dir)) {
            ToolResult result = rig.call("stripe.customers.create", Map.of("email", "a@example.com"));

            assertThat(result.ok()).as("%s", result.error()).isTrue();
            assertThat(result.output()).containsEntry("name", null);
        }
    }

    @Test
    void argumentsTheSchemaForbidsNeverReachStripe() {
        try (PackGateway rig = gateway().open(dir)) {
            ToolResult both = rig.call("stripe.refunds.create", Map.of("payment_intent", "pi_1", "charge", "ch_1"));
            ToolResult extra = rig.call("stripe.customers.create", Map.of("email", "a@example.com", "vip", true));
            ToolResult notAnId = rig.call("stripe.subscriptions.cancel", Map.of("subscription_id", "../customers"));

            assertThat(List.of(both, extra, notAnId)).allSatisfy(result -> {
                assertThat(result.ok()).isFalse();
                assertThat(result.error().type()).isEqualTo(ErrorType.VALIDATION_ERROR);
            });
            assertThat(stripe.requests()).isEmpty();
        }
    }

    @Test
    void aRefundWaitsForApprovalUnderTheDefaultPolicy() {
        try (PackGateway rig = gateway().requireApprovals().open(dir)) {
            ToolResult result = rig.call("stripe.refunds.create", Map.of("payment_intent", "pi_3MtwBwLkdIwHu7ix28a3tqPa"));

            assertThat(result.ok()).isFalse();
            assertThat(result.error().type()).isEqualTo(ErrorType.APPROVAL_REQUIRED);
            assertThat(stripe.requests()).isEmpty();
        }
    }
}
