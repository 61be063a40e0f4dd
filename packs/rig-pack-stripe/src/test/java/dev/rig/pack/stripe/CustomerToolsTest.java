package dev.rig.pack.stripe;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.stripe.Stripe;
import dev.rig.spi.Secrets;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** stripe.customers.create and stripe.customers.search against a stub of Stripe: the exact request and the output. */
class CustomerToolsTest {

    private final FakeStripe stripe = new FakeStripe();

    @AfterEach
    void stop() {
        stripe.close();
    }

    @Test
    void createsACustomerWithAFormEncodedPostCarryingKeyVersionAndIdempotencyKey() throws Exception {
        stripe.stub(post(urlEqualTo("/v1/customers")), 200, StripeJson.CUSTOMER);

        Map<String, Object> output = stripe.tool("stripe.customers.create").invoke(FakeStripe.call("stripe.customers.create",
                Map.of("email", "jenny.rosen@example.com", "name", "Jenny Rosen", "phone", "+15555550123",
                        "metadata", Map.of("crm_id", "4711"))));

        assertThat(output).containsExactlyInAnyOrderEntriesOf(Map.of(
                "id", "cus_NffrFeUfNV2Hib", "email", "jenny.rosen@example.com", "name", "Jenny Rosen"));
        LoggedRequest request = stripe.onlyRequest();
        assertThat(request.getMethod().getName()).isEqualTo("POST");
        assertThat(request.getUrl()).isEqualTo("/v1/customers");
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + FakeStripe.KEY);
        assertThat(request.getHeader("Stripe-Version")).isEqualTo(Stripe.API_VERSION);
        assertThat(request.getHeader("Idempotency-Key")).isEqualTo("rig-corr-1");
        assertThat(request.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(request.getBodyAsString()).contains("email=jenny.rosen%40example.com");
        assertThat(FakeStripe.form(request)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "email", "jenny.rosen@example.com", "name", "Jenny Rosen", "phone", "+15555550123",
                "metadata[crm_id]", "4711"));
    }

    @Test
    void sendsOnlyTheFieldsGiven() throws Exception {
        stripe.stub(post(urlEqualTo("/v1/customers")), 200, """
                {"id": "cus_Q1", "object": "customer", "email": "a@example.com", "name": null, "metadata": {}}""");

        Map<String, Object> output = stripe.tool("stripe.customers.create")
                .invoke(FakeStripe.call("stripe.customers.create", Map.of("email", "a@example.com")));

        assertThat(FakeStripe.form(stripe.onlyRequest())).containsExactlyInAnyOrderEntriesOf(Map.of("email", "a@example.com"));
        assertThat(output).containsEntry("id", "cus_Q1").containsEntry("name", null);
    }

    @Test
    void usesEachCallsOwnKeyAndNeverTheSdksGlobalOne() throws Exception {
        stripe.stub(post(urlEqualTo("/v1/customers")), 200, StripeJson.CUSTOMER);
        var tool = stripe.tool("stripe.customers.create");

        tool.invoke(FakeStripe.call("stripe.customers.create", Map.of("email", "a@example.com"),
                Secrets.of(Map.of("STRIPE_API_KEY", "sk_test_tenantA")), Instant.now().plusSeconds(30)));
        tool.invoke(FakeStripe.call("stripe.customers.create", Map.of("email", "a@example.com"),
                Secrets.of(Map.of("STRIPE_API_KEY", "rk_test_tenantB")), Instant.now().plusSeconds(30)));

        assertThat(stripe.requests()).extracting(request -> request.getHeader("Authorization"))
                .containsExactly("Bearer sk_test_tenantA", "Bearer rk_test_tenantB");
        assertThat(Stripe.apiKey).isNull();
        assertThat(Stripe.getApiBase()).isEqualTo(Stripe.LIVE_API_BASE);
    }

    @Test
    void searchesWithAGetCarryingNoIdempotencyKey() throws Exception {
        stripe.stub(get(urlPathEqualTo("/v1/customers/search")), 200, StripeJson.CUSTOMER_SEARCH);

        Map<String, Object> output = stripe.tool("stripe.customers.search").invoke(FakeStripe.call("stripe.customers.search",
                Map.of("query", "email:'jenny.rosen@example.com'")));

        assertThat(output).containsExactlyEntriesOf(orderedOutput(List.of(Map.of(
                "id", "cus_NffrFeUfNV2Hib", "email", "jenny.rosen@example.com", "name", "Jenny Rosen")), false, null));
        LoggedRequest request = stripe.onlyRequest();
        assertThat(request.getMethod().getName()).isEqualTo("GET");
        assertThat(request.queryParameter("query").values()).containsExactly("email:'jenny.rosen@example.com'");
        assertThat(request.queryParameter("limit").values()).containsExactly("10");
        assertThat(request.getQueryParams()).containsOnlyKeys("query", "limit");
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + FakeStripe.KEY);
        assertThat(request.getHeader("Stripe-Version")).isEqualTo(Stripe.API_VERSION);
        assertThat(request.containsHeader("Idempotency-Key")).isFalse();
    }

    @Test
    void pagesThroughResultsAndKeepsCustomersWithoutEmailOrName() throws Exception {
        stripe.stub(get(urlPathEqualTo("/v1/customers/search")), 200, """
                {"object": "search_result", "url": "/v1/customers/search", "has_more": true,
                 "next_page": "WzE2ODA4OTM5OTNd", "data": [
                   {"id": "cus_A", "object": "customer", "email": null, "name": null, "metadata": {"crm_id": "4711"}}]}""");

        Map<String, Object> output = stripe.tool("stripe.customers.search").invoke(FakeStripe.call("stripe.customers.search",
                Map.of("query", "metadata['crm_id']:'4711'", "limit", 1, "page", "WzE2ODA4OTM5OTJd")));

        Map<String, Object> anonymous = new HashMap<>();
        anonymous.put("id", "cus_A");
        anonymous.put("email", null);
        anonymous.put("name", null);
        assertThat(output).containsExactlyEntriesOf(orderedOutput(List.of(anonymous), true, "WzE2ODA4OTM5OTNd"));
        LoggedRequest request = stripe.onlyRequest();
        assertThat(request.queryParameter("limit").values()).containsExactly("1");
        assertThat(request.queryParameter("page").values()).containsExactly("WzE2ODA4OTM5OTJd");
    }

    private static Map<String, Object> orderedOutput(List<Map<String, Object>> customers, boolean hasMore, String nextPage) {
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("customers", customers);
        output.put("has_more", hasMore);
        output.put("next_page", nextPage);
        return output;
    }
}
