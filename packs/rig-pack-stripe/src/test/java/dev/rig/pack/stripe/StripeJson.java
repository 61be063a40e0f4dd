package dev.rig.pack.stripe;

/** Answers as api.stripe.com gives them (shortened objects of the documented shapes). */
final class StripeJson {

    private StripeJson() {
    }

    static final String CUSTOMER = """
            {"id": "cus_NffrFeUfNV2Hib", "object": "customer", "address": null, "balance": 0, "created": 1680893993,
             "currency": null, "default_source": null, "delinquent": false, "description": null,
             "email": "jenny.rosen@example.com", "invoice_prefix": "0759376C", "livemode": false,
             "metadata": {"crm_id": "4711"}, "name": "Jenny Rosen", "phone": null, "preferred_locales": [],
             "shipping": null, "tax_exempt": "none", "test_clock": null}""";

    static final String CUSTOMER_SEARCH = """
            {"object": "search_result", "url": "/v1/customers/search", "has_more": false, "next_page": null,
             "data": [%s]}""".formatted(CUSTOMER);

    static final String INVOICE = """
            {"id": "in_1MtHbELkdIwHu7ixl4OzzPMv", "object": "invoice", "amount_due": 0, "amount_paid": 0,
             "auto_advance": true, "collection_method": "send_invoice", "created": 1680644467, "currency": "usd",
             "customer": "cus_NffrFeUfNV2Hib", "customer_email": "jenny.rosen@example.com", "days_until_due": 30,
             "hosted_invoice_url": null, "livemode": false, "metadata": {}, "status": "draft", "subtotal": 0,
             "total": 0, "lines": {"object": "list", "data": [], "has_more": false,
             "url": "/v1/invoices/in_1MtHbELkdIwHu7ixl4OzzPMv/lines"}}""";

    static final String INVOICE_ITEM = """
            {"id": "ii_1MtGUtLkdIwHu7ixBYwjAM00", "object": "invoiceitem", "amount": 2500, "currency": "usd",
             "customer": "cus_NffrFeUfNV2Hib", "date": 1680640231, "description": "Setup fee", "discountable": true,
             "invoice": "in_1MtHbELkdIwHu7ixl4OzzPMv", "livemode": false, "metadata": {},
             "period": {"end": 1680640231, "start": 1680640231}, "proration": false, "quantity": 1}""";

    static final String PAYMENT_LINK = """
            {"id": "plink_1MoC3ULkdIwHu7ixZjtGpVl2", "object": "payment_link", "active": true,
             "allow_promotion_codes": false, "billing_address_collection": "auto", "currency": "usd",
             "livemode": false, "metadata": {}, "url": "https://buy.stripe.com/test_cN25nr0iZ7bUa7meUY"}""";

    static final String REFUND = """
            {"id": "re_3MtwBwLkdIwHu7ix0ZlTl5aZ", "object": "refund", "amount": 1000,
             "balance_transaction": "txn_3MtwBwLkdIwHu7ix0lEYpCwN", "charge": "ch_3MtwBwLkdIwHu7ix2D2zKDTb",
             "created": 1680651763, "currency": "usd", "metadata": {}, "payment_intent": "pi_3MtwBwLkdIwHu7ix28a3tqPa",
             "reason": null, "receipt_number": null, "source_transfer_reversal": null, "status": "succeeded",
             "transfer_reversal": null}""";

    static final String SUBSCRIPTION = """
            {"id": "sub_1MowQVLkdIwHu7ixeRlqHVzs", "object": "subscription", "billing_cycle_anchor": 1681344000,
             "cancel_at_period_end": false, "canceled_at": null, "collection_method": "charge_automatically",
             "created": 1680134400, "currency": "usd", "customer": "cus_NffrFeUfNV2Hib", "livemode": false,
             "metadata": {}, "status": "trialing", "trial_end": 1681344000, "trial_start": 1680134400,
             "items": {"object": "list", "has_more": false, "total_count": 1,
               "url": "/v1/subscription_items?subscription=sub_1MowQVLkdIwHu7ixeRlqHVzs",
               "data": [{"id": "si_NcLYdDxLHxlFo7", "object": "subscription_item", "created": 1680134401,
                 "current_period_end": 1681344000, "current_period_start": 1680134400, "metadata": {},
                 "quantity": 1, "subscription": "sub_1MowQVLkdIwHu7ixeRlqHVzs",
                 "price": {"id": "price_1MowQULkdIwHu7ixraBm864M", "object": "price", "active": true,
                   "currency": "usd", "type": "recurring", "unit_amount": 1000,
                   "recurring": {"interval": "month", "interval_count": 1, "usage_type": "licensed"}}}]}}""";

    static final String CANCELED_SUBSCRIPTION = """
            {"id": "sub_1MowQVLkdIwHu7ixeRlqHVzs", "object": "subscription", "canceled_at": 1680139000,
             "customer": "cus_NffrFeUfNV2Hib", "livemode": false, "metadata": {}, "status": "canceled",
             "items": {"object": "list", "has_more": false, "data": [],
               "url": "/v1/subscription_items?subscription=sub_1MowQVLkdIwHu7ixeRlqHVzs"}}""";

    /** A v1 error body: {@code {"error": {...}}} with the given fields (null ones left out). */
    static String error(String type, String code, String param, String message) {
        StringBuilder fields = new StringBuilder("\"type\": \"" + type + "\", \"message\": \"" + message + "\"");
        if (code != null) {
            fields.append(", \"code\": \"").append(code).append("\", \"doc_url\": \"https://stripe.com/docs/error-codes/")
                    .append(code.replace('_', '-')).append('"');
        }
        if (param != null) {
            fields.append(", \"param\": \"").append(param).append('"');
        }
        fields.append(", \"request_log_url\": \"https://dashboard.stripe.com/test/logs/req_fake123\"");
        return "{\"error\": {" + fields + "}}";
    }
}
