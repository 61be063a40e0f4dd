package dev.rig.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rig.core.json.Json;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Writes a JSON answer: the status, {@code application/json}, the compact document. */
final class JsonReply {

    static final String CONTENT_TYPE = "application/json";

    private JsonReply() {}

    /**
     * Answers {@code document}. When the request body has been read to its end (every call; every
     * route without a body), the answer is written at once with its length, straight to the servlet
     * response, rather than handed to Javalin as a result stream, which copied it through a buffer
     * and a compression wrapper on every call. Otherwise (a body refused before it was read, such as
     * one over the limit) Javalin writes it, so that Jetty can still mark the answer
     * {@code Connection: close} before dropping the unread rest.
     *
     * @throws UncheckedIOException when the connection is gone
     */
    static void send(Context ctx, int status, JsonNode document) {
        byte[] bytes;
        try {
            bytes = Json.MAPPER.writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
        if (!bodyReadToEnd(ctx)) {
            ctx.status(status).contentType(CONTENT_TYPE).result(bytes);
            return;
        }
        HttpServletResponse response = ctx.res();
        response.setStatus(status);
        response.setContentType(CONTENT_TYPE);
        response.setContentLength(bytes.length);
        try {
            response.getOutputStream().write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("the answer could not be written: " + e.getMessage(), e);
        }
    }

    private static boolean bodyReadToEnd(Context ctx) {
        try {
            return ctx.req().getInputStream().isFinished();
        } catch (IOException | IllegalStateException e) { // the body was taken as a reader, or is unreadable
            return false;
        }
    }
}
