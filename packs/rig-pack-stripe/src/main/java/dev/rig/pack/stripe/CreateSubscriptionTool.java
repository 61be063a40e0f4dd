package dev.rig.pack.stripe;

import com.stripe.model.Subscription;
import com.stripe.model.SubscriptionItem;
import com.stripe.param.SubscriptionCreateParams;
import dev.rig.spi.RiskClass;
import dev.rig.spi.Tool;
import dev.rig.spi.ToolCall;
import dev.rig.spi.ToolDef;
import dev.rig.spi.ToolException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** {@code stripe.subscriptions.create}: POST /v1/subscriptions. */
final class CreateSubscriptionTool implements Tool {

    private static final ToolDef DEFINITION = ToolDef.builder("stripe.subscriptions.create")
            .description("Subscribes a customer to a recurring price, optionally after a free trial of trial_days"
                    + " days. Without a trial the first invoice is charged at once; status is then active, or"
                    + " incomplete while the payment needs action. current_period_end is a Unix time in seconds.")
            .risk(RiskClass.MONEY)
            .idempotent(true)
            .authSlots(StripeApi.API_KEY)
            .tags("stripe", "subscriptions")
            .inputSchema("""
                    {"type": "object",
                     "properties": {
                       "customer_id": %s,
                       "price_id": {"type": "string", "minLength": 1, "maxLength": 255,
                                    "description": "A recurring price (price_...)."},
                       "trial_days": {"type": "integer", "minimum": 1, "maximum": 730,
                                      "description": "Days of free trial before the first charge."}},
                     "required": ["customer_id", "price_id"],
                     "additionalProperties": false}""".formatted(Schemas.CUSTOMER_ID))
            .outputSchema("""
                    {"type": "object",
                     "properties": {
                       "id": {"type": "string", "description": "The subscription's id (sub_...)."},
                       "status": {"type": "string",
                                  "description": "incomplete, trialing, active, past_due, unpaid, canceled..."},
                       "current_period_end": {"type": ["integer", "null"],
                                              "description": "End of the current period, Unix seconds; null if Stripe gives none."}},
                     "required": ["id", "status", "current_period_end"],
                     "additionalProperties": false}""")
            .example("with-trial", "A monthly plan with a 14-day trial.", """
                    {"customer_id": "cus_NffrFeUfNV2Hib", "price_id": "price_1MowQULkdIwHu7ixraBm864M", "trial_days": 14}""", """
                    {"id": "sub_1MowQVLkdIwHu7ixeRlqHVzs", "status": "trialing", "current_period_end": 1681344000}""")
            .build();

    private static final Operation OPERATION = new Operation("create the subscription",
            Map.of("customer", "customer_id", "items", "price_id", "trial_period_days", "trial_days"));

    private final StripeApi api;

    CreateSubscriptionTool(StripeApi api) {
        this.api = api;
    }

    @Override
    public ToolDef definition() {
        return DEFINITION;
    }

    @Override
    public Map<String, Object> invoke(ToolCall call) throws ToolException, InterruptedException {
        SubscriptionCreateParams params = SubscriptionCreateParams.builder()
                .setCustomer(call.string("customer_id"))
                .addItem(SubscriptionCreateParams.Item.builder().setPrice(call.string("price_id")).build())
                .setTrialPeriodDays(Args.integer(call, "trial_days"))
                .build();
        Subscription subscription = api.write(call, OPERATION,
                (client, options) -> client.v1().subscriptions().create(params, options));
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("id", subscription.getId());
        output.put("status", subscription.getStatus());
        output.put("current_period_end", currentPeriodEnd(subscription));
        return output;
    }

    /**
     * The end of the current period. Since API version 2025-03-31 Stripe reports it per subscription
     * item, not on the subscription: the subscription has one item here, so it is that item's.
     */
    static Long currentPeriodEnd(Subscription subscription) {
        if (subscription.getItems() == null) {
            return null;
        }
        List<SubscriptionItem> items = subscription.getItems().getData();
        return items == null ? null
                : items.stream().map(SubscriptionItem::getCurrentPeriodEnd).filter(Objects::nonNull).findFirst().orElse(null);
    }
}
