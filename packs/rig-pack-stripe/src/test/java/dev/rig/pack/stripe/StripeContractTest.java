package dev.rig.pack.stripe;

import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import dev.rig.testkit.PackContract;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stripe pack keeps the pack contract (testkit); every example runs against a stub of Stripe and
 * must return exactly its documented output.
 */
class StripeContractTest {

    private final FakeStripe stripe = new FakeStripe();

    @AfterEach
    void stop() {
        stripe.close();
    }

    @TestFactory
    Stream<DynamicTest> contract(@TempDir Path dir) {
        stripe.stub(post(urlEqualTo("/v1/customers")), 200, StripeJson.CUSTOMER);
        stripe.stub(get(urlPathEqualTo("/v1/customers/search")), 200, StripeJson.CUSTOMER_SEARCH);
        stripe.stub(post(urlEqualTo("/v1/invoices")), 200, StripeJson.INVOICE);
        stripe.stub(post(urlEqualTo("/v1/invoiceitems")), 200, StripeJson.INVOICE_ITEM);
        stripe.stub(post(urlEqualTo("/v1/payment_links")), 200, StripeJson.PAYMENT_LINK);
        stripe.stub(post(urlEqualTo("/v1/refunds")), 200, StripeJson.REFUND);
        stripe.stub(post(urlEqualTo("/v1/subscriptions")), 200, StripeJson.SUBSCRIPTION);
        stripe.stub(delete(urlEqualTo("/v1/subscriptions/sub_1MowQVLkdIwHu7ixeRlqHVzs")), 200,
                StripeJson.CANCELED_SUBSCRIPTION);
        return PackContract.of(new StripePack())
                .settings(Map.of("base_url", stripe.baseUrl()))
                .secrets(Map.of("STRIPE_API_KEY", FakeStripe.KEY))
                .workingDirectory(dir)
                .tests();
    }
}
