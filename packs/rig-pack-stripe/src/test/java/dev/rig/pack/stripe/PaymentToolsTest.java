package dev.rig.pack.stripe;

import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.rig.spi.ErrorType;
import dev.rig.spi.ToolException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** stripe.payment_links.create, stripe.refunds.create and the subscription tools against a stub of Stripe. */
class PaymentToolsTest {

    private static final String SUB = "sub_1MowQVLkdIwHu7ixeRlqHVzs";

    private final FakeStripe stripe = new FakeStripe();

    @AfterEach
    void stop() {
        stripe.close();
    }

    @Test
    void createsAPaymentLinkWithIndexedLineItems() throws Exception {
        stripe.stub(post(urlEqualTo("/v1/payment_links")), 200, StripeJson.PAYMENT_LINK);

        Map<String, Object> output = stripe.tool("stripe.payment_links.create").invoke(FakeStripe.call(
                "stripe.payment_links.create", Map.of(
                        "line_items", List.of(Map.of("price", "price_1MoC3TLkdIwHu7ixcIbKelAC", "quantity", 2),
                                Map.of("price", "price_2")),
                        "metadata", Map.of("campaign", "spring"))));

        assertThat(output).containsExactlyInAnyOrderEntriesOf(Map.of("id", "plink_1MoC3ULkdIwHu7ixZjtGpVl2",
                "url", "https://buy.stripe.com/test_cN25nr0iZ7bUa7meUY", "active", true));
        LoggedRequest request = stripe.onlyRequest();
        assertThat(request.getHeader("Idempotency-Key")).isEqualTo("rig-corr-1");
        assertThat(FakeStripe.form(request)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "line_items[0][price]", "price_1MoC3TLkdIwHu7ixcIbKelAC", "line_items[0][quantity]", "2",
                "line_items[1][price]", "price_2", "line_items[1][quantity]", "1",
                "metadata[campaign]", "spring"));
    }

    @Test
    void refundsPartOfAPaymentIntent() throws Exception {
        stripe.stub(post(urlEqualTo("/v1/refunds")), 200, StripeJson.REFUND);

        Map<String, Object> output = stripe.tool("stripe.refunds.create").invoke(FakeStripe.call("stripe.refunds.create",
                Map.of("payment_intent", "pi_3MtwBwLkdIwHu7ix28a3tqPa", "amount", 1000)));

        assertThat(output).containsExactlyInAnyOrderEntriesOf(Map.of(
                "id", "re_3MtwBwLkdIwHu7ix0ZlTl5aZ", "status", "succeeded", "amount", 1000L, "currency", "usd"));
        LoggedRequest request = stripe.onlyRequest();
        assertThat(request.getHeader("Idempotency-Key")).isEqualTo("rig-corr-1");
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + FakeStripe.KEY);
        assertThat(FakeStripe.form(request)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "payment_intent", "pi_3MtwBwLkdIwHu7ix28a3tqPa", "amount", "1000"));
    }

    @Test
    void refundsAllOfAChargeWhenNoAmountIsGivenAndToleratesANullStatus() throws Exception {
        stripe.stub(post(urlEqualTo("/v1/refunds")), 200, """
                {"id": "re_2", "object": "refund", "amount": 4200, "currency": "eur", "charge": "ch_1", "status": null}""");

        Map<String, Object> output = stripe.tool("stripe.refunds.create")
                .invoke(FakeStripe.call("stripe.refunds.create", Map.of("charge", "ch_1")));

        assertThat(FakeStripe.form(stripe.onlyRequest())).containsExactlyEntriesOf(Map.of("charge", "ch_1"));
        Map<String, Object> expected = new HashMap<>(Map.of("id", "re_2", "amount", 4200L, "currency", "eur"));
        expected.put("status", null);
        assertThat(output).containsExactlyInAnyOrderEntriesOf(expected);
    }

    @Test
    void subscribesACustomerAndReadsThePeriodEndFromTheItem() throws Exception {
        stripe.stub(post(urlEqualTo("/v1/subscriptions")), 200, StripeJson.SUBSCRIPTION);

        Map<String, Object> output = stripe.tool("stripe.subscriptions.create").invoke(FakeStripe.call(
                "stripe.subscriptions.create", Map.of("customer_id", "cus_NffrFeUfNV2Hib",
                        "price_id", "price_1MowQULkdIwHu7ixraBm864M", "trial_days", 14)));

        assertThat(output).containsExactlyInAnyOrderEntriesOf(Map.of(
                "id", SUB, "status", "trialing", "current_period_end", 1681344000L));
        LoggedRequest request = stripe.onlyRequest();
        assertThat(request.getHeader("Idempotency-Key")).isEqualTo("rig-corr-1");
        assertThat(FakeStripe.form(request)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "customer", "cus_NffrFeUfNV2Hib", "items[0][price]", "price_1MowQULkdIwHu7ixraBm864M",
                "trial_period_days", "14"));
    }

    @Test
    void answersANullPeriodEndWhenStripeGivesNone() throws Exception {
        stripe.stub(post(urlEqualTo("/v1/subscriptions")), 200, """
                {"id": "sub_2", "object": "subscription", "status": "incomplete",
                 "items": {"object": "list", "data": [], "has_more": false, "url": "/v1/subscription_items"}}""");

        Map<String, Object> output = stripe.tool("stripe.subscriptions.create").invoke(FakeStripe.call(
                "stripe.subscriptions.create", Map.of("customer_id", "cus_NffrFeUfNV2Hib", "price_id", "price_1")));

        assertThat(FakeStripe.form(stripe.onlyRequest())).doesNotContainKey("trial_period_days");
        assertThat(output).containsEntry("status", "incomplete").containsEntry("current_period_end", null);
    }

    @Test
    void cancelsASubscriptionWithADelete() throws Exception {
        stripe.stub(delete(urlEqualTo("/v1/subscriptions/" + SUB)), 200, StripeJson.CANCELED_SUBSCRIPTION);

        Map<String, Object> output = stripe.tool("stripe.subscriptions.cancel")
                .invoke(FakeStripe.call("stripe.subscriptions.cancel", Map.of("subscription_id", SUB)));

        assertThat(output).containsExactlyInAnyOrderEntriesOf(Map.of("id", SUB, "status", "canceled"));
        LoggedRequest request = stripe.onlyRequest();
        assertThat(request.getMethod().getName()).isEqualTo("DELETE");
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + FakeStripe.KEY);
        assertThat(request.getHeader("Idempotency-Key")).isEqualTo("rig-corr-1");
        assertThat(request.getBodyAsString()).isEmpty();
    }

    @Test
    void answersTheCanceledStateWhenTheSubscriptionWasAlreadyCanceled() throws Exception {
        stripe.stub(delete(urlEqualTo("/v1/subscriptions/" + SUB)), 404, StripeJson.error("invalid_request_error",
                "resource_missing", "id", "No such subscription: '" + SUB + "'"));
        stripe.stub(get(urlEqualTo("/v1/subscriptions/" + SUB)), 200, StripeJson.CANCELED_SUBSCRIPTION);

        Map<String, Object> output = stripe.tool("stripe.subscriptions.cancel")
                .invoke(FakeStripe.call("stripe.subscriptions.cancel", Map.of("subscription_id", SUB)));

        assertThat(output).containsExactlyInAnyOrderEntriesOf(Map.of("id", SUB, "status", "canceled"));
        assertThat(stripe.requests()).extracting(request -> request.getMethod().getName()).containsExactly("DELETE", "GET");
        assertThat(stripe.requests().get(1).containsHeader("Idempotency-Key")).isFalse();
    }

    @Test
    void reportsAMissingSubscriptionAsNotFoundNamingTheArgument() {
        stripe.stub(delete(urlEqualTo("/v1/subscriptions/sub_missing")), 404, StripeJson.error("invalid_request_error",
                "resource_missing", "id", "No such subscription: 'sub_missing'"));
        stripe.stub(get(urlEqualTo("/v1/subscriptions/sub_missing")), 404, StripeJson.error("invalid_request_error",
                "resource_missing", "id", "No such subscription: 'sub_missing'"));
        var tool = stripe.tool("stripe.subscriptions.cancel");

        assertThatThrownBy(() -> tool.invoke(FakeStripe.call("stripe.subscriptions.cancel",
                Map.of("subscription_id", "sub_missing"))))
                .isInstanceOfSatisfying(ToolException.class, e -> {
                    assertThat(e.type()).isEqualTo(ErrorType.NOT_FOUND);
                    assertThat(e.upstreamCode()).isEqualTo("resource_missing");
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.hints()).anySatisfy(hint -> assertThat(hint).startsWith("check args.subscription_id"));
                })
                .hasMessage("Stripe could not cancel the subscription (args.subscription_id): No such subscription: 'sub_missing'");
    }

    @Test
    void doesNotPassOffAnActiveSubscriptionAsCanceled() {
        stripe.stub(delete(urlEqualTo("/v1/subscriptions/" + SUB)), 404, StripeJson.error("invalid_request_error",
                "resource_missing", "id", "No such subscription: '" + SUB + "'"));
        stripe.stub(get(urlEqualTo("/v1/subscriptions/" + SUB)), 200, StripeJson.SUBSCRIPTION);
        var tool = stripe.tool("stripe.subscriptions.cancel");

        assertThatThrownBy(() -> tool.invoke(FakeStripe.call("stripe.subscriptions.cancel", Map.of("subscription_id", SUB))))
                .isInstanceOfSatisfying(ToolException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.NOT_FOUND));
    }
}
