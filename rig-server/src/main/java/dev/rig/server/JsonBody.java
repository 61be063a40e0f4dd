package dev.rig.server;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rig.core.api.RigException;
import dev.rig.core.json.Json;
import dev.rig.spi.ErrorType;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A request body as one JSON object, read under the {@code server.max_body_bytes} cap: checked
 * against {@code Content-Length} before a byte is read, and counted while reading, so a chunked
 * body cannot go over it either. An empty body is the empty object.
 */
final class JsonBody {

    private static final ObjectReader READER = Json.MAPPER.reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonBody() {}

    /**
     * Reads and parses the body of {@code ctx}.
     *
     * @throws RigException 413 when over {@code maxBytes}; 400 naming the line and column where the
     *     JSON broke, or when the body is JSON but not an object
     */
    static ObjectNode readObject(Context ctx, long maxBytes) {
        byte[] bytes = read(ctx, maxBytes);
        if (isBlank(bytes)) {
            return JsonNodeFactory.instance.objectNode();
        }
        JsonNode document;
        try {
            document = READER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw WireFields.invalid("request body is not valid JSON" + where(e.getLocation()) + ": "
                    + firstLine(e.getOriginalMessage()), "send one JSON object, such as {\"args\": {}}");
        } catch (IOException e) {
            throw unreadable();
        }
        if (!(document instanceof ObjectNode object)) {
            throw WireFields.invalid("request body must be a JSON object, got " + WireFields.kind(document),
                    "wrap the values in an object, such as {\"args\": {}}");
        }
        return object;
    }

    /** Refuses a request whose declared {@code Content-Length} is over {@code maxBytes}. */
    static void checkDeclaredLength(Context ctx, long maxBytes) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBytes) {
            throw tooLarge(declared + " bytes", maxBytes);
        }
    }

    private static byte[] read(Context ctx, long maxBytes) {
        checkDeclaredLength(ctx, maxBytes);
        long declared = ctx.req().getContentLengthLong();
        if (declared >= 0) { // the common case: one array of the declared size, no copying
            try (InputStream in = ctx.req().getInputStream()) {
                byte[] body = in.readNBytes((int) declared);
                if (body.length < declared || in.read() != -1) { // reading the end marks the body finished
                    throw unreadable();
                }
                return body;
            } catch (IOException e) {
                throw unreadable();
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long total = 0;
        try (InputStream in = ctx.req().getInputStream()) {
            for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
                total += n;
                if (total > maxBytes) {
                    throw tooLarge("more than " + maxBytes + " bytes", maxBytes);
                }
                body.write(buffer, 0, n);
            }
        } catch (IOException e) {
            throw unreadable();
        }
        return body.toByteArray();
    }

    private static RigException tooLarge(String size, long maxBytes) {
        return RigException.withReason(ErrorType.VALIDATION_ERROR, ErrorMapping.BODY_TOO_LARGE,
                "request body is " + size + "; the limit is " + maxBytes + " (server.max_body_bytes)",
                "send a smaller body, or ask the operator to raise server.max_body_bytes in rig.yaml");
    }

    private static RigException unreadable() {
        return WireFields.invalid("request body could not be read to its end", "send the request again");
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "malformed";
        }
        int end = message.indexOf('\n');
        String line = end < 0 ? message : message.substring(0, end);
        return line.length() <= 200 ? line : line.substring(0, 200) + "...";
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }
}
