package dev.rig.core.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rig.core.json.Json;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** One focused case per rule of {@link ShapeDiff}: tools, tool fields, input, output and error schemas. */
class ShapeDiffTest {

    private static final String TOOL = "stripe.create_refund";

    /** JSON text with single quotes for double ones, so schemas read naturally in Java strings. */
    static JsonNode json(String text) {
        try {
            return Json.parse(text.replace('\'', '"'));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A tool definition in RTP wire form, with empty object schemas. */
    static ObjectNode tool(String name) {
        return (ObjectNode) json("""
                {'name': '%s', 'description': 'Refunds a charge.',
                 'input_schema': {'type': 'object'}, 'output_schema': {'type': 'object'}, 'error_schema': {'type': 'object'},
                 'auth_slots': ['stripe_key'], 'risk_class': 'money', 'tags': ['payments'],
                 'policy_defaults': {'timeout_seconds': 30}, 'examples': [], 'idempotent': true}
                """.formatted(name));
    }

    /** The diff between the default tool and the same tool after {@code edit}. */
    static ShapeDiff edited(Consumer<ObjectNode> edit) {
        ObjectNode after = tool(TOOL);
        edit.accept(after);
        return ShapeDiff.between(Map.of(TOOL, tool(TOOL)), Map.of(TOOL, after));
    }

    /** The diff between two versions of one schema field ({@code input_schema}, ...) of the default tool. */
    static ShapeDiff schemas(String field, String before, String after) {
        ObjectNode old = tool(TOOL);
        old.set(field, json(before));
        ObjectNode now = tool(TOOL);
        now.set(field, json(after));
        return ShapeDiff.between(Map.of(TOOL, old), Map.of(TOOL, now));
    }

    static ShapeDiff input(String before, String after) {
        return schemas("input_schema", before, after);
    }

    static ShapeDiff output(String before, String after) {
        return schemas("output_schema", before, after);
    }

    static void assertOnly(ShapeDiff diff, Impact impact, String kind, String location, String detail) {
        assertThat(diff.changes()).extracting(ShapeChange::impact, ShapeChange::kind, ShapeChange::location, ShapeChange::detail)
                .containsExactly(tuple(impact, kind, location, detail));
    }

    @Test
    void theSameToolsGiveNoChange() {
        ShapeDiff diff = ShapeDiff.between(Map.of(TOOL, tool(TOOL)), Map.of(TOOL, tool(TOOL)));
        assertThat(diff.isEmpty()).isTrue();
        assertThat(diff.breaking()).isFalse();
        assertThat(diff.lines()).isEmpty();
    }

    @Nested
    class Tools {

        @Test
        void anAddedToolIsCompatibleAndNamesItsRiskClass() {
            ShapeDiff diff = ShapeDiff.between(Map.of(), Map.of(TOOL, tool(TOOL)));
            assertOnly(diff, Impact.COMPATIBLE, "tool_added", "", "tool added (risk class money)");
        }

        @Test
        void aRemovedToolIsBreaking() {
            ShapeDiff diff = ShapeDiff.between(Map.of(TOOL, tool(TOOL)), Map.of());
            assertOnly(diff, Impact.BREAKING, "tool_removed", "", "tool removed");
            assertThat(diff.breaking()).isTrue();
        }

        @Test
        void aRaisedRiskClassIsBreakingAndALoweredOneCompatible() {
            ObjectNode read = tool(TOOL).put("risk_class", "read");
            ShapeDiff raised = ShapeDiff.between(Map.of(TOOL, read), Map.of(TOOL, tool(TOOL)));
            assertOnly(raised, Impact.BREAKING, "risk_raised", "risk_class", "risk class raised from read to money");
            ShapeDiff lowered = ShapeDiff.between(Map.of(TOOL, tool(TOOL)), Map.of(TOOL, read));
            assertOnly(lowered, Impact.COMPATIBLE, "risk_lowered", "risk_class", "risk class lowered from money to read");
        }

        @Test
        void anAddedAuthSlotIsBreakingAndARemovedOneCompatible() {
            ShapeDiff added = edited(t -> t.withArray("auth_slots").add("stripe_account"));
            assertOnly(added, Impact.BREAKING, "auth_slot_added", "auth_slots",
                    "auth slot 'stripe_account' added: a new secret is needed");
            ShapeDiff removed = edited(t -> t.putArray("auth_slots"));
            assertOnly(removed, Impact.COMPATIBLE, "auth_slot_removed", "auth_slots", "auth slot 'stripe_key' no longer needed");
        }

        @Test
        void aChangedDescriptionIsANote() {
            assertOnly(edited(t -> t.put("description", "Refunds a charge, fully or in part.")),
                    Impact.NOTE, "description_changed", "description", "description changed");
        }

        @Test
        void losingOrGainingIdempotencyIsANote() {
            assertOnly(edited(t -> t.put("idempotent", false)), Impact.NOTE, "no_longer_idempotent", "idempotent",
                    "no longer idempotent: failed calls are not retried");
            ShapeDiff gained = ShapeDiff.between(Map.of(TOOL, tool(TOOL).put("idempotent", false)), Map.of(TOOL, tool(TOOL)));
            assertOnly(gained, Impact.NOTE, "now_idempotent", "idempotent", "now idempotent: failed calls may be retried");
        }

        @Test
        void tagsExamplesAndPolicyDefaultsAreNotes() {
            ShapeDiff diff = edited(t -> {
                t.withArray("tags").add("refunds");
                t.withArray("examples").addObject().put("name", "full refund");
                t.putObject("policy_defaults").put("timeout_seconds", 60);
            });
            assertThat(diff.changes()).extracting(ShapeChange::impact, ShapeChange::kind, ShapeChange::location)
                    .containsExactly(
                            tuple(Impact.NOTE, "examples_changed", "examples"),
                            tuple(Impact.NOTE, "policy_defaults_changed", "policy_defaults"),
                            tuple(Impact.NOTE, "tags_changed", "tags"));
            assertThat(diff.changes().get(2).detail()).isEqualTo("tags changed from [\"payments\"] to [\"payments\",\"refunds\"]");
        }

        @Test
        void anUnknownFieldIsANote() {
            assertOnly(edited(t -> t.put("x_vendor", 1)), Impact.NOTE, "field_changed", "x_vendor", "field 'x_vendor' changed");
        }
    }

    @Nested
    class InputSchema {

        private static final String CHARGE = """
                {'type': 'object', 'required': ['charge'],
                 'properties': {'charge': {'type': 'string'}, 'amount': {'type': 'integer', 'minimum': 1}}}""";

        @Test
        void aNewRequiredInputIsBreaking() {
            ShapeDiff diff = input(CHARGE, """
                    {'type': 'object', 'required': ['charge', 'reason'],
                     'properties': {'charge': {'type': 'string'}, 'amount': {'type': 'integer', 'minimum': 1},
                                    'reason': {'type': 'string'}}}""");
            assertOnly(diff, Impact.BREAKING, "required_input_added", "input_schema/properties/reason",
                    "required input 'reason' added");
        }

        @Test
        void anOptionalInputThatBecomesRequiredIsBreaking() {
            ShapeDiff diff = input(CHARGE, CHARGE.replace("['charge']", "['charge', 'amount']"));
            assertOnly(diff, Impact.BREAKING, "input_became_required", "input_schema/properties/amount",
                    "input 'amount' became required");
        }

        @Test
        void aRequiredInputThatBecomesOptionalIsCompatible() {
            ShapeDiff diff = input(CHARGE, CHARGE.replace("'required': ['charge'],", ""));
            assertOnly(diff, Impact.COMPATIBLE, "input_became_optional", "input_schema/properties/charge",
                    "input 'charge' became optional");
        }

        @Test
        void aNewOptionalInputIsCompatible() {
            ShapeDiff diff = input(CHARGE, CHARGE.replace("'amount'", "'memo': {'type': 'string'}, 'amount'"));
            assertOnly(diff, Impact.COMPATIBLE, "optional_input_added", "input_schema/properties/memo",
                    "optional input 'memo' added");
        }

        @Test
        void aRemovedInputIsBreaking() {
            ShapeDiff diff = input(CHARGE, "{'type': 'object', 'required': ['charge'], 'properties': {'charge': {'type': 'string'}}}");
            assertOnly(diff, Impact.BREAKING, "input_removed", "input_schema/properties/amount", "input 'amount' removed");
        }

        @Test
        void aTypeThatAcceptsLessIsNarrowedAndBreaking() {
            assertOnly(input("{'type': ['number', 'string']}", "{'type': 'string'}"), Impact.BREAKING, "type_narrowed",
                    "input_schema", "type narrowed from [number, string] to [string]");
            assertOnly(input("{}", "{'type': 'object'}"), Impact.BREAKING, "type_narrowed", "input_schema",
                    "type narrowed from any to [object]");
            assertOnly(input("{'type': 'number'}", "{'type': 'integer'}"), Impact.BREAKING, "type_narrowed",
                    "input_schema", "type narrowed from [number] to [integer]");
        }

        @Test
        void aTypeThatAcceptsOtherValuesIsChangedAndBreaking() {
            assertOnly(input("{'type': 'string'}", "{'type': 'integer'}"), Impact.BREAKING, "type_changed", "input_schema",
                    "type changed from [string] to [integer]");
        }

        @Test
        void aTypeThatAcceptsMoreIsWidenedAndCompatibleAndIntegerToNumberIsWidening() {
            assertOnly(input("{'type': 'string'}", "{'type': ['string', 'null']}"), Impact.COMPATIBLE, "type_widened",
                    "input_schema", "type widened from [string] to [null, string]");
            assertOnly(input("{'type': 'integer'}", "{'type': 'number'}"), Impact.COMPATIBLE, "type_widened",
                    "input_schema", "type widened from [integer] to [number]");
            assertOnly(input("{'type': 'integer'}", "{}"), Impact.COMPATIBLE, "type_widened", "input_schema",
                    "type widened from [integer] to any");
        }

        @Test
        void aRemovedEnumValueIsBreakingAndAnAddedOneCompatible() {
            ShapeDiff diff = input("{'enum': ['usd', 'eur', 'gbp']}", "{'enum': ['usd', 'eur', 'jpy']}");
            assertThat(diff.changes()).extracting(ShapeChange::impact, ShapeChange::kind, ShapeChange::detail).containsExactly(
                    tuple(Impact.BREAKING, "enum_value_removed", "enum value \"gbp\" removed"),
                    tuple(Impact.COMPATIBLE, "enum_value_added", "enum value \"jpy\" added"));
        }

        @Test
        void anEnumWhereNoneWasIsBreakingAndDroppingOneCompatible() {
            assertOnly(input("{'type': 'string'}", "{'type': 'string', 'enum': ['usd']}"), Impact.BREAKING, "enum_added",
                    "input_schema", "enum added: only [\"usd\"] accepted");
            assertOnly(input("{'type': 'string', 'enum': ['usd']}", "{'type': 'string'}"), Impact.COMPATIBLE,
                    "enum_removed", "input_schema", "enum [\"usd\"] dropped: any value accepted");
        }

        @Test
        void constIsAOneValueEnumAndNumbersCompareByValue() {
            assertOnly(input("{'const': 'a'}", "{'enum': ['a', 'b']}"), Impact.COMPATIBLE, "enum_value_added",
                    "input_schema", "enum value \"b\" added");
            assertThat(input("{'enum': [1, 2]}", "{'enum': [1.0, 2.00]}").isEmpty()).isTrue();
        }

        @Test
        void tighterBoundsAreBreaking() {
            ShapeDiff diff = input("{'minimum': 1, 'maximum': 100, 'maxLength': 10}",
                    "{'minimum': 5, 'maximum': 50, 'maxLength': 10, 'minItems': 1}");
            assertThat(diff.changes()).extracting(ShapeChange::impact, ShapeChange::kind, ShapeChange::detail)
                    .containsExactly(
                            tuple(Impact.BREAKING, "constraint_tightened", "maximum lowered from 100 to 50"),
                            tuple(Impact.BREAKING, "constraint_tightened", "minItems 1 added"),
                            tuple(Impact.BREAKING, "constraint_tightened", "minimum raised from 1 to 5"));
        }

        @Test
        void looserOrDroppedBoundsAreCompatible() {
            ShapeDiff diff = input("{'exclusiveMinimum': 0, 'maxItems': 3, 'minLength': 2}",
                    "{'exclusiveMinimum': -1, 'maxItems': 5}");
            assertThat(diff.changes()).extracting(ShapeChange::impact, ShapeChange::kind, ShapeChange::detail)
                    .containsExactly(
                            tuple(Impact.COMPATIBLE, "constraint_relaxed", "exclusiveMinimum lowered from 0 to -1"),
                            tuple(Impact.COMPATIBLE, "constraint_relaxed", "maxItems raised from 3 to 5"),
                            tuple(Impact.COMPATIBLE, "constraint_relaxed", "minLength 2 dropped"));
        }

        @Test
        void minAndMaxPropertiesAreBoundsToo() {
            ShapeDiff diff = input("{'maxProperties': 5}", "{'maxProperties': 3, 'minProperties': 1}");
            assertThat(diff.changes()).extracting(ShapeChange::impact, ShapeChange::detail).containsExactly(
                    tuple(Impact.BREAKING, "maxProperties lowered from 5 to 3"),
                    tuple(Impact.BREAKING, "minProperties 1 added"));
        }

        @Test
        void aChangedPatternFormatOrMultipleOfIsBreaking() {
            ShapeDiff diff = input("{'pattern': '^ch_', 'format': 'email', 'multipleOf': 10}",
                    "{'pattern': '^py_', 'format': 'uri', 'multipleOf': 5}");
            assertThat(diff.of(Impact.BREAKING)).extracting(ShapeChange::kind).containsOnly("constraint_tightened");
            assertThat(diff.changes()).extracting(ShapeChange::detail).containsExactly(
                    "format changed from \"email\" to \"uri\"",
                    "multipleOf changed from 10 to 5",
                    "pattern changed from \"^ch_\" to \"^py_\"");
        }

        @Test
        void closingAdditionalPropertiesOrRequiringUniqueItemsIsBreakingAndTheReverseCompatible() {
            assertOnly(input("{'type': 'object'}", "{'type': 'object', 'additionalProperties': false}"), Impact.BREAKING,
                    "constraint_tightened", "input_schema", "additionalProperties false added: undeclared fields refused");
            assertOnly(input("{'additionalProperties': false}", "{}"), Impact.COMPATIBLE, "constraint_relaxed",
                    "input_schema", "additionalProperties false dropped: undeclared fields accepted");
            assertOnly(input("{'type': 'array'}", "{'type': 'array', 'uniqueItems': true}"), Impact.BREAKING,
                    "constraint_tightened", "input_schema", "uniqueItems added: items must differ");
        }

        @Test
        void changesAreFoundInsideItemsAndAdditionalProperties() {
            ShapeDiff diff = input("""
                    {'type': 'object', 'properties': {'lines': {'type': 'array', 'items': {'type': 'object',
                      'properties': {'sku': {'type': 'string'}}}}},
                     'additionalProperties': {'type': 'string'}}""", """
                    {'type': 'object', 'properties': {'lines': {'type': 'array', 'items': {'type': 'object',
                      'properties': {'sku': {'type': 'string', 'maxLength': 12}}}}},
                     'additionalProperties': {'type': ['string', 'number']}}""");
            assertThat(diff.changes()).extracting(ShapeChange::impact, ShapeChange::kind, ShapeChange::location)
                    .containsExactly(
                            tuple(Impact.BREAKING, "constraint_tightened", "input_schema/properties/lines/items/properties/sku"),
                            tuple(Impact.COMPATIBLE, "type_widened", "input_schema/additionalProperties"));
        }

        @Test
        void aPropertysDescriptionTitleOrExamplesAreANote() {
            assertOnly(input("{'properties': {'a': {'type': 'string', 'description': 'x'}}}",
                            "{'properties': {'a': {'type': 'string', 'description': 'y', 'title': 'A', 'examples': ['z']}}}"),
                    Impact.NOTE, "description_changed", "input_schema/properties/a", "description, title and examples changed");
        }
    }

    @Nested
    class OutputAndErrorSchemas {

        private static final String REFUND = """
                {'type': 'object', 'required': ['id'],
                 'properties': {'id': {'type': 'string'}, 'status': {'enum': ['pending', 'succeeded']}}}""";

        @Test
        void aRemovedFieldIsBreakingAndAnAddedOneCompatible() {
            assertOnly(output(REFUND, "{'type': 'object', 'required': ['id'], 'properties': {'id': {'type': 'string'}}}"),
                    Impact.BREAKING, "output_field_removed", "output_schema/properties/status", "output field 'status' removed");
            assertOnly(output(REFUND, REFUND.replace("'status'", "'amount': {'type': 'integer'}, 'status'")),
                    Impact.COMPATIBLE, "output_field_added", "output_schema/properties/amount", "output field 'amount' added");
        }

        @Test
        void aRequiredFieldThatBecomesOptionalIsBreakingAndTheReverseCompatible() {
            assertOnly(output(REFUND, REFUND.replace("'required': ['id'],", "")), Impact.BREAKING, "output_field_optional",
                    "output_schema/properties/id", "output field 'id' may now be absent");
            assertOnly(output(REFUND, REFUND.replace("['id']", "['id', 'status']")), Impact.COMPATIBLE,
                    "output_field_required", "output_schema/properties/status", "output field 'status' is now always present");
        }

        @Test
        void aTypeCallersDoNotExpectIsBreakingAndANarrowerOneCompatible() {
            assertOnly(output("{'type': 'integer'}", "{'type': 'number'}"), Impact.BREAKING, "type_widened",
                    "output_schema", "type widened from [integer] to [number]");
            assertOnly(output("{'type': 'string'}", "{'type': 'integer'}"), Impact.BREAKING, "type_changed",
                    "output_schema", "type changed from [string] to [integer]");
            assertOnly(output("{'type': ['string', 'null']}", "{'type': 'string'}"), Impact.COMPATIBLE, "type_narrowed",
                    "output_schema", "type narrowed from [null, string] to [string]");
        }

        @Test
        void aNewEnumValueIsBreakingAndARemovedOneCompatible() {
            ShapeDiff diff = output(REFUND, REFUND.replace("['pending', 'succeeded']", "['succeeded', 'failed']"));
            assertThat(diff.changes()).extracting(ShapeChange::impact, ShapeChange::kind, ShapeChange::location)
                    .containsExactly(
                            tuple(Impact.BREAKING, "enum_value_added", "output_schema/properties/status"),
                            tuple(Impact.COMPATIBLE, "enum_value_removed", "output_schema/properties/status"));
        }

        @Test
        void droppingAnOutputEnumIsBreaking() {
            assertOnly(output("{'enum': ['a']}", "{}"), Impact.BREAKING, "enum_removed", "output_schema",
                    "enum [\"a\"] dropped: any value may be returned");
        }

        @Test
        void constraintChangesAreNotes() {
            ShapeDiff diff = output("{'maximum': 10, 'pattern': 'a'}", "{'maximum': 20, 'additionalProperties': false}");
            assertThat(diff.changes()).extracting(ShapeChange::impact, ShapeChange::kind, ShapeChange::detail)
                    .containsExactly(
                            tuple(Impact.NOTE, "constraint_changed", "additionalProperties false added: undeclared fields refused"),
                            tuple(Impact.NOTE, "constraint_changed", "maximum raised from 10 to 20"),
                            tuple(Impact.NOTE, "constraint_changed", "pattern \"a\" dropped"));
        }

        @Test
        void errorSchemasFollowTheOutputRulesUnderTheirOwnLocation() {
            ShapeDiff diff = schemas("error_schema", "{'properties': {'code': {'type': 'string'}}}", "{'properties': {}}");
            assertOnly(diff, Impact.BREAKING, "output_field_removed", "error_schema/properties/code", "error field 'code' removed");
        }
    }

    @Nested
    class KeywordsItDoesNotModel {

        @Test
        void differingRefOrCombinatorsAreOneNoteWithoutLookingInside() {
            ShapeDiff diff = input("""
                    {'properties': {'a': {'$ref': '#/$defs/x', 'oneOf': [{'type': 'string'}]}}}""", """
                    {'properties': {'a': {'$ref': '#/$defs/y', 'oneOf': [{'type': 'integer', 'required': ['q']}]}}}""");
            assertOnly(diff, Impact.NOTE, "schema_changed", "input_schema/properties/a",
                    "keywords $ref, oneOf changed (not compared in detail)");
        }

        @Test
        void oddJsonNeverThrows() {
            List<String> odd = List.of("null", "7", "'text'", "[]", "false", "true", "{'type': 7}", "{'type': [1]}",
                    "{'properties': []}", "{'required': 'a'}", "{'enum': 'a'}", "{'items': [{}]}", "{'prefixItems': {}}",
                    "{'minimum': 'x'}", "{'additionalProperties': 3}", "{'properties': {'a': 5}}");
            for (String before : odd) {
                for (String after : odd) {
                    assertThat(input(before, after).changes()).isNotNull();
                    assertThat(output(before, after).changes()).isNotNull();
                }
            }
            Map<String, JsonNode> junk = new LinkedHashMap<>();
            junk.put("a", json("[1, 2]"));
            junk.put("b", null);
            junk.put("c", json("{'risk_class': 7, 'auth_slots': 'x', 'idempotent': 'yes'}"));
            assertThat(ShapeDiff.between(junk, Map.of("a", tool("a"), "c", tool("c"))).changes()).isNotEmpty();
            assertThat(ShapeDiff.between(null, null).isEmpty()).isTrue();
        }

        /** 1,000 levels: the deepest document Jackson's parser reads by default. */
        @Test
        void aDeeplyNestedSchemaIsComparedWithoutExhaustingTheStack() {
            ObjectNode old = Json.MAPPER.createObjectNode();
            ObjectNode now = Json.MAPPER.createObjectNode();
            ObjectNode a = old;
            ObjectNode b = now;
            for (int i = 0; i < 1_000; i++) {
                a = a.putObject("items");
                b = b.putObject("items");
            }
            b.put("type", "string");
            ObjectNode before = tool(TOOL);
            before.set("input_schema", old);
            ObjectNode after = tool(TOOL);
            after.set("input_schema", now);
            ShapeDiff diff = ShapeDiff.between(Map.of(TOOL, before), Map.of(TOOL, after));
            assertThat(diff.changes()).singleElement().extracting(ShapeChange::kind).isEqualTo("schema_changed");
        }
    }

    @Nested
    class Reports {

        private ShapeDiff mixed() {
            ObjectNode refundNow = tool(TOOL);
            refundNow.put("description", "new words");
            refundNow.set("input_schema", json("{'type': 'object', 'required': ['reason'], 'properties': {'reason': {'type': 'string'}}}"));
            ObjectNode charge = tool("stripe.create_charge").put("risk_class", "write");
            return ShapeDiff.between(
                    Map.of(TOOL, tool(TOOL), "stripe.list_charges", tool("stripe.list_charges")),
                    Map.of(TOOL, refundNow, "stripe.create_charge", charge));
        }

        @Test
        void linesPutBreakingFirstThenCompatibleThenNotesInAlignedColumns() {
            assertThat(mixed().lines()).containsExactly(
                    "breaking    stripe.create_refund  input_schema/properties/reason: required input 'reason' added",
                    "breaking    stripe.list_charges   tool removed",
                    "compatible  stripe.create_charge  tool added (risk class write)",
                    "note        stripe.create_refund  description: description changed");
        }

        @Test
        void toJsonCountsEachImpactAndListsTheChangesInOrder() throws JsonProcessingException {
            JsonNode expected = Json.parse("""
                    {"breaking": 2, "compatible": 1, "notes": 1, "changes": [
                      {"tool": "stripe.create_refund", "impact": "breaking", "kind": "required_input_added",
                       "location": "input_schema/properties/reason", "detail": "required input 'reason' added"},
                      {"tool": "stripe.list_charges", "impact": "breaking", "kind": "tool_removed", "location": "",
                       "detail": "tool removed"},
                      {"tool": "stripe.create_charge", "impact": "compatible", "kind": "tool_added", "location": "",
                       "detail": "tool added (risk class write)"},
                      {"tool": "stripe.create_refund", "impact": "note", "kind": "description_changed",
                       "location": "description", "detail": "description changed"}]}""");
            assertThat(mixed().toJson()).isEqualTo(expected);
        }

        @Test
        void ofFiltersByImpactAndTheRecordKeepsItsOrderWhateverItIsGiven() {
            ShapeChange note = new ShapeChange("a", Impact.NOTE, "tags_changed", "tags", "tags changed");
            ShapeChange compatible = new ShapeChange("z", Impact.COMPATIBLE, "tool_added", "", "tool added");
            ShapeChange breakingB = new ShapeChange("b", Impact.BREAKING, "tool_removed", "", "tool removed");
            ShapeChange breakingA = new ShapeChange("a", Impact.BREAKING, "risk_raised", "risk_class", "risk class raised");
            ShapeDiff diff = new ShapeDiff(List.of(note, compatible, breakingB, breakingA));
            assertThat(diff.changes()).containsExactly(breakingA, breakingB, compatible, note);
            assertThat(diff.of(Impact.BREAKING)).containsExactly(breakingA, breakingB);
            assertThat(diff.of(Impact.NOTE)).containsExactly(note);
            assertThat(Impact.COMPATIBLE.wireName()).isEqualTo("compatible");
        }
    }
}
