package dev.rig.core.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rig.core.registry.SchemaCheck;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Properties of {@link ShapeDiff} over random object schemas (nested objects and arrays up to depth 3;
 * string, integer, number and boolean leaves; optional enums and bounds; random {@code required}),
 * checked against the real validator ({@link SchemaCheck}, networknt) where a verdict is about values.
 *
 * <p>The central one is soundness: whenever the diff of an input schema has no breaking change, every
 * instance the old schema accepts is still accepted by the new one. Instances are built from the
 * schema and carry only declared properties (see {@link Instances}).
 */
class ShapeDiffProperties {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> NAMES = List.of("id", "amount", "currency", "note", "lines", "meta");
    private static final List<String> LEAF_TYPES = List.of("string", "integer", "number", "boolean");
    private static final List<String> CODES = List.of("usd", "eur", "gbp", "jpy", "chf");
    private static final List<String> TOOLS = List.of("stripe.create_refund", "stripe.list_charges", "slack.post",
            "github.merge", "fs.read");
    private static final String TOOL = "t.tool";

    // ---- the properties

    @Property(tries = 200)
    void aSchemaOrAToolMapComparedWithItselfHasNoChange(@ForAll("schemas") ObjectNode schema,
                                                          @ForAll("toolMaps") Map<String, JsonNode> tools) {
        assertThat(diffInput(schema, schema.deepCopy()).isEmpty()).isTrue();
        assertThat(diffOutput(schema, schema.deepCopy()).isEmpty()).isTrue();
        Map<String, JsonNode> copy = new LinkedHashMap<>();
        tools.forEach((name, def) -> copy.put(name, def.deepCopy()));
        assertThat(ShapeDiff.between(tools, copy).changes()).isEmpty();
    }

    @Property(tries = 200)
    void aFreshInputIsCompatibleWhenOptionalAndBreakingWhenRequired(@ForAll("schemas") ObjectNode schema,
                                                                    @ForAll int pick, @ForAll("leaves") ObjectNode fresh) {
        String location = pickOne(Schemas.objects(schema), pick);
        ObjectNode optional = schema.deepCopy();
        Schemas.at(optional, location).withObjectProperty("properties").set("fresh", fresh);
        assertThat(diffInput(schema, optional).changes()).singleElement().satisfies(change -> {
            assertThat(change.impact()).isEqualTo(Impact.COMPATIBLE);
            assertThat(change.kind()).isEqualTo("optional_input_added");
            assertThat(change.location()).isEqualTo(location + "/properties/fresh");
        });
        ObjectNode required = optional.deepCopy();
        Schemas.at(required, location).withArray("required").add("fresh");
        assertThat(diffInput(schema, required).changes()).singleElement().satisfies(change -> {
            assertThat(change.impact()).isEqualTo(Impact.BREAKING);
            assertThat(change.kind()).isEqualTo("required_input_added");
            assertThat(change.location()).isEqualTo(location + "/properties/fresh");
        });
    }

    @Property(tries = 200)
    void whatTheDiffCallsCompatibleStillAcceptsEveryOldInput(@ForAll("schemas") ObjectNode old,
                                                             @ForAll("mutations") Mutation mutation,
                                                             @ForAll Random random) {
        ObjectNode now = mutation.applyTo(old);
        ShapeDiff diff = diffInput(old, now);
        SchemaCheck newCheck = SchemaCheck.compile(now);
        List<JsonNode> accepted = Instances.acceptedBy(old, random, 12);
        long refused = accepted.stream().filter(instance -> !newCheck.violations(instance, "args").isEmpty()).count();
        Statistics.label("verdict").collect(diff.breaking() ? "breaking" : diff.isEmpty() ? "unchanged" : "compatible");
        Statistics.label("an old input is refused").collect(refused > 0);
        Statistics.label("verdict").coverage(coverage -> coverage.check("compatible").count(n -> n >= 20));
        Statistics.label("an old input is refused").coverage(coverage -> coverage.check(true).count(n -> n >= 10));
        assertThat(accepted).as("instances the old schema accepts").isNotEmpty();
        if (!diff.breaking()) {
            for (JsonNode instance : accepted) {
                assertThat(newCheck.violations(instance, "args"))
                        .as("%s is accepted by the old schema and the diff %s has no breaking change", instance, diff.lines())
                        .isEmpty();
            }
        }
    }

    @Property(tries = 200)
    void removingAnEnumValueAnInputUsesIsBreaking(@ForAll("schemas") ObjectNode schema, @ForAll Random random, @ForAll int pick) {
        ObjectNode old = schema.deepCopy();
        ObjectNode currency = NODES.objectNode().put("type", "string");
        CODES.forEach(currency.withArray("enum")::add);
        old.withObjectProperty("properties").set("currency", currency);
        if (!Mutation.contains(old.withArray("required"), NODES.textNode("currency"))) {
            old.withArray("required").add("currency");
        }
        JsonNode instance = Instances.acceptedBy(old, random, 1).get(0);
        List<Reached> withEnum = Instances.reached(old, instance).stream()
                .filter(reached -> reached.schema().has("enum")).toList();
        Reached target = withEnum.get(Math.floorMod(pick, withEnum.size()));
        ObjectNode now = old.deepCopy();
        ArrayNode values = Schemas.at(now, target.location()).withArray("enum");
        for (int i = values.size() - 1; i >= 0; i--) {
            if (values.get(i).equals(target.value())) {
                values.remove(i);
            }
        }
        assertThat(SchemaCheck.compile(now).violations(instance, "args")).as("the new schema refuses %s", instance).isNotEmpty();
        ShapeDiff diff = diffInput(old, now);
        assertThat(diff.breaking()).isTrue();
        assertThat(diff.of(Impact.BREAKING)).extracting(ShapeChange::kind, ShapeChange::location)
                .contains(tuple("enum_value_removed", target.location()));
    }

    @Property(tries = 200)
    void requiringAPropertyAnInputLacksIsBreaking(@ForAll("schemas") ObjectNode old, @ForAll Random random, @ForAll int pick) {
        JsonNode instance = Instances.acceptedBy(old, random, 1).get(0);
        List<Reached> objects = Instances.reached(old, instance).stream()
                .filter(reached -> reached.value().isObject()).toList();
        Reached target = objects.get(Math.floorMod(pick, objects.size()));
        ObjectNode now = old.deepCopy();
        ObjectNode at = Schemas.at(now, target.location());
        at.withObjectProperty("properties").putObject("fresh").put("type", "string");
        at.withArray("required").add("fresh");
        assertThat(SchemaCheck.compile(now).violations(instance, "args")).as("the new schema refuses %s", instance).isNotEmpty();
        ShapeDiff diff = diffInput(old, now);
        assertThat(diff.of(Impact.BREAKING)).extracting(ShapeChange::kind, ShapeChange::location)
                .containsExactly(tuple("required_input_added", target.location() + "/properties/fresh"));
    }

    @Property(tries = 200)
    void removingAnOutputFieldIsAlwaysBreakingAndAddingOneNeverIs(@ForAll("schemas") ObjectNode old, @ForAll int pick,
                                                                   @ForAll("leaves") ObjectNode fresh, @ForAll boolean required) {
        String location = pickOne(Schemas.objects(old), pick);
        String reported = location.replaceFirst("^input_schema", "output_schema");
        ObjectNode removed = old.deepCopy();
        ObjectNode at = Schemas.at(removed, location);
        String name = at.path("properties").fieldNames().next();
        at.withObjectProperty("properties").remove(name);
        ShapeDiff removal = diffOutput(old, removed);
        assertThat(removal.breaking()).isTrue();
        assertThat(removal.of(Impact.BREAKING)).extracting(ShapeChange::kind, ShapeChange::location)
                .containsExactly(tuple("output_field_removed", reported + "/properties/" + name));

        ObjectNode added = old.deepCopy();
        Schemas.at(added, location).withObjectProperty("properties").set("fresh", fresh);
        if (required) {
            Schemas.at(added, location).withArray("required").add("fresh");
        }
        ShapeDiff addition = diffOutput(old, added);
        assertThat(addition.breaking()).isFalse();
        assertThat(addition.changes()).extracting(ShapeChange::kind, ShapeChange::location)
                .containsExactly(tuple("output_field_added", reported + "/properties/fresh"));
    }

    @Property(tries = 200)
    void anAddedOptionalInputIsARemovedInputTheOtherWayRound(@ForAll("schemas") ObjectNode a,
                                                              @ForAll("mutations") Mutation mutation) {
        ObjectNode b = mutation.applyTo(a);
        List<String> addedAt = diffInput(a, b).changes().stream()
                .filter(change -> change.kind().equals("optional_input_added")).map(ShapeChange::location).toList();
        List<String> removedAt = diffInput(b, a).changes().stream()
                .filter(change -> change.kind().equals("input_removed")).map(ShapeChange::location).toList();
        Statistics.label("optional input added").collect(!addedAt.isEmpty());
        Statistics.label("optional input added").coverage(coverage -> coverage.check(true).count(n -> n >= 5));
        assertThat(removedAt).containsAll(addedAt);
    }

    @Property(tries = 200)
    void changesAreOrderedByImpactThenToolThenLocationWhateverTheMapOrder(
            @ForAll("toolMaps") Map<String, JsonNode> before, @ForAll("toolMaps") Map<String, JsonNode> after,
            @ForAll Random random) {
        ShapeDiff diff = ShapeDiff.between(before, after);
        Comparator<ShapeChange> order = Comparator.comparing(ShapeChange::impact).thenComparing(ShapeChange::tool)
                .thenComparing(ShapeChange::location).thenComparing(ShapeChange::kind);
        assertThat(diff.changes()).isSortedAccordingTo(order);
        assertThat(diff.lines()).hasSameSizeAs(diff.changes());
        ShapeDiff shuffled = ShapeDiff.between(shuffled(before, random), shuffled(after, random));
        assertThat(shuffled).isEqualTo(diff);
        Statistics.label("impacts").collect(diff.changes().stream().map(ShapeChange::impact).distinct().count());
    }

    @Property(tries = 200)
    void anyJsonInPlaceOfSchemasOrToolsNeverThrows(@ForAll("anyJson") JsonNode a, @ForAll("anyJson") JsonNode b) {
        ObjectNode before = tool(a);
        ObjectNode after = tool(b);
        after.set("output_schema", a);
        assertThat(ShapeDiff.between(Map.of(TOOL, before), Map.of(TOOL, after)).changes()).isNotNull();
        assertThat(ShapeDiff.between(Map.of(TOOL, a), Map.of(TOOL, b)).changes()).isNotNull();
    }

    // ---- helpers

    private static ShapeDiff diffInput(JsonNode old, JsonNode now) {
        return ShapeDiff.between(Map.of(TOOL, tool(old)), Map.of(TOOL, tool(now)));
    }

    private static ShapeDiff diffOutput(JsonNode old, JsonNode now) {
        ObjectNode before = tool(NODES.objectNode());
        before.set("output_schema", old);
        ObjectNode after = tool(NODES.objectNode());
        after.set("output_schema", now);
        return ShapeDiff.between(Map.of(TOOL, before), Map.of(TOOL, after));
    }

    /** A tool definition with {@code input} as its input schema and fixed everything else. */
    private static ObjectNode tool(JsonNode input) {
        ObjectNode def = NODES.objectNode().put("name", TOOL).put("description", "A tool.");
        def.set("input_schema", input);
        def.putObject("output_schema").put("type", "object");
        def.putObject("error_schema").put("type", "object");
        def.putArray("auth_slots");
        def.put("risk_class", "read");
        def.put("idempotent", false);
        return def;
    }

    private static <T> T pickOne(List<T> items, int pick) {
        return items.get(Math.floorMod(pick, items.size()));
    }

    private static Map<String, JsonNode> shuffled(Map<String, JsonNode> tools, Random random) {
        List<String> names = new ArrayList<>(tools.keySet());
        Collections.shuffle(names, random);
        Map<String, JsonNode> map = random.nextBoolean() ? new LinkedHashMap<>() : new HashMap<>();
        names.forEach(name -> map.put(name, tools.get(name)));
        return map;
    }

    // ---- generators

    @Provide
    Arbitrary<ObjectNode> schemas() {
        return Schemas.object(3);
    }

    @Provide
    Arbitrary<ObjectNode> leaves() {
        return Schemas.leaf();
    }

    @Provide
    Arbitrary<Mutation> mutations() {
        return Combinators.combine(Arbitraries.of(Mutation.Kind.class), Arbitraries.integers().between(0, 999),
                Arbitraries.integers().between(0, 999)).as(Mutation::new);
    }

    @Provide
    Arbitrary<Map<String, JsonNode>> toolMaps() {
        Arbitrary<JsonNode> tool = Combinators.combine(
                Schemas.object(3), Schemas.object(2), Arbitraries.of("read", "write", "infra", "money", "destructive"),
                Arbitraries.subsetOf("key_a", "key_b", "key_c"), Arbitraries.of(true, false),
                Arbitraries.of("Does a thing.", "Does a thing well."), Arbitraries.subsetOf("payments", "chat"))
                .as((input, output, risk, slots, idempotent, description, tags) -> {
                    ObjectNode def = NODES.objectNode().put("description", description);
                    def.set("input_schema", input);
                    def.set("output_schema", output);
                    def.putObject("error_schema").put("type", "object");
                    new TreeSet<>(slots).forEach(def.putArray("auth_slots")::add);
                    def.put("risk_class", risk);
                    new TreeSet<>(tags).forEach(def.putArray("tags")::add);
                    def.putObject("policy_defaults");
                    def.putArray("examples");
                    def.put("idempotent", idempotent);
                    return def;
                });
        return Arbitraries.maps(Arbitraries.of(TOOLS), tool).ofMaxSize(4).map(tools -> {
            Map<String, JsonNode> named = new LinkedHashMap<>();
            tools.forEach((name, def) -> named.put(name, ((ObjectNode) def.deepCopy()).put("name", name)));
            return named;
        });
    }

    @Provide
    Arbitrary<JsonNode> anyJson() {
        List<String> keys = List.of("type", "enum", "const", "properties", "required", "items", "prefixItems",
                "additionalProperties", "minimum", "maxLength", "pattern", "uniqueItems", "description", "$ref", "oneOf",
                "risk_class", "auth_slots", "idempotent", "input_schema", "output_schema", "a", "b");
        Arbitrary<JsonNode> leaf = Arbitraries.oneOf(
                Arbitraries.just(NODES.nullNode()),
                Arbitraries.of(true, false).map(NODES::booleanNode),
                Arbitraries.integers().between(-3, 3).map(NODES::numberNode),
                Arbitraries.of("string", "object", "array", "integer", "read", "money", "a", "b").map(NODES::textNode));
        return Arbitraries.recursive(() -> leaf, inner -> Arbitraries.oneOf(
                inner.list().ofMaxSize(3).map(items -> {
                    ArrayNode array = NODES.arrayNode();
                    items.forEach(array::add);
                    return (JsonNode) array;
                }),
                Arbitraries.maps(Arbitraries.of(keys), inner).ofMaxSize(4).map(fields -> {
                    ObjectNode object = NODES.objectNode();
                    fields.forEach(object::set);
                    return (JsonNode) object;
                })), 0, 4);
    }

    /** Random object schemas, and locations inside them. */
    static final class Schemas {

        private Schemas() {}

        /** An object schema of 1-4 properties nesting at most {@code depth} levels of objects and arrays. */
        static Arbitrary<ObjectNode> object(int depth) {
            Arbitrary<ObjectNode> property = depth <= 1 ? leaf()
                    : Arbitraries.frequencyOf(Tuple.of(4, leaf()), Tuple.of(1, object(depth - 1)), Tuple.of(1, array(depth - 1)));
            // required: the properties whose bit is set in a random mask (no flatMap: generation stays fast).
            return Combinators.combine(Arbitraries.maps(Arbitraries.of(NAMES), property).ofMinSize(1).ofMaxSize(4),
                    Arbitraries.integers().between(0, 15), Arbitraries.of(false, false, true))
                    .as((properties, mask, closed) -> {
                        ObjectNode schema = NODES.objectNode().put("type", "object");
                        ObjectNode fields = schema.putObject("properties");
                        List<String> names = new ArrayList<>(new TreeSet<>(properties.keySet()));
                        List<String> required = new ArrayList<>();
                        for (int i = 0; i < names.size(); i++) {
                            fields.set(names.get(i), properties.get(names.get(i)).deepCopy());
                            if ((mask >> i & 1) == 1) {
                                required.add(names.get(i));
                            }
                        }
                        if (!required.isEmpty()) {
                            required.forEach(schema.putArray("required")::add);
                        }
                        if (closed) {
                            schema.put("additionalProperties", false);
                        }
                        return schema;
                    });
        }

        static Arbitrary<ObjectNode> array(int depth) {
            Arbitrary<ObjectNode> items = depth <= 1 ? leaf()
                    : Arbitraries.frequencyOf(Tuple.of(2, leaf()), Tuple.of(1, object(depth - 1)));
            return Combinators.combine(items, Arbitraries.integers().between(0, 2).injectNull(0.6),
                    Arbitraries.integers().between(2, 4).injectNull(0.6)).as((item, min, max) -> {
                        ObjectNode schema = NODES.objectNode().put("type", "array");
                        schema.set("items", item.deepCopy());
                        putIfPresent(schema, "minItems", min);
                        putIfPresent(schema, "maxItems", max);
                        return schema;
                    });
        }

        /** A string, integer, number or boolean schema, sometimes with an enum and bounds it can satisfy. */
        static Arbitrary<ObjectNode> leaf() {
            Arbitrary<ObjectNode> string = Combinators.combine(
                    Arbitraries.subsetOf(CODES).ofMinSize(1).ofMaxSize(3).injectNull(0.6),
                    Arbitraries.integers().between(0, 3).injectNull(0.6), Arbitraries.integers().between(3, 8).injectNull(0.6))
                    .as((values, min, max) -> {
                        ObjectNode schema = NODES.objectNode().put("type", "string");
                        if (values != null) {
                            new TreeSet<>(values).forEach(schema.putArray("enum")::add);
                        }
                        putIfPresent(schema, "minLength", min);
                        putIfPresent(schema, "maxLength", max);
                        return schema;
                    });
            Arbitrary<ObjectNode> integer = numeric("integer", Arbitraries.subsetOf(0, 1, 2, 5, 10)
                    .ofMinSize(1).ofMaxSize(3).map(values -> values.stream().map(v -> (JsonNode) NODES.numberNode(v)).toList()));
            Arbitrary<ObjectNode> number = numeric("number", Arbitraries.subsetOf("0.5", "1", "2.25", "7.5")
                    .ofMinSize(1).ofMaxSize(3).map(values -> values.stream().map(v -> (JsonNode) NODES.numberNode(new BigDecimal(v))).toList()));
            Arbitrary<ObjectNode> bool = Arbitraries.of(0, 1, 2).map(variant -> {
                ObjectNode schema = NODES.objectNode().put("type", "boolean");
                if (variant == 1) {
                    schema.putArray("enum").add(true);
                } else if (variant == 2) {
                    schema.putArray("enum").add(true).add(false);
                }
                return schema;
            });
            return Arbitraries.frequencyOf(Tuple.of(3, string), Tuple.of(2, integer), Tuple.of(2, number), Tuple.of(1, bool));
        }

        /** Enum values lie in [0, 10], bounds outside it, so every generated schema accepts something. */
        private static Arbitrary<ObjectNode> numeric(String type, Arbitrary<List<JsonNode>> values) {
            return Combinators.combine(values.injectNull(0.6), Arbitraries.integers().between(-5, 0).injectNull(0.6),
                    Arbitraries.integers().between(10, 15).injectNull(0.6)).as((enumValues, min, max) -> {
                        ObjectNode schema = NODES.objectNode().put("type", type);
                        if (enumValues != null) {
                            enumValues.stream().sorted(Comparator.comparing(JsonNode::decimalValue))
                                    .forEach(schema.putArray("enum")::add);
                        }
                        putIfPresent(schema, "minimum", min);
                        putIfPresent(schema, "maximum", max);
                        return schema;
                    });
        }

        private static void putIfPresent(ObjectNode schema, String keyword, Integer value) {
            if (value != null) {
                schema.put(keyword, value);
            }
        }

        /** Every subschema of {@code root} with its location ({@code input_schema/properties/a/items}), root first. */
        static Map<String, ObjectNode> all(ObjectNode root) {
            Map<String, ObjectNode> all = new LinkedHashMap<>();
            collect(root, "input_schema", all);
            return all;
        }

        private static void collect(JsonNode schema, String location, Map<String, ObjectNode> into) {
            if (!(schema instanceof ObjectNode object)) {
                return;
            }
            into.put(location, object);
            schema.path("properties").properties().forEach(field ->
                    collect(field.getValue(), location + "/properties/" + field.getKey(), into));
            collect(schema.get("items"), location + "/items", into);
        }

        /** The locations of the subschemas that declare properties. */
        static List<String> objects(ObjectNode root) {
            return where(root, schema -> schema.path("properties").size() > 0);
        }

        static List<String> where(ObjectNode root, Predicate<ObjectNode> test) {
            return all(root).entrySet().stream().filter(entry -> test.test(entry.getValue())).map(Map.Entry::getKey).toList();
        }

        /** The subschema of {@code root} at {@code location}, as produced by {@link #all}. */
        static ObjectNode at(ObjectNode root, String location) {
            return all(root).get(location);
        }
    }

    /** A random change to one subschema; applying it where it does not fit changes nothing. */
    record Mutation(Kind kind, int target, int choice) {

        enum Kind {
            ADD_OPTIONAL_PROPERTY, ADD_REQUIRED_PROPERTY, REMOVE_PROPERTY, TOGGLE_REQUIRED, TOGGLE_CLOSED,
            CHANGE_TYPE, WIDEN_TYPE, DROP_TYPE, ADD_ENUM_VALUE, REMOVE_ENUM_VALUE, ADD_ENUM, DROP_ENUM,
            TIGHTEN_BOUND, LOOSEN_BOUND, ADD_BOUND, DROP_BOUND
        }

        private static final List<String> BOUNDS = List.of("minimum", "maximum", "minLength", "maxLength", "minItems", "maxItems");

        /** A changed copy of {@code schema}. */
        ObjectNode applyTo(ObjectNode schema) {
            ObjectNode copy = schema.deepCopy();
            List<String> candidates = Schemas.where(copy, this::fits);
            if (!candidates.isEmpty()) {
                change(Schemas.at(copy, pickOne(candidates, target)));
            }
            return copy;
        }

        private boolean fits(ObjectNode schema) {
            String type = schema.path("type").asText("");
            return switch (kind) {
                case ADD_OPTIONAL_PROPERTY, ADD_REQUIRED_PROPERTY, TOGGLE_CLOSED -> type.equals("object");
                case REMOVE_PROPERTY, TOGGLE_REQUIRED -> schema.path("properties").size() > 0;
                case CHANGE_TYPE, WIDEN_TYPE -> LEAF_TYPES.contains(type);
                case DROP_TYPE -> schema.has("type");
                case ADD_ENUM_VALUE, REMOVE_ENUM_VALUE, DROP_ENUM -> schema.has("enum");
                case ADD_ENUM -> LEAF_TYPES.contains(type) && !schema.has("enum");
                case TIGHTEN_BOUND, LOOSEN_BOUND, DROP_BOUND -> BOUNDS.stream().anyMatch(schema::has);
                case ADD_BOUND -> !type.equals("boolean");
            };
        }

        private void change(ObjectNode schema) {
            String type = schema.path("type").asText("");
            switch (kind) {
                case ADD_OPTIONAL_PROPERTY, ADD_REQUIRED_PROPERTY -> {
                    schema.withObjectProperty("properties").putObject("added").put("type", LEAF_TYPES.get(choice % LEAF_TYPES.size()));
                    if (kind == Kind.ADD_REQUIRED_PROPERTY) {
                        schema.withArray("required").add("added");
                    }
                }
                case REMOVE_PROPERTY -> {
                    String name = pickOne(names(schema.get("properties")), choice);
                    schema.withObjectProperty("properties").remove(name);
                    removeText(schema.withArray("required"), name);
                }
                case TOGGLE_REQUIRED -> {
                    String name = pickOne(names(schema.get("properties")), choice);
                    ArrayNode required = schema.withArray("required");
                    if (!removeText(required, name)) {
                        required.add(name);
                    }
                }
                case TOGGLE_CLOSED -> {
                    if (schema.has("additionalProperties")) {
                        schema.remove("additionalProperties");
                    } else {
                        schema.put("additionalProperties", false);
                    }
                }
                case CHANGE_TYPE -> schema.put("type", otherType(type));
                case WIDEN_TYPE -> schema.putArray("type").add(type).add(otherType(type));
                case DROP_TYPE -> schema.remove("type");
                case ADD_ENUM_VALUE -> schema.withArray("enum").add(freshValue(type, schema.withArray("enum")));
                case REMOVE_ENUM_VALUE -> {
                    ArrayNode values = schema.withArray("enum");
                    if (!values.isEmpty()) {
                        values.remove(choice % values.size());
                    }
                }
                case ADD_ENUM -> schema.putArray("enum").add(freshValue(type, NODES.arrayNode()));
                case DROP_ENUM -> schema.remove("enum");
                case TIGHTEN_BOUND, LOOSEN_BOUND -> {
                    String bound = pickOne(BOUNDS.stream().filter(schema::has).toList(), choice);
                    int step = 1 + choice % 3;
                    boolean lower = bound.startsWith("min");
                    boolean tighten = kind == Kind.TIGHTEN_BOUND;
                    int value = schema.get(bound).asInt() + (lower == tighten ? step : -step);
                    if (value < 0 && !bound.equals("minimum") && !bound.equals("maximum")) {
                        schema.remove(bound);
                    } else {
                        schema.put(bound, value);
                    }
                }
                case ADD_BOUND -> {
                    switch (type) {
                        case "string" -> schema.put(choice % 2 == 0 ? "minLength" : "maxLength", 3);
                        case "array" -> schema.put(choice % 2 == 0 ? "minItems" : "maxItems", 1);
                        case "object" -> schema.put("maxProperties", 1);
                        default -> schema.put(choice % 2 == 0 ? "minimum" : "maximum", 5);
                    }
                }
                case DROP_BOUND -> schema.remove(pickOne(BOUNDS.stream().filter(schema::has).toList(), choice));
            }
        }

        private String otherType(String type) {
            List<String> others = LEAF_TYPES.stream().filter(t -> !t.equals(type)).toList();
            return pickOne(others, choice);
        }

        private JsonNode freshValue(String type, ArrayNode existing) {
            List<JsonNode> fresh = switch (type) {
                case "string" -> List.of(NODES.textNode("aud"), NODES.textNode("cad"));
                case "integer" -> List.of(NODES.numberNode(3), NODES.numberNode(4));
                case "number" -> List.of(NODES.numberNode(new BigDecimal("3.5")), NODES.numberNode(4));
                case "boolean" -> List.of(NODES.booleanNode(false), NODES.booleanNode(true));
                default -> List.of(NODES.textNode("other"));
            };
            return fresh.stream().filter(value -> !contains(existing, value)).findFirst().orElse(NODES.textNode("other"));
        }

        private static boolean contains(ArrayNode values, JsonNode value) {
            for (JsonNode existing : values) {
                if (existing.equals(value)) {
                    return true;
                }
            }
            return false;
        }

        private static List<String> names(JsonNode properties) {
            List<String> names = new ArrayList<>();
            properties.fieldNames().forEachRemaining(names::add);
            return names;
        }

        private static boolean removeText(ArrayNode array, String text) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).asText().equals(text)) {
                    array.remove(i);
                    return true;
                }
            }
            return false;
        }
    }

    /** A subschema an instance passes through, with the value found there. */
    record Reached(String location, ObjectNode schema, JsonNode value) {}

    /**
     * JSON instances built from a schema: declared properties (each optional one half the time), enum
     * values from the enum, strings, numbers and arrays inside their bounds, and now and then an undeclared
     * field {@code extra} where the schema does not close {@code additionalProperties}. No mutation declares
     * {@code extra}: a caller sending a field that a later version declares with another type is outside
     * what the diff promises (a new optional input is compatible).
     */
    static final class Instances {

        private Instances() {}

        /** Up to {@code count} instances, each checked by the validator as accepted by {@code schema}. */
        static List<JsonNode> acceptedBy(ObjectNode schema, Random random, int count) {
            SchemaCheck check = SchemaCheck.compile(schema);
            List<JsonNode> accepted = new ArrayList<>();
            for (int attempt = 0; attempt < count * 4 && accepted.size() < count; attempt++) {
                JsonNode instance = of(schema, random);
                if (check.violations(instance, "args").isEmpty()) {
                    accepted.add(instance);
                }
            }
            return accepted;
        }

        static JsonNode of(JsonNode schema, Random random) {
            JsonNode values = schema.path("enum");
            if (values.isArray() && !values.isEmpty()) {
                return values.get(random.nextInt(values.size())).deepCopy();
            }
            JsonNode types = schema.path("type");
            String type = types.isTextual() ? types.textValue()
                    : types.isArray() && !types.isEmpty() ? types.get(random.nextInt(types.size())).asText()
                    : pickOne(LEAF_TYPES, random.nextInt(LEAF_TYPES.size()));
            return switch (type) {
                case "object" -> {
                    ObjectNode object = NODES.objectNode();
                    Set<String> required = new TreeSet<>();
                    schema.path("required").forEach(name -> required.add(name.asText()));
                    schema.path("properties").properties().forEach(field -> {
                        if (required.contains(field.getKey()) || random.nextBoolean()) {
                            object.set(field.getKey(), of(field.getValue(), random));
                        }
                    });
                    if (!schema.path("additionalProperties").equals(NODES.booleanNode(false)) && random.nextInt(4) == 0) {
                        object.put("extra", "x");
                    }
                    yield object;
                }
                case "array" -> {
                    int min = schema.path("minItems").asInt(0);
                    int max = schema.path("maxItems").asInt(min + 3);
                    ArrayNode array = NODES.arrayNode();
                    int size = max < min ? min : min + random.nextInt(max - min + 1);
                    for (int i = 0; i < size; i++) {
                        array.add(of(schema.path("items"), random));
                    }
                    yield array;
                }
                case "string" -> {
                    int min = schema.path("minLength").asInt(0);
                    int max = schema.path("maxLength").asInt(min + 5);
                    int length = max < min ? min : min + random.nextInt(max - min + 1);
                    StringBuilder text = new StringBuilder();
                    for (int i = 0; i < length; i++) {
                        text.append((char) ('a' + random.nextInt(26)));
                    }
                    yield NODES.textNode(text.toString());
                }
                case "integer" -> {
                    int min = schema.path("minimum").asInt(-20);
                    int max = schema.path("maximum").asInt(20);
                    yield NODES.numberNode(max < min ? min : min + random.nextInt(max - min + 1));
                }
                case "number" -> {
                    BigDecimal min = schema.has("minimum") ? schema.get("minimum").decimalValue() : BigDecimal.valueOf(-20);
                    BigDecimal max = schema.has("maximum") ? schema.get("maximum").decimalValue() : BigDecimal.valueOf(20);
                    BigDecimal step = max.subtract(min).divide(BigDecimal.valueOf(8));
                    yield NODES.numberNode(max.compareTo(min) < 0 ? min : min.add(step.multiply(BigDecimal.valueOf(random.nextInt(9)))));
                }
                case "boolean" -> NODES.booleanNode(random.nextBoolean());
                default -> NODES.nullNode();
            };
        }

        /** Every subschema {@code instance} passes through, from the root down. */
        static List<Reached> reached(ObjectNode schema, JsonNode instance) {
            List<Reached> reached = new ArrayList<>();
            walk(schema, instance, "input_schema", reached);
            return reached;
        }

        private static void walk(JsonNode schema, JsonNode instance, String location, List<Reached> into) {
            if (!(schema instanceof ObjectNode object)) {
                return;
            }
            into.add(new Reached(location, object, instance));
            if (instance.isObject()) {
                instance.properties().forEach(field -> walk(schema.path("properties").get(field.getKey()), field.getValue(),
                        location + "/properties/" + field.getKey(), into));
            } else if (instance.isArray()) {
                instance.forEach(item -> walk(schema.get("items"), item, location + "/items", into));
            }
        }
    }
}
