package dev.rig.core.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Compares two JSON Schemas (draft 2020-12) of one tool in one direction, recursively through
 * {@code properties}, {@code items}, {@code prefixItems} and {@code additionalProperties}.
 *
 * <p>An input schema ({@link Flow#SENT}) may only accept more: a change is compatible when every value
 * the old schema accepted is still accepted, and each keyword is judged on its own, so the verdict errs
 * towards breaking (a maximum lowered while a minimum is raised elsewhere is still breaking). Output and
 * error schemas ({@link Flow#RECEIVED}) may only promise more: a value callers could not receive before
 * is breaking. Output constraints ({@code maximum}, {@code pattern}, ...) are only noted. Keywords not
 * modelled here ({@code $ref}, {@code oneOf}, {@code not}, ...) are compared as a whole: if any differ,
 * one NOTE {@code schema_changed} at that location, without looking inside.
 */
final class SchemaComparison {

    /** Which way values flow through the schema. */
    enum Flow {
        /** Callers send values (input_schema). */
        SENT,
        /** Callers receive values (output_schema, error_schema). */
        RECEIVED
    }

    /** Deeper schemas are compared as a whole, so a hostile definition cannot exhaust the stack. */
    private static final int MAX_DEPTH = 64;

    private static final List<String> LOWER_BOUNDS = List.of("minimum", "exclusiveMinimum", "minLength", "minItems",
            "minProperties");
    private static final List<String> UPPER_BOUNDS = List.of("maximum", "exclusiveMaximum", "maxLength", "maxItems",
            "maxProperties");
    private static final List<String> EXACT = List.of("pattern", "format", "multipleOf");
    private static final List<String> DOCUMENTATION = List.of("description", "title", "examples");
    private static final Set<String> MODELLED = Stream.of(LOWER_BOUNDS, UPPER_BOUNDS, EXACT, DOCUMENTATION,
                    List.of("type", "enum", "const", "properties", "required", "items", "prefixItems",
                            "additionalProperties", "uniqueItems"))
            .flatMap(List::stream).collect(Collectors.toUnmodifiableSet());
    private static final JsonNode ANY = JsonNodeFactory.instance.objectNode();
    /** What {@link #types} answers for a {@code type} keyword it cannot read (compared by identity). */
    private static final Set<String> MALFORMED = Set.of("malformed");

    private final String tool;
    private final Flow flow;
    private final String noun;
    private final List<ShapeChange> into;

    private SchemaComparison(String tool, Flow flow, String noun, List<ShapeChange> into) {
        this.tool = tool;
        this.flow = flow;
        this.noun = noun;
        this.into = into;
    }

    /**
     * Adds to {@code into} the changes of {@code field} ({@code input_schema}, {@code output_schema} or
     * {@code error_schema}) of {@code tool}; a missing schema accepts anything.
     */
    static void compare(String tool, String field, JsonNode old, JsonNode now, List<ShapeChange> into) {
        SchemaComparison comparison = switch (field) {
            case "input_schema" -> new SchemaComparison(tool, Flow.SENT, "input", into);
            case "error_schema" -> new SchemaComparison(tool, Flow.RECEIVED, "error field", into);
            default -> new SchemaComparison(tool, Flow.RECEIVED, "output field", into);
        };
        comparison.schema(field, old, now, 0);
    }

    private void schema(String location, JsonNode oldSchema, JsonNode nowSchema, int depth) {
        JsonNode old = normalized(oldSchema);
        JsonNode now = normalized(nowSchema);
        if (old.equals(now)) {
            return;
        }
        if (!old.isObject() || !now.isObject() || depth >= MAX_DEPTH) {
            add(Impact.NOTE, "schema_changed", location, "schema changed (not compared in detail)");
            return;
        }
        List<String> opaque = new ArrayList<>();
        documentation(location, old, now);
        type(location, old.get("type"), now.get("type"), opaque);
        values(location, old, now, opaque);
        constraints(location, old, now);
        additionalProperties(location, old.get("additionalProperties"), now.get("additionalProperties"), depth, opaque);
        properties(location, old, now, depth, opaque);
        items(location, old, now, depth, opaque);
        for (String keyword : keywords(old, now)) {
            if (!MODELLED.contains(keyword) && !old.path(keyword).equals(now.path(keyword))) {
                opaque.add(keyword);
            }
        }
        if (!opaque.isEmpty()) {
            add(Impact.NOTE, "schema_changed", location, (opaque.size() == 1 ? "keyword " : "keywords ")
                    + String.join(", ", new TreeSet<>(opaque)) + " changed (not compared in detail)");
        }
    }

    /** A missing schema and {@code true} accept anything: both are the empty schema. */
    private static JsonNode normalized(JsonNode schema) {
        if (schema == null || schema.isMissingNode() || schema.isNull() || (schema.isBoolean() && schema.booleanValue())) {
            return ANY;
        }
        return schema;
    }

    private void documentation(String location, JsonNode old, JsonNode now) {
        List<String> changed = DOCUMENTATION.stream()
                .filter(keyword -> !old.path(keyword).equals(now.path(keyword))).toList();
        if (!changed.isEmpty()) {
            add(Impact.NOTE, "description_changed", location, words(changed) + " changed");
        }
    }

    // ---- type

    private void type(String location, JsonNode oldType, JsonNode nowType, List<String> opaque) {
        if (oldType == null ? nowType == null : oldType.equals(nowType)) {
            return;
        }
        Set<String> was = types(oldType);
        Set<String> is = types(nowType);
        if (was == MALFORMED || is == MALFORMED) {
            opaque.add("type");
            return;
        }
        if (was != null && was.equals(is)) {
            return;
        }
        boolean widened = covers(is, was);
        boolean narrowed = covers(was, is);
        String detail = " from " + typeText(was) + " to " + typeText(is);
        if (flow == Flow.SENT) {
            if (widened) {
                add(Impact.COMPATIBLE, "type_widened", location, "type widened" + detail);
            } else {
                add(Impact.BREAKING, narrowed ? "type_narrowed" : "type_changed", location,
                        "type " + (narrowed ? "narrowed" : "changed") + detail);
            }
        } else if (narrowed) {
            add(Impact.COMPATIBLE, "type_narrowed", location, "type narrowed" + detail);
        } else {
            add(Impact.BREAKING, widened ? "type_widened" : "type_changed", location,
                    "type " + (widened ? "widened" : "changed") + detail);
        }
    }

    /** The types a {@code type} keyword allows: null for any (keyword absent), {@link #MALFORMED} when unreadable. */
    private static Set<String> types(JsonNode type) {
        if (type == null) {
            return null;
        }
        if (type.isTextual()) {
            return Set.of(type.textValue());
        }
        if (!type.isArray()) {
            return MALFORMED;
        }
        TreeSet<String> types = new TreeSet<>();
        for (JsonNode item : type) {
            if (!item.isTextual()) {
                return MALFORMED;
            }
            types.add(item.textValue());
        }
        return types;
    }

    /** Whether every value of a type in {@code narrow} is a value of a type in {@code wide} (null: any type). */
    private static boolean covers(Set<String> wide, Set<String> narrow) {
        if (wide == null) {
            return true;
        }
        if (narrow == null) {
            return false;
        }
        return narrow.stream().allMatch(t -> wide.contains(t) || (t.equals("integer") && wide.contains("number")));
    }

    private static String typeText(Set<String> types) {
        return types == null ? "any" : "[" + String.join(", ", new TreeSet<>(types)) + "]";
    }

    // ---- enum and const

    private void values(String location, JsonNode old, JsonNode now, List<String> opaque) {
        if (old.path("enum").equals(now.path("enum")) && old.path("const").equals(now.path("const"))) {
            return;
        }
        if (!(old.path("enum").isMissingNode() || old.path("enum").isArray())
                || !(now.path("enum").isMissingNode() || now.path("enum").isArray())) {
            opaque.add("enum");
            return;
        }
        Map<String, JsonNode> was = allowedValues(old);
        Map<String, JsonNode> is = allowedValues(now);
        if (was == null && is == null) {
            return;
        }
        boolean sent = flow == Flow.SENT;
        if (was == null) {
            add(sent ? Impact.BREAKING : Impact.COMPATIBLE, "enum_added", location,
                    "enum added: only " + valueText(is.values()) + (sent ? " accepted" : " returned"));
            return;
        }
        if (is == null) {
            add(sent ? Impact.COMPATIBLE : Impact.BREAKING, "enum_removed", location,
                    "enum " + valueText(was.values()) + " dropped: any value " + (sent ? "accepted" : "may be returned"));
            return;
        }
        List<JsonNode> removed = was.entrySet().stream().filter(e -> !is.containsKey(e.getKey())).map(Map.Entry::getValue).toList();
        List<JsonNode> added = is.entrySet().stream().filter(e -> !was.containsKey(e.getKey())).map(Map.Entry::getValue).toList();
        if (!removed.isEmpty()) {
            add(sent ? Impact.BREAKING : Impact.COMPATIBLE, "enum_value_removed", location,
                    (removed.size() == 1 ? "enum value " : "enum values ") + valueList(removed) + " removed");
        }
        if (!added.isEmpty()) {
            add(sent ? Impact.COMPATIBLE : Impact.BREAKING, "enum_value_added", location,
                    (added.size() == 1 ? "enum value " : "enum values ") + valueList(added) + " added");
        }
    }

    /** The values {@code enum} and {@code const} allow together, keyed by {@link #valueKey}; null when neither is present. */
    private static Map<String, JsonNode> allowedValues(JsonNode schema) {
        JsonNode enumeration = schema.get("enum");
        JsonNode constant = schema.get("const");
        if (enumeration == null && constant == null) {
            return null;
        }
        Map<String, JsonNode> values = new LinkedHashMap<>();
        if (enumeration != null) {
            enumeration.forEach(value -> values.putIfAbsent(valueKey(value), value));
        }
        if (constant != null) {
            String key = valueKey(constant);
            if (enumeration == null) {
                values.put(key, constant);
            } else {
                values.keySet().retainAll(Set.of(key));
            }
        }
        return values;
    }

    /** Equal JSON values have equal keys; numbers are compared by value (1 and 1.0 are one value). */
    private static String valueKey(JsonNode value) {
        return value.isNumber() ? value.decimalValue().stripTrailingZeros().toPlainString() : value.toString();
    }

    private static String valueText(Iterable<JsonNode> values) {
        List<JsonNode> list = new ArrayList<>();
        values.forEach(list::add);
        return "[" + valueList(list) + "]";
    }

    private static String valueList(List<JsonNode> values) {
        return String.join(", ", values.stream().map(JsonNode::toString).toList());
    }

    // ---- constraints

    private void constraints(String location, JsonNode old, JsonNode now) {
        for (String keyword : LOWER_BOUNDS) {
            bound(location, keyword, old.get(keyword), now.get(keyword), 1);
        }
        for (String keyword : UPPER_BOUNDS) {
            bound(location, keyword, old.get(keyword), now.get(keyword), -1);
        }
        for (String keyword : EXACT) {
            bound(location, keyword, old.get(keyword), now.get(keyword), 0);
        }
        boolean wasUnique = old.path("uniqueItems").asBoolean(false);
        boolean isUnique = now.path("uniqueItems").asBoolean(false);
        if (wasUnique != isUnique) {
            constraint(location, isUnique, "uniqueItems " + (isUnique ? "added: items must differ" : "dropped"));
        }
    }

    /**
     * One constraint keyword; {@code tighterWhen} is 1 when a larger value is tighter (lower bounds), -1
     * when a smaller one is (upper bounds), 0 when any other value is (pattern, format, multipleOf).
     */
    private void bound(String location, String keyword, JsonNode old, JsonNode now, int tighterWhen) {
        if (old == null ? now == null : old.equals(now)) {
            return;
        }
        if (old == null) {
            constraint(location, true, keyword + " " + now + " added");
        } else if (now == null) {
            constraint(location, false, keyword + " " + old + " dropped");
        } else if (tighterWhen != 0 && old.isNumber() && now.isNumber()) {
            int order = now.decimalValue().compareTo(old.decimalValue());
            if (order != 0) {
                constraint(location, order == tighterWhen,
                        keyword + (order > 0 ? " raised" : " lowered") + " from " + old + " to " + now);
            }
        } else if (!(old.isNumber() && now.isNumber()
                && old.decimalValue().compareTo(now.decimalValue()) == 0)) {
            constraint(location, true, keyword + " changed from " + old + " to " + now);
        }
    }

    private void constraint(String location, boolean tightened, String detail) {
        if (flow == Flow.RECEIVED) {
            add(Impact.NOTE, "constraint_changed", location, detail);
        } else if (tightened) {
            add(Impact.BREAKING, "constraint_tightened", location, detail);
        } else {
            add(Impact.COMPATIBLE, "constraint_relaxed", location, detail);
        }
    }

    private void additionalProperties(String location, JsonNode old, JsonNode now, int depth, List<String> opaque) {
        if (old == null ? now == null : old.equals(now)) {
            return;
        }
        boolean wasClosed = old != null && old.isBoolean() && !old.booleanValue();
        boolean isClosed = now != null && now.isBoolean() && !now.booleanValue();
        if (wasClosed != isClosed) {
            constraint(location, isClosed, isClosed ? "additionalProperties false added: undeclared fields refused"
                    : "additionalProperties false dropped: undeclared fields accepted");
        } else if (!isSchema(old) || !isSchema(now)) {
            opaque.add("additionalProperties");
        } else {
            schema(location + "/additionalProperties", old, now, depth + 1);
        }
    }

    private static boolean isSchema(JsonNode node) {
        return node == null || node.isObject() || node.isBoolean();
    }

    // ---- properties and required

    private void properties(String location, JsonNode old, JsonNode now, int depth, List<String> opaque) {
        JsonNode oldProperties = old.path("properties");
        JsonNode nowProperties = now.path("properties");
        JsonNode oldRequired = old.path("required");
        JsonNode nowRequired = now.path("required");
        if (oldProperties.equals(nowProperties) && oldRequired.equals(nowRequired)) {
            return;
        }
        Map<String, JsonNode> was = fields(oldProperties);
        Map<String, JsonNode> is = fields(nowProperties);
        Set<String> wasRequired = names(oldRequired);
        Set<String> isRequired = names(nowRequired);
        if (was == null || is == null || wasRequired == null || isRequired == null) {
            opaque.add(was == null || is == null ? "properties" : "required");
            return;
        }
        TreeSet<String> names = new TreeSet<>(was.keySet());
        names.addAll(is.keySet());
        names.addAll(wasRequired);
        names.addAll(isRequired);
        for (String name : names) {
            String at = location + "/properties/" + segment(name);
            boolean before = was.containsKey(name);
            boolean after = is.containsKey(name);
            if (before && !after) {
                add(Impact.BREAKING, flow == Flow.SENT ? "input_removed" : "output_field_removed", at,
                        noun + " '" + name + "' removed");
            } else if (!before && after) {
                added(at, name, isRequired.contains(name));
            } else {
                required(at, name, wasRequired.contains(name), isRequired.contains(name));
                if (before) {
                    schema(at, was.get(name), is.get(name), depth + 1);
                }
            }
        }
    }

    private void added(String at, String name, boolean required) {
        if (flow == Flow.RECEIVED) {
            add(Impact.COMPATIBLE, "output_field_added", at, noun + " '" + name + "' added");
        } else if (required) {
            add(Impact.BREAKING, "required_input_added", at, "required input '" + name + "' added");
        } else {
            add(Impact.COMPATIBLE, "optional_input_added", at, "optional input '" + name + "' added");
        }
    }

    private void required(String at, String name, boolean was, boolean is) {
        if (was == is) {
            return;
        }
        if (flow == Flow.SENT) {
            add(is ? Impact.BREAKING : Impact.COMPATIBLE, is ? "input_became_required" : "input_became_optional", at,
                    "input '" + name + "' became " + (is ? "required" : "optional"));
        } else if (is) {
            add(Impact.COMPATIBLE, "output_field_required", at, noun + " '" + name + "' is now always present");
        } else {
            add(Impact.BREAKING, "output_field_optional", at, noun + " '" + name + "' may now be absent");
        }
    }

    /** The {@code properties} of a schema by name; empty when absent, null when not an object. */
    private static Map<String, JsonNode> fields(JsonNode properties) {
        if (properties.isMissingNode()) {
            return Map.of();
        }
        if (!properties.isObject()) {
            return null;
        }
        Map<String, JsonNode> fields = new TreeMap<>();
        properties.properties().forEach(field -> fields.put(field.getKey(), field.getValue()));
        return fields;
    }

    /** The names of a {@code required} array; empty when absent, null when not an array of strings. */
    private static Set<String> names(JsonNode required) {
        if (required.isMissingNode()) {
            return Set.of();
        }
        if (!required.isArray()) {
            return null;
        }
        TreeSet<String> names = new TreeSet<>();
        for (JsonNode name : required) {
            if (!name.isTextual()) {
                return null;
            }
            names.add(name.textValue());
        }
        return names;
    }

    // ---- items

    private void items(String location, JsonNode old, JsonNode now, int depth, List<String> opaque) {
        JsonNode oldItems = old.get("items");
        JsonNode nowItems = now.get("items");
        if (!(oldItems == null ? nowItems == null : oldItems.equals(nowItems))) {
            if (isSchema(oldItems) && isSchema(nowItems)) {
                schema(location + "/items", oldItems, nowItems, depth + 1);
            } else {
                opaque.add("items");
            }
        }
        JsonNode oldPrefix = old.path("prefixItems");
        JsonNode nowPrefix = now.path("prefixItems");
        if (oldPrefix.equals(nowPrefix)) {
            return;
        }
        if (oldPrefix.isArray() && nowPrefix.isArray() && oldPrefix.size() == nowPrefix.size()) {
            for (int i = 0; i < oldPrefix.size(); i++) {
                schema(location + "/prefixItems/" + i, oldPrefix.get(i), nowPrefix.get(i), depth + 1);
            }
        } else {
            opaque.add("prefixItems");
        }
    }

    // ---- helpers

    private static Set<String> keywords(JsonNode old, JsonNode now) {
        TreeSet<String> keywords = new TreeSet<>();
        for (Iterator<String> names = old.fieldNames(); names.hasNext(); ) {
            keywords.add(names.next());
        }
        for (Iterator<String> names = now.fieldNames(); names.hasNext(); ) {
            keywords.add(names.next());
        }
        return keywords;
    }

    /** A property name as a location segment: {@code ~} and {@code /} escaped as in a JSON pointer. */
    private static String segment(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    private static String words(List<String> names) {
        if (names.size() == 1) {
            return names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

    private void add(Impact impact, String kind, String location, String detail) {
        into.add(new ShapeChange(tool, impact, kind, location, detail));
    }
}
