package dev.rig.pack.stripe;

import com.stripe.model.Invoice;
import com.stripe.param.InvoiceCreateParams;
import dev.rig.spi.ErrorType;
import dev.rig.spi.RiskClass;
import dev.rig.spi.Tool;
import dev.rig.spi.ToolCall;
import dev.rig.spi.ToolDef;
import dev.rig.spi.ToolException;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code stripe.invoices.create}: POST /v1/invoices. */
final class CreateInvoiceTool implements Tool {

    private static final ToolDef DEFINITION = ToolDef.builder("stripe.invoices.create")
            .description("Creates a draft invoice for a customer. Add lines with stripe.invoice_items.create"
                    + " (invoice_id = the id returned here); Stripe finalizes the draft about an hour later and then"
                    + " charges the default payment method (collection_method charge_automatically, the default) or"
                    + " emails the invoice, due days_until_due days later (send_invoice).")
            .risk(RiskClass.MONEY)
            .idempotent(true)
            .authSlots(StripeApi.API_KEY)
            .tags("stripe", "invoices")
            .inputSchema("""
                    {"type": "object",
                     "properties": {
                       "customer_id": %s,
                       "collection_method": {"type": "string", "enum": ["charge_automatically", "send_invoice"],
                                             "default": "charge_automatically"},
                       "days_until_due": {"type": "integer", "minimum": 0,
                                          "description": "Required with send_invoice, not allowed otherwise."}},
                     "required": ["customer_id"],
                     "additionalProperties": false}""".formatted(Schemas.CUSTOMER_ID))
            .outputSchema("""
                    {"type": "object",
                     "properties": {
                       "id": {"type": "string", "description": "The invoice's id (in_...)."},
                       "status": {"type": ["string", "null"], "description": "draft, open, paid, uncollectible or void."},
                       "total": {"type": "integer", "description": "Total in the currency's smallest unit."},
                       "currency": {"type": "string"}},
                     "required": ["id", "status", "total", "currency"],
                     "additionalProperties": false}""")
            .example("send-invoice", "A draft invoice emailed to the customer, due in 30 days.", """
                    {"customer_id": "cus_NffrFeUfNV2Hib", "collection_method": "send_invoice", "days_until_due": 30}""", """
                    {"id": "in_1MtHbELkdIwHu7ixl4OzzPMv", "status": "draft", "total": 0, "currency": "usd"}""")
            .build();

    private static final Operation OPERATION = new Operation("create the invoice",
            Map.of("customer", "customer_id", "collection_method", "collection_method", "days_until_due", "days_until_due"));

    private final StripeApi api;

    CreateInvoiceTool(StripeApi api) {
        this.api = api;
    }

    @Override
    public ToolDef definition() {
        return DEFINITION;
    }

    @Override
    public Map<String, Object> invoke(ToolCall call) throws ToolException, InterruptedException {
        String method = call.string("collection_method");
        Long daysUntilDue = Args.integer(call, "days_until_due");
        boolean sendInvoice = "send_invoice".equals(method);
        if (sendInvoice && daysUntilDue == null) {
            throw ToolException.builder(ErrorType.VALIDATION_ERROR,
                            "args.days_until_due: is required when collection_method is send_invoice")
                    .hint("give the number of days the customer has to pay, such as 30")
                    .build();
        }
        if (!sendInvoice && daysUntilDue != null) {
            throw ToolException.builder(ErrorType.VALIDATION_ERROR,
                            "args.days_until_due: is allowed only when collection_method is send_invoice")
                    .hint("drop days_until_due, or set collection_method to send_invoice")
                    .build();
        }
        InvoiceCreateParams.Builder params = InvoiceCreateParams.builder().setCustomer(call.string("customer_id"));
        if (method != null) {
            params.setCollectionMethod(sendInvoice ? InvoiceCreateParams.CollectionMethod.SEND_INVOICE
                    : InvoiceCreateParams.CollectionMethod.CHARGE_AUTOMATICALLY);
        }
        params.setDaysUntilDue(daysUntilDue);
        Invoice invoice = api.write(call, OPERATION,
                (client, options) -> client.v1().invoices().create(params.build(), options));
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("id", invoice.getId());
        output.put("status", invoice.getStatus());
        output.put("total", invoice.getTotal());
        output.put("currency", invoice.getCurrency());
        return output;
    }
}
