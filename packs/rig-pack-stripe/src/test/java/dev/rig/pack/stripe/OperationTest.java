package dev.rig.pack.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Stripe's error {@code param} named as the tool's own argument. */
class OperationTest {

    private final Operation operation = new Operation("do it", Map.of(
            "customer", "customer_id", "line_items", "line_items", "metadata", "metadata",
            "items", "price_id", "trial_period_days", "trial_days"));

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
            "customer, customer_id",
            "trial_period_days, trial_days",
            "line_items[0][price], line_items[0].price",
            "line_items[12][quantity], line_items[12].quantity",
            "metadata[crm_id], metadata.crm_id",
            "items[0][price], price_id",
            "payment_behavior, -",
            "'', -",
            "-, -"})
    void namesTheArgumentBehindAStripeParameter(String param, String arg) {
        assertThat(operation.argFor(param)).isEqualTo(arg);
    }
}
