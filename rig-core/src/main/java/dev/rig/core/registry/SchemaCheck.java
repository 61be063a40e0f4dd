package dev.rig.core.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;

/**
 * A compiled JSON Schema that reports violations as "where: what" lines.
 *
 * <p>Compiled once per snapshot; {@link #violations} is thread-safe and allocation-light.
 * Draft-07 and 2020-12 are both understood: {@code $schema} selects, 2020-12 when absent.
 */
public final class SchemaCheck {

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private final Schema schema;

    private SchemaCheck(Schema schema) {
        this.schema = schema;
    }

    /**
     * Compiles {@code schemaNode}.
     *
     * @throws IllegalArgumentException when it is not a usable schema, with the reason
     */
    public static SchemaCheck compile(JsonNode schemaNode) {
        try {
            return new SchemaCheck(REGISTRY.getSchema(schemaNode));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a valid JSON Schema: " + e.getMessage(), e);
        }
    }

    /**
     * What is wrong with {@code instance}, one line per problem, each naming the location with
     * {@code root} as its first segment ({@code args.email: ...}); empty when it is valid.
     */
    public List<String> violations(JsonNode instance, String root) {
        List<Error> errors = schema.validate(instance);
        if (errors.isEmpty()) {
            return List.of();
        }
        return errors.stream().map(error -> describe(error, root)).toList();
    }

    /** "/a/0/b" (JSON pointer) or "$.a[0].b" (JSONPath) as ".a[0].b"; the root itself as "". */
    private static String dotted(String location) {
        if (location.startsWith("$")) {
            return location.substring(1);
        }
        StringBuilder out = new StringBuilder();
        for (String segment : location.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            String name = segment.replace("~1", "/").replace("~0", "~");
            out.append(name.chars().allMatch(Character::isDigit) ? "[" + name + "]" : "." + name);
        }
        return out.toString();
    }

    private static String describe(Error error, String root) {
        String where = root + dotted(error.getInstanceLocation().toString());
        String message = error.getMessage();
        // Messages repeat the location first ("$.a: ..."); keep only the explanation.
        int colon = message.indexOf(": ");
        String what = message.startsWith("$") && colon > 0 ? message.substring(colon + 2) : message;
        String property = error.getProperty();
        if ("required".equals(error.getKeyword()) && property != null) {
            where = where + "." + property;
            what = "is required but missing";
        } else if ("additionalProperties".equals(error.getKeyword()) && property != null) {
            where = where + "." + property;
            what = "is not an accepted field";
        }
        return where + ": " + what;
    }
}
