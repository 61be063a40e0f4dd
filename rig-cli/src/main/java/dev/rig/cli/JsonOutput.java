package dev.rig.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rig.core.json.Json;
import java.io.PrintWriter;

/** Prints JSON for people and scripts alike: pretty, one document, ending in a newline. */
final class JsonOutput {

    private JsonOutput() {}

    static void print(PrintWriter out, JsonNode node) {
        try {
            out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot print JSON: " + e.getOriginalMessage(), e);
        }
        out.flush();
    }
}
