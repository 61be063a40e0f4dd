package dev.rig.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 8785 canonical JSON: key order, escapes and ECMAScript number forms. */
class CanonicalJsonTest {

    @Test
    void sortsKeysByUtf16CodeUnitsAndDropsWhitespace() throws Exception {
        String text = "{ \"b\": [1, {\"z\": true, \"a\": null}], \"a\": \"x\", \"\u20ac\": 1, \"\ud83d\ude00\": 2, \"\\r\": 3 }";
        assertThat(CanonicalJson.write(Json.parse(text)))
                .isEqualTo("{\"\\r\":3,\"a\":\"x\",\"b\":[1,{\"a\":null,\"z\":true}],\"\u20ac\":1,\"\ud83d\ude00\":2}");
    }

    @Test
    void escapesOnlyWhatJsonRequires() throws Exception {
        assertThat(CanonicalJson.write(Json.parse("\"\\u0001\\u001f/\\u00e9\\\"\\\\\\n\""))).isEqualTo(
                "\"\\u0001\\u001f/\u00e9\\\"\\\\\\n\"");
    }

    @ParameterizedTest
    @CsvSource({
            "0, 0", "-0.0, 0", "1.0, 1", "100, 100", "1E2, 100", "0.000001, 0.000001", "1e-7, 1e-7",
            "1e21, 1e+21", "123456789012345680000, 123456789012345680000", "4.5, 4.5",
            "0.1, 0.1", "-1.5e-10, -1.5e-10", "9007199254740993, 9007199254740992", "333333333.33333329, 333333333.3333333",
    })
    void writesNumbersAsEcmaScriptDoes(String input, String expected) throws Exception {
        assertThat(CanonicalJson.write(Json.parse(input))).isEqualTo(expected);
    }

    @Test
    void hashDoesNotDependOnKeyOrderOrSpacing() throws Exception {
        assertThat(CanonicalJson.sha256(Json.parse("{\"a\":1,\"b\":[true]}")))
                .isEqualTo(CanonicalJson.sha256(Json.parse("{ \"b\" : [ true ] , \"a\" : 1.0 }")))
                .matches("[0-9a-f]{64}");
    }
}
