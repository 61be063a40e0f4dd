package dev.rig.pack.stripe;

/** JSON Schema fragments the Stripe tools share. */
final class Schemas {

    private Schemas() {
    }

    /** Stripe metadata: up to 50 keys of at most 40 characters, string values of at most 500. */
    static final String METADATA = """
            {"type": "object", "maxProperties": 50,
             "propertyNames": {"minLength": 1, "maxLength": 40},
             "additionalProperties": {"type": "string", "maxLength": 500},
             "description": "Key-value pairs stored on the Stripe object (up to 50 keys)."}""";

    /** A Stripe customer id. */
    static final String CUSTOMER_ID = """
            {"type": "string", "pattern": "^cus_[A-Za-z0-9]+$", "maxLength": 255,
             "description": "The customer's id (cus_...), for example from stripe.customers.search."}""";

    /** An amount in the currency's smallest unit. */
    static final String AMOUNT_NOTE = "in the currency's smallest unit (cents for usd: 2500 is $25.00;"
            + " whole yen for jpy)";

    /** A three-letter ISO currency code. */
    static final String CURRENCY = """
            {"type": "string", "pattern": "^[A-Za-z]{3}$", "default": "usd",
             "description": "Three-letter ISO currency code, such as usd or eur."}""";
}
