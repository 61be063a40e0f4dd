package dev.rig.server;

import dev.rig.core.api.CorrelationId;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.rig.core.api.RigException;
import dev.rig.core.json.Json;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's answer to a request it refuses before any route sees it (a malformed URI, headers too
 * large, a bad {@code Content-Length}): the same JSON error body as every other failure instead of
 * Jetty's HTML page, with a fresh correlation id and never a stack trace.
 */
final class ProtocolErrors extends ErrorHandler {

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        String correlationId = CorrelationId.next();
        String text = code >= 500
                ? "internal error; see the gateway log for correlation id " + correlationId
                : "request refused by the HTTP layer: " + code + " "
                        + WireFields.shorten(message != null ? message : HttpStatus.getMessage(code));
        byte[] body;
        try {
            body = Json.MAPPER.writeValueAsBytes(
                    ErrorMapping.body(new RigException(ErrorMapping.typeOf(code), text), correlationId));
        } catch (JsonProcessingException e) {
            callback.failed(e);
            return;
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, JsonReply.CONTENT_TYPE);
        response.getHeaders().put(RgpHeaders.CORRELATION_ID, correlationId);
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
