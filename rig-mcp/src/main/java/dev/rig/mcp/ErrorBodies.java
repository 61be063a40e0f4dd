package dev.rig.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rig.core.json.Json;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keeps Java internals out of the SDK's HTTP error answers. The SDK's streamable transport writes
 * some errors (malformed message, unknown session) as its serialized {@code McpError} exception,
 * stack trace included (java-sdk issue 955); this response captures any error body written through
 * the writer and sends a plain JSON-RPC error with the same code and message instead.
 */
final class ErrorBodies extends HttpServletResponseWrapper {

    private StringWriter captured;

    ErrorBodies(HttpServletResponse response) {
        super(response);
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        if (getStatus() < 400) {
            return super.getWriter(); // results and SSE streams go straight through
        }
        if (captured == null) {
            captured = new StringWriter();
        }
        return new PrintWriter(captured);
    }

    /** Sends the cleaned error, if one was captured. */
    void finish() throws IOException {
        if (captured == null || captured.getBuffer().isEmpty()) {
            return;
        }
        int code = -32603;
        String message = "the MCP request failed (HTTP " + getStatus() + ")";
        try {
            JsonNode error = Json.parse(captured.toString());
            JsonNode rpc = error.has("jsonRpcError") ? error.get("jsonRpcError") : error.path("error");
            if (rpc.path("code").isInt()) {
                code = rpc.get("code").asInt();
            }
            if (rpc.path("message").isTextual()) {
                message = rpc.get("message").asText();
            }
        } catch (Exception e) {
            // not JSON: keep the generic message
        }
        if (getStatus() == HttpServletResponse.SC_NOT_FOUND) {
            message = message + " (the MCP session is unknown or expired: initialize a new one)";
        }
        setContentType("application/json");
        getResponse().getOutputStream().write(jsonRpcError(code, message, null));
    }

    static byte[] jsonRpcError(int code, String message, Object id) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("jsonrpc", "2.0");
        body.put("id", id);
        body.put("error", error);
        return Json.write(body).getBytes(StandardCharsets.UTF_8);
    }
}
