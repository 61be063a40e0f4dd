package dev.rig.core.pipeline;

import dev.rig.spi.Secrets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Removes secrets from what is stored or shown: input fields marked {@code writeOnly}, and any
 * text equal to (or containing) a resolved secret value.
 */
final class Redaction {

    static final String MASK = "[redacted]";

    private Redaction() {}

    /** {@code args} with secret fields and secret values masked (top level and nested). */
    static Map<String, Object> args(Map<String, Object> args, Set<String> secretFields, Secrets secrets) {
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : args.entrySet()) {
            copy.put(entry.getKey(), secretFields.contains(entry.getKey()) ? MASK : value(entry.getValue(), secrets));
        }
        return copy;
    }

    /** {@code text} with every secret value replaced by the mask. */
    static String text(String text, Secrets secrets) {
        if (text == null || secrets == null) {
            return text;
        }
        String result = text;
        for (String secret : secrets.values()) {
            if (!secret.isEmpty()) {
                result = result.replace(secret, MASK);
            }
        }
        return result;
    }

    private static Object value(Object value, Secrets secrets) {
        if (value instanceof String s) {
            return text(s, secrets);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), value(v, secrets)));
            return copy;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(v -> value(v, secrets)).toList();
        }
        return value;
    }
}
