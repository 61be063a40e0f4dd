package dev.rig.pack.stripe;

import com.stripe.model.Refund;
import com.stripe.param.RefundCreateParams;
import dev.rig.spi.RiskClass;
import dev.rig.spi.Tool;
import dev.rig.spi.ToolCall;
import dev.rig.spi.ToolDef;
import dev.rig.spi.ToolException;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code stripe.refunds.create}: POST /v1/refunds. */
final class CreateRefundTool implements Tool {

    private static final ToolDef DEFINITION = ToolDef.builder("stripe.refunds.create")
            .description("Refunds a payment, named by exactly one of payment_intent (pi_...) or charge (ch_..., py_...):"
                    + " all of what is left to refund, or amount " + Schemas.AMOUNT_NOTE + ". Idempotent: a retried"
                    + " call never refunds twice.")
            .risk(RiskClass.MONEY)
            .idempotent(true)
            .authSlots(StripeApi.API_KEY)
            .tags("stripe", "payments")
            .inputSchema("""
                    {"type": "object",
                     "properties": {
                       "payment_intent": {"type": "string", "pattern": "^pi_[A-Za-z0-9]+$", "maxLength": 255},
                       "charge": {"type": "string", "pattern": "^(ch|py)_[A-Za-z0-9]+$", "maxLength": 255},
                       "amount": {"type": "integer", "minimum": 1, "maximum": 999999999999,
                                  "description": "Amount to refund %s; absent: all that is left."}},
                     "oneOf": [{"required": ["payment_intent"]}, {"required": ["charge"]}],
                     "additionalProperties": false}""".formatted(Schemas.AMOUNT_NOTE))
            .outputSchema("""
                    {"type": "object",
                     "properties": {
                       "id": {"type": "string", "description": "The refund's id (re_...)."},
                       "status": {"type": ["string", "null"],
                                  "description": "pending, requires_action, succeeded, failed or canceled."},
                       "amount": {"type": "integer"},
                       "currency": {"type": "string"}},
                     "required": ["id", "status", "amount", "currency"],
                     "additionalProperties": false}""")
            .example("partial", "Refund $10.00 of a payment.", """
                    {"payment_intent": "pi_3MtwBwLkdIwHu7ix28a3tqPa", "amount": 1000}""", """
                    {"id": "re_3MtwBwLkdIwHu7ix0ZlTl5aZ", "status": "succeeded", "amount": 1000, "currency": "usd"}""")
            .build();

    private static final Operation OPERATION = new Operation("create the refund",
            Map.of("payment_intent", "payment_intent", "charge", "charge", "amount", "amount"));

    private final StripeApi api;

    CreateRefundTool(StripeApi api) {
        this.api = api;
    }

    @Override
    public ToolDef definition() {
        return DEFINITION;
    }

    @Override
    public Map<String, Object> invoke(ToolCall call) throws ToolException, InterruptedException {
        RefundCreateParams params = RefundCreateParams.builder()
                .setPaymentIntent(call.string("payment_intent"))
                .setCharge(call.string("charge"))
                .setAmount(Args.integer(call, "amount"))
                .build();
        Refund refund = api.write(call, OPERATION, (client, options) -> client.v1().refunds().create(params, options));
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("id", refund.getId());
        output.put("status", refund.getStatus());
        output.put("amount", refund.getAmount());
        output.put("currency", refund.getCurrency());
        return output;
    }
}
