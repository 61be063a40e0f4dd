package dev.rig.pack.stripe;

import dev.rig.spi.ToolCall;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Typed reads of a call's arguments, which the gateway has already validated against the input schema. */
final class Args {

    private Args() {
    }

    /** An integer argument, or null when absent. */
    static Long integer(ToolCall call, String name) {
        Object value = call.args().get(name);
        return value == null ? null : ((Number) value).longValue();
    }

    /** An integer field of an argument object, or {@code fallback} when absent. */
    static long integer(Map<?, ?> object, String name, long fallback) {
        Object value = object.get(name);
        return value == null ? fallback : ((Number) value).longValue();
    }

    /** A string-to-string object argument (Stripe metadata), or an empty map when absent. */
    static Map<String, String> strings(ToolCall call, String name) {
        Map<String, String> strings = new LinkedHashMap<>();
        if (call.args().get(name) instanceof Map<?, ?> map) {
            map.forEach((key, value) -> strings.put(String.valueOf(key), String.valueOf(value)));
        }
        return strings;
    }

    /** An array-of-objects argument, or an empty list when absent. */
    static List<Map<?, ?>> objects(ToolCall call, String name) {
        List<Map<?, ?>> objects = new ArrayList<>();
        if (call.args().get(name) instanceof List<?> list) {
            for (Object item : list) {
                objects.add((Map<?, ?>) item);
            }
        }
        return objects;
    }

    /** A three-letter currency code in Stripe's lower case. */
    static String currency(ToolCall call, String name, String fallback) {
        String value = call.string(name);
        return (value == null ? fallback : value).toLowerCase(Locale.ROOT);
    }
}
