package dev.rig.pack.stripe;

import com.stripe.model.InvoiceItem;
import com.stripe.param.InvoiceItemCreateParams;
import dev.rig.spi.RiskClass;
import dev.rig.spi.Tool;
import dev.rig.spi.ToolCall;
import dev.rig.spi.ToolDef;
import dev.rig.spi.ToolException;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code stripe.invoice_items.create}: POST /v1/invoiceitems. */
final class CreateInvoiceItemTool implements Tool {

    private static final ToolDef DEFINITION = ToolDef.builder("stripe.invoice_items.create")
            .description("Adds a line of a fixed amount to a customer's draft invoice (invoice_id), or, without"
                    + " invoice_id, to the customer's next invoice. The amount is " + Schemas.AMOUNT_NOTE
                    + "; a negative amount is a credit.")
            .risk(RiskClass.MONEY)
            .idempotent(true)
            .authSlots(StripeApi.API_KEY)
            .tags("stripe", "invoices")
            .inputSchema("""
                    {"type": "object",
                     "properties": {
                       "customer_id": %s,
                       "amount": {"type": "integer", "minimum": -999999999999, "maximum": 999999999999,
                                  "description": "Amount %s."},
                       "currency": %s,
                       "description": {"type": "string", "minLength": 1, "maxLength": 500,
                                       "description": "The line's text on the invoice."},
                       "invoice_id": {"type": "string", "pattern": "^in_[A-Za-z0-9]+$", "maxLength": 255,
                                      "description": "A draft invoice of the same customer (in_...)."}},
                     "required": ["customer_id", "amount"],
                     "additionalProperties": false}""".formatted(Schemas.CUSTOMER_ID, Schemas.AMOUNT_NOTE, Schemas.CURRENCY))
            .outputSchema("""
                    {"type": "object",
                     "properties": {
                       "id": {"type": "string", "description": "The invoice item's id (ii_...)."},
                       "amount": {"type": "integer"},
                       "currency": {"type": "string"}},
                     "required": ["id", "amount", "currency"],
                     "additionalProperties": false}""")
            .example("setup-fee", "A $25.00 setup fee on a draft invoice.", """
                    {"customer_id": "cus_NffrFeUfNV2Hib", "amount": 2500, "currency": "usd",
                     "description": "Setup fee", "invoice_id": "in_1MtHbELkdIwHu7ixl4OzzPMv"}""", """
                    {"id": "ii_1MtGUtLkdIwHu7ixBYwjAM00", "amount": 2500, "currency": "usd"}""")
            .build();

    private static final Operation OPERATION = new Operation("create the invoice item",
            Map.of("customer", "customer_id", "amount", "amount", "currency", "currency", "description", "description",
                    "invoice", "invoice_id"));

    private final StripeApi api;

    CreateInvoiceItemTool(StripeApi api) {
        this.api = api;
    }

    @Override
    public ToolDef definition() {
        return DEFINITION;
    }

    @Override
    public Map<String, Object> invoke(ToolCall call) throws ToolException, InterruptedException {
        InvoiceItemCreateParams params = InvoiceItemCreateParams.builder()
                .setCustomer(call.string("customer_id"))
                .setAmount(Args.integer(call, "amount"))
                .setCurrency(Args.currency(call, "currency", "usd"))
                .setDescription(call.string("description"))
                .setInvoice(call.string("invoice_id"))
                .build();
        InvoiceItem item = api.write(call, OPERATION,
                (client, options) -> client.v1().invoiceItems().create(params, options));
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("id", item.getId());
        output.put("amount", item.getAmount());
        output.put("currency", item.getCurrency());
        return output;
    }
}
