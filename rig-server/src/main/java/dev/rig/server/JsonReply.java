package dev.rig.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rig.core.json.Json;
import io.javalin.http.Context;

/** Writes a JSON answer: the status, {@code application/json}, the compact document. */
final class JsonReply {

    static final String CONTENT_TYPE = "application/json";

    private JsonReply() {}

    static void send(Context ctx, int status, JsonNode document) {
        byte[] bytes;
        try {
            bytes = Json.MAPPER.writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
        ctx.status(status).contentType(CONTENT_TYPE).result(bytes);
    }
}
