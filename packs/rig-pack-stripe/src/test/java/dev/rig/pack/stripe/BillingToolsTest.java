package dev.rig.pack.stripe;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.rig.spi.ErrorType;
import dev.rig.spi.ToolException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** stripe.invoices.create and stripe.invoice_items.create against a stub of Stripe. */
class BillingToolsTest {

    private final FakeStripe stripe = new FakeStripe();

    @AfterEach
    void stop() {
        stripe.close();
    }

    @Test
    void createsADraftInvoiceToBeSent() throws Exception {
        stripe.stub(post(urlEqualTo("/v1/invoices")), 200, StripeJson.INVOICE);

        Map<String, Object> output = stripe.tool("stripe.invoices.create").invoke(FakeStripe.call("stripe.invoices.create",
                Map.of("customer_id", "cus_NffrFeUfNV2Hib", "collection_method", "send_invoice", "days_until_due", 30)));

        assertThat(output).containsExactlyInAnyOrderEntriesOf(Map.of(
                "id", "in_1MtHbELkdIwHu7ixl4OzzPMv", "status", "draft", "total", 0L, "currency", "usd"));
        LoggedRequest request = stripe.onlyRequest();
        assertThat(request.getHeader("Idempotency-Key")).isEqualTo("rig-corr-1");
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + FakeStripe.KEY);
        assertThat(FakeStripe.form(request)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "customer", "cus_NffrFeUfNV2Hib", "collection_method", "send_invoice", "days_until_due", "30"));
    }

    @Test
    void leavesTheCollectionMethodToStripeWhenNotGiven() throws Exception {
        stripe.stub(post(urlEqualTo("/v1/invoices")), 200, """
                {"id": "in_2", "object": "invoice", "status": null, "total": 0, "currency": "eur"}""");

        Map<String, Object> output = stripe.tool("stripe.invoices.create")
                .invoke(FakeStripe.call("stripe.invoices.create", Map.of("customer_id", "cus_NffrFeUfNV2Hib")));

        assertThat(FakeStripe.form(stripe.onlyRequest())).containsExactlyEntriesOf(Map.of("customer", "cus_NffrFeUfNV2Hib"));
        assertThat(output).containsEntry("status", null).containsEntry("currency", "eur");
    }

    @Test
    void refusesDaysUntilDueWithoutSendInvoiceBeforeAskingStripe() {
        var tool = stripe.tool("stripe.invoices.create");

        assertThatThrownBy(() -> tool.invoke(FakeStripe.call("stripe.invoices.create",
                Map.of("customer_id", "cus_NffrFeUfNV2Hib", "days_until_due", 30))))
                .isInstanceOfSatisfying(ToolException.class,
                        e -> assertThat(e.type()).isEqualTo(ErrorType.VALIDATION_ERROR))
                .hasMessageStartingWith("args.days_until_due:");
        assertThatThrownBy(() -> tool.invoke(FakeStripe.call("stripe.invoices.create",
                Map.of("customer_id", "cus_NffrFeUfNV2Hib", "collection_method", "send_invoice"))))
                .isInstanceOfSatisfying(ToolException.class,
                        e -> assertThat(e.type()).isEqualTo(ErrorType.VALIDATION_ERROR))
                .hasMessageStartingWith("args.days_until_due: is required");
        assertThat(stripe.requests()).isEmpty();
    }

    @Test
    void addsAnInvoiceItemToADraftInvoice() throws Exception {
        stripe.stub(post(urlEqualTo("/v1/invoiceitems")), 200, StripeJson.INVOICE_ITEM);

        Map<String, Object> output = stripe.tool("stripe.invoice_items.create").invoke(FakeStripe.call(
                "stripe.invoice_items.create", Map.of("customer_id", "cus_NffrFeUfNV2Hib", "amount", 2500,
                        "currency", "USD", "description", "Setup fee", "invoice_id", "in_1MtHbELkdIwHu7ixl4OzzPMv")));

        assertThat(output).containsExactlyInAnyOrderEntriesOf(Map.of(
                "id", "ii_1MtGUtLkdIwHu7ixBYwjAM00", "amount", 2500L, "currency", "usd"));
        LoggedRequest request = stripe.onlyRequest();
        assertThat(request.getHeader("Idempotency-Key")).isEqualTo("rig-corr-1");
        assertThat(request.getBodyAsString()).contains("description=Setup+fee");
        assertThat(FakeStripe.form(request)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "customer", "cus_NffrFeUfNV2Hib", "amount", "2500", "currency", "usd",
                "description", "Setup fee", "invoice", "in_1MtHbELkdIwHu7ixl4OzzPMv"));
    }

    @Test
    void chargesInUsdUnlessToldOtherwiseAndAcceptsCredits() throws Exception {
        stripe.stub(post(urlEqualTo("/v1/invoiceitems")), 200, """
                {"id": "ii_credit", "object": "invoiceitem", "amount": -500, "currency": "usd"}""");

        Map<String, Object> output = stripe.tool("stripe.invoice_items.create").invoke(FakeStripe.call(
                "stripe.invoice_items.create", Map.of("customer_id", "cus_NffrFeUfNV2Hib", "amount", -500)));

        assertThat(FakeStripe.form(stripe.onlyRequest())).containsExactlyInAnyOrderEntriesOf(Map.of(
                "customer", "cus_NffrFeUfNV2Hib", "amount", "-500", "currency", "usd"));
        assertThat(output).containsEntry("amount", -500L);
    }
}
