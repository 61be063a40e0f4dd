package dev.rig.pack.stripe;

import com.stripe.model.Customer;
import com.stripe.param.CustomerCreateParams;
import dev.rig.spi.RiskClass;
import dev.rig.spi.Tool;
import dev.rig.spi.ToolCall;
import dev.rig.spi.ToolDef;
import dev.rig.spi.ToolException;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code stripe.customers.create}: POST /v1/customers. */
final class CreateCustomerTool implements Tool {

    private static final ToolDef DEFINITION = ToolDef.builder("stripe.customers.create")
            .description("Creates a Stripe customer with an email and optionally a name, phone and metadata."
                    + " Idempotent: a retried call returns the same customer instead of creating another.")
            .risk(RiskClass.WRITE)
            .idempotent(true)
            .authSlots(StripeApi.API_KEY)
            .tags("stripe", "customers")
            .inputSchema("""
                    {"type": "object",
                     "properties": {
                       "email": {"type": "string", "format": "email", "minLength": 3, "maxLength": 512},
                       "name": {"type": "string", "minLength": 1, "maxLength": 256, "description": "Full name or business name."},
                       "phone": {"type": "string", "minLength": 1, "maxLength": 20},
                       "metadata": %s},
                     "required": ["email"],
                     "additionalProperties": false}""".formatted(Schemas.METADATA))
            .outputSchema("""
                    {"type": "object",
                     "properties": {
                       "id": {"type": "string", "description": "The new customer's id (cus_...)."},
                       "email": {"type": ["string", "null"]},
                       "name": {"type": ["string", "null"]}},
                     "required": ["id", "email", "name"],
                     "additionalProperties": false}""")
            .example("new-customer", "Create a customer for Jenny Rosen.", """
                    {"email": "jenny.rosen@example.com", "name": "Jenny Rosen", "metadata": {"crm_id": "4711"}}""", """
                    {"id": "cus_NffrFeUfNV2Hib", "email": "jenny.rosen@example.com", "name": "Jenny Rosen"}""")
            .build();

    private static final Operation OPERATION = new Operation("create the customer",
            Map.of("email", "email", "name", "name", "phone", "phone", "metadata", "metadata"));

    private final StripeApi api;

    CreateCustomerTool(StripeApi api) {
        this.api = api;
    }

    @Override
    public ToolDef definition() {
        return DEFINITION;
    }

    @Override
    public Map<String, Object> invoke(ToolCall call) throws ToolException, InterruptedException {
        CustomerCreateParams.Builder params = CustomerCreateParams.builder()
                .setEmail(call.string("email"))
                .setName(call.string("name"))
                .setPhone(call.string("phone"));
        Map<String, String> metadata = Args.strings(call, "metadata");
        if (!metadata.isEmpty()) {
            params.putAllMetadata(metadata);
        }
        Customer customer = api.write(call, OPERATION,
                (client, options) -> client.v1().customers().create(params.build(), options));
        return output(customer);
    }

    /** The output fields of one customer; also used by stripe.customers.search. */
    static Map<String, Object> output(Customer customer) {
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("id", customer.getId());
        output.put("email", customer.getEmail());
        output.put("name", customer.getName());
        return output;
    }
}
