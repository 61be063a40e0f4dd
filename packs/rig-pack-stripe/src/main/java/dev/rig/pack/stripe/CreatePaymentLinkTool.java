package dev.rig.pack.stripe;

import com.stripe.model.PaymentLink;
import com.stripe.param.PaymentLinkCreateParams;
import dev.rig.spi.RiskClass;
import dev.rig.spi.Tool;
import dev.rig.spi.ToolCall;
import dev.rig.spi.ToolDef;
import dev.rig.spi.ToolException;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code stripe.payment_links.create}: POST /v1/payment_links. */
final class CreatePaymentLinkTool implements Tool {

    private static final ToolDef DEFINITION = ToolDef.builder("stripe.payment_links.create")
            .description("Creates a shareable payment page (a URL on buy.stripe.com) selling the given prices;"
                    + " anyone with the URL can pay until the link is deactivated.")
            .risk(RiskClass.MONEY)
            .idempotent(true)
            .authSlots(StripeApi.API_KEY)
            .tags("stripe", "payments")
            .inputSchema("""
                    {"type": "object",
                     "properties": {
                       "line_items": {"type": "array", "minItems": 1, "maxItems": 20, "items": {
                         "type": "object",
                         "properties": {
                           "price": {"type": "string", "minLength": 1, "maxLength": 255,
                                     "description": "A price id (price_...)."},
                           "quantity": {"type": "integer", "minimum": 1, "maximum": 999999, "default": 1}},
                         "required": ["price"],
                         "additionalProperties": false}},
                       "metadata": %s},
                     "required": ["line_items"],
                     "additionalProperties": false}""".formatted(Schemas.METADATA))
            .outputSchema("""
                    {"type": "object",
                     "properties": {
                       "id": {"type": "string", "description": "The payment link's id (plink_...)."},
                       "url": {"type": "string", "description": "The page customers pay on."},
                       "active": {"type": "boolean"}},
                     "required": ["id", "url", "active"],
                     "additionalProperties": false}""")
            .example("one-price", "A link selling one unit of a price.", """
                    {"line_items": [{"price": "price_1MoC3TLkdIwHu7ixcIbKelAC", "quantity": 1}]}""", """
                    {"id": "plink_1MoC3ULkdIwHu7ixZjtGpVl2", "url": "https://buy.stripe.com/test_cN25nr0iZ7bUa7meUY",
                     "active": true}""")
            .build();

    private static final Operation OPERATION = new Operation("create the payment link",
            Map.of("line_items", "line_items", "metadata", "metadata"));

    private final StripeApi api;

    CreatePaymentLinkTool(StripeApi api) {
        this.api = api;
    }

    @Override
    public ToolDef definition() {
        return DEFINITION;
    }

    @Override
    public Map<String, Object> invoke(ToolCall call) throws ToolException, InterruptedException {
        PaymentLinkCreateParams.Builder params = PaymentLinkCreateParams.builder();
        for (Map<?, ?> item : Args.objects(call, "line_items")) {
            params.addLineItem(PaymentLinkCreateParams.LineItem.builder()
                    .setPrice(String.valueOf(item.get("price")))
                    .setQuantity(Args.integer(item, "quantity", 1))
                    .build());
        }
        Map<String, String> metadata = Args.strings(call, "metadata");
        if (!metadata.isEmpty()) {
            params.putAllMetadata(metadata);
        }
        PaymentLink link = api.write(call, OPERATION,
                (client, options) -> client.v1().paymentLinks().create(params.build(), options));
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("id", link.getId());
        output.put("url", link.getUrl());
        output.put("active", link.getActive());
        return output;
    }
}
