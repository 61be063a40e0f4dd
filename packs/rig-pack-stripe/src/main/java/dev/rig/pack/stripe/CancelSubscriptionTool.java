package dev.rig.pack.stripe;

import com.stripe.model.Subscription;
import dev.rig.spi.ErrorType;
import dev.rig.spi.RiskClass;
import dev.rig.spi.Tool;
import dev.rig.spi.ToolCall;
import dev.rig.spi.ToolDef;
import dev.rig.spi.ToolException;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code stripe.subscriptions.cancel}: DELETE /v1/subscriptions/{id}. */
final class CancelSubscriptionTool implements Tool {

    private static final ToolDef DEFINITION = ToolDef.builder("stripe.subscriptions.cancel")
            .description("Cancels a subscription at once: the customer is not charged again, and a canceled"
                    + " subscription cannot be resumed (create a new one instead). Idempotent: cancelling a"
                    + " subscription that is already canceled answers its canceled state.")
            .risk(RiskClass.MONEY)
            .idempotent(true)
            .authSlots(StripeApi.API_KEY)
            .tags("stripe", "subscriptions")
            .inputSchema("""
                    {"type": "object",
                     "properties": {
                       "subscription_id": {"type": "string", "pattern": "^sub_[A-Za-z0-9]+$", "maxLength": 255,
                                           "description": "The subscription's id (sub_...)."}},
                     "required": ["subscription_id"],
                     "additionalProperties": false}""")
            .outputSchema("""
                    {"type": "object",
                     "properties": {
                       "id": {"type": "string"},
                       "status": {"type": "string", "description": "canceled once done."}},
                     "required": ["id", "status"],
                     "additionalProperties": false}""")
            .example("cancel", "Cancel a subscription now.", """
                    {"subscription_id": "sub_1MowQVLkdIwHu7ixeRlqHVzs"}""", """
                    {"id": "sub_1MowQVLkdIwHu7ixeRlqHVzs", "status": "canceled"}""")
            .build();

    private static final Operation OPERATION = new Operation("cancel the subscription",
            Map.of("id", "subscription_id", "subscription", "subscription_id", "subscription_exposed_id", "subscription_id"));

    private static final Operation LOOKUP = new Operation("look up the subscription", Map.of("id", "subscription_id"));

    private final StripeApi api;

    CancelSubscriptionTool(StripeApi api) {
        this.api = api;
    }

    @Override
    public ToolDef definition() {
        return DEFINITION;
    }

    @Override
    public Map<String, Object> invoke(ToolCall call) throws ToolException, InterruptedException {
        String id = call.string("subscription_id");
        Subscription subscription;
        try {
            subscription = api.write(call, OPERATION, (client, options) -> client.v1().subscriptions().cancel(id, options));
        } catch (ToolException e) {
            subscription = alreadyCanceled(call, id, e);
        }
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("id", subscription.getId());
        output.put("status", subscription.getStatus());
        return output;
    }

    /**
     * Stripe answers "No such subscription" to cancelling a subscription that is already canceled (by an
     * earlier attempt of this call, say), yet still shows it: look it up, and answer it if it is canceled.
     */
    private Subscription alreadyCanceled(ToolCall call, String id, ToolException failure)
            throws ToolException, InterruptedException {
        if (failure.type() != ErrorType.NOT_FOUND) {
            throw failure;
        }
        Subscription subscription;
        try {
            subscription = api.read(call, LOOKUP, (client, options) -> client.v1().subscriptions().retrieve(id, options));
        } catch (ToolException lookupFailed) {
            failure.addSuppressed(lookupFailed);
            throw failure;
        }
        if (!"canceled".equals(subscription.getStatus())) {
            throw failure;
        }
        return subscription;
    }
}
