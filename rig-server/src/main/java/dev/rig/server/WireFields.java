package dev.rig.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rig.core.api.RigException;
import dev.rig.spi.ErrorType;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

/** Checks of the fields a caller sends (body members, headers, query parameters), each error naming the field. */
final class WireFields {

    /** Longest tenant id, actor, request id or correlation id (as {@code CallContext}). */
    static final int MAX_TEXT = 256;

    private WireFields() {}

    /** {@code value} when it is 1..256 characters; otherwise a {@code validation_error} naming {@code field}. */
    static String text(String field, String value) {
        if (value.isEmpty() || value.length() > MAX_TEXT) {
            throw invalid(field + " must be 1.." + MAX_TEXT + " characters, got " + value.length());
        }
        return value;
    }

    /** The string member {@code key} of {@code object} (1..256 characters), or null when absent or null. */
    static String optionalText(ObjectNode object, String key, String field) {
        JsonNode node = object.get(key);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw invalid(field + " must be a string of 1.." + MAX_TEXT + " characters, got " + kind(node));
        }
        return text(field, node.textValue());
    }

    /** Refuses members of {@code object} other than {@code known}; {@code where} names the object. */
    static void rejectUnknown(ObjectNode object, Set<String> known, String where) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw invalid("unknown field '" + shorten(name) + "' in " + where + "; expected one of "
                        + String.join(", ", new TreeSet<>(known)));
            }
        }
    }

    /** What a JSON value is, for messages: {@code a string}, {@code an array}, ... */
    static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case NULL, MISSING -> "null";
            case BINARY -> "binary data";
        };
    }

    /** A caller's value cut to a length fit for a message. */
    static String shorten(String value) {
        return value.length() <= 64 ? value : value.substring(0, 64) + "...";
    }

    static RigException invalid(String message, String... hints) {
        return new RigException(ErrorType.VALIDATION_ERROR, message, hints);
    }
}
