package dev.rig.pack.stripe;

import com.stripe.model.Customer;
import com.stripe.model.StripeSearchResult;
import com.stripe.param.CustomerSearchParams;
import dev.rig.spi.RiskClass;
import dev.rig.spi.Tool;
import dev.rig.spi.ToolCall;
import dev.rig.spi.ToolDef;
import dev.rig.spi.ToolException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code stripe.customers.search}: GET /v1/customers/search. */
final class SearchCustomersTool implements Tool {

    private static final ToolDef DEFINITION = ToolDef.builder("stripe.customers.search")
            .description("Finds customers with Stripe's search query language, for example"
                    + " email:'jenny.rosen@example.com', name~'Rosen' or metadata['crm_id']:'4711'. Results are"
                    + " eventually consistent (a customer created a moment ago may be missing). When has_more is"
                    + " true, pass next_page as page to get the next results.")
            .risk(RiskClass.READ)
            .authSlots(StripeApi.API_KEY)
            .tags("stripe", "customers")
            .inputSchema("""
                    {"type": "object",
                     "properties": {
                       "query": {"type": "string", "minLength": 1, "maxLength": 1000,
                                 "description": "A Stripe search query, such as email:'jenny.rosen@example.com'."},
                       "limit": {"type": "integer", "minimum": 1, "maximum": 100, "default": 10},
                       "page": {"type": "string", "minLength": 1, "maxLength": 5000,
                                "description": "The next_page of a previous search with the same query."}},
                     "required": ["query"],
                     "additionalProperties": false}""")
            .outputSchema("""
                    {"type": "object",
                     "properties": {
                       "customers": {"type": "array", "items": {"type": "object",
                         "properties": {
                           "id": {"type": "string"},
                           "email": {"type": ["string", "null"]},
                           "name": {"type": ["string", "null"]}},
                         "required": ["id", "email", "name"],
                         "additionalProperties": false}},
                       "has_more": {"type": "boolean"},
                       "next_page": {"type": ["string", "null"]}},
                     "required": ["customers", "has_more", "next_page"],
                     "additionalProperties": false}""")
            .example("by-email", "Find the customer with a given email.", """
                    {"query": "email:'jenny.rosen@example.com'"}""", """
                    {"customers": [{"id": "cus_NffrFeUfNV2Hib", "email": "jenny.rosen@example.com", "name": "Jenny Rosen"}],
                     "has_more": false, "next_page": null}""")
            .build();

    private static final Operation OPERATION = new Operation("search customers",
            Map.of("query", "query", "limit", "limit", "page", "page"));

    private final StripeApi api;

    SearchCustomersTool(StripeApi api) {
        this.api = api;
    }

    @Override
    public ToolDef definition() {
        return DEFINITION;
    }

    @Override
    public Map<String, Object> invoke(ToolCall call) throws ToolException, InterruptedException {
        Long limit = Args.integer(call, "limit");
        CustomerSearchParams params = CustomerSearchParams.builder()
                .setQuery(call.string("query"))
                .setLimit(limit == null ? 10L : limit)
                .setPage(call.string("page"))
                .build();
        StripeSearchResult<Customer> result = api.read(call, OPERATION,
                (client, options) -> client.v1().customers().search(params, options));
        List<Map<String, Object>> customers = result.getData() == null ? List.of()
                : result.getData().stream().map(CreateCustomerTool::output).toList();
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("customers", customers);
        output.put("has_more", Boolean.TRUE.equals(result.getHasMore()));
        output.put("next_page", result.getNextPage());
        return output;
    }
}
