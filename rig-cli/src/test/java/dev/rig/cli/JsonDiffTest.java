package dev.rig.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rig.core.json.Json;
import org.junit.jupiter.api.Test;

/** The compact diffs {@code rig update} prints under a changed field. */
class JsonDiffTest {

    @Test
    void aChangedStringIsItsOldAndNewLine() throws Exception {
        assertThat(JsonDiff.lines(Json.parse("\"Reads a file.\""), Json.parse("\"Reads a file, then mails it.\"")))
                .containsExactly("- \"Reads a file.\"", "+ \"Reads a file, then mails it.\"");
    }

    @Test
    void anObjectShowsTheChangedLinesWithOneLineOfContext() throws Exception {
        var before = Json.parse("{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"},\"b\":{\"type\":\"string\"},"
                + "\"c\":{\"type\":\"string\"},\"d\":{\"type\":\"string\"}},\"required\":[\"a\"]}");
        var after = Json.parse("{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"},\"b\":{\"type\":\"string\"},"
                + "\"c\":{\"type\":\"string\"},\"d\":{\"type\":\"integer\"}},\"required\":[\"a\",\"d\"]}");

        assertThat(JsonDiff.lines(before, after)).containsExactly(
                "      \"d\" : {",
                "-       \"type\" : \"string\"",
                "+       \"type\" : \"integer\"",
                "      }",
                "    },",
                "-   \"required\" : [ \"a\" ]",
                "+   \"required\" : [ \"a\", \"d\" ]",
                "  }");
    }

    @Test
    void aFieldThatAppearsIsAllAdditionsAndALongDiffIsCut() throws Exception {
        StringBuilder big = new StringBuilder("{");
        for (int i = 0; i < 30; i++) {
            big.append(i == 0 ? "" : ",").append("\"p").append(i).append("\":").append(i);
        }
        var lines = JsonDiff.lines(null, Json.parse(big.append("}").toString()));

        assertThat(lines).hasSize(15).allMatch(l -> l.startsWith("+ ") || l.startsWith("… "));
        assertThat(lines.get(14)).isEqualTo("… 18 more changed lines");
    }
}
