package dev.rig.pack.google;

import dev.rig.spi.ErrorType;
import dev.rig.spi.ToolCall;
import dev.rig.spi.ToolException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a call's arguments. The gateway has checked them against the input schema already; these
 * checks hold the tools to the same rules when they are called directly.
 */
final class Args {

    private Args() {
    }

    static String required(ToolCall call, String name) throws ToolException {
        String value = optional(call, name, null);
        if (value == null || value.isEmpty()) {
            throw invalid(name + " is required");
        }
        return value;
    }

    static String optional(ToolCall call, String name, String fallback) throws ToolException {
        Object value = call.args().get(name);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof String text)) {
            throw invalid(name + " must be a string");
        }
        return text;
    }

    static int integer(ToolCall call, String name, int fallback, int min, int max) throws ToolException {
        Object value = call.args().get(name);
        if (value == null) {
            return fallback;
        }
        try {
            int number = value instanceof Number n ? new BigDecimal(n.toString()).intValueExact() : -1;
            if (value instanceof Number && number >= min && number <= max) {
                return number;
            }
        } catch (ArithmeticException | NumberFormatException e) {
            // reported below
        }
        throw invalid(name + " must be an integer from " + min + " to " + max);
    }

    static boolean bool(ToolCall call, String name, boolean fallback) throws ToolException {
        Object value = call.args().get(name);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Boolean flag)) {
            throw invalid(name + " must be true or false");
        }
        return flag;
    }

    /** A 2-D array of cell values (strings, numbers, booleans, nulls). */
    static List<List<Object>> grid(ToolCall call, String name) throws ToolException {
        if (!(call.args().get(name) instanceof List<?> rows)) {
            throw invalid(name + " must be an array of rows, each an array of cell values");
        }
        List<List<Object>> grid = new ArrayList<>();
        for (Object row : rows) {
            if (!(row instanceof List<?> cells)) {
                throw invalid(name + " must be an array of rows, each an array of cell values");
            }
            List<Object> copy = new ArrayList<>();
            for (Object cell : cells) {
                if (cell != null && !(cell instanceof String || cell instanceof Number || cell instanceof Boolean)) {
                    throw invalid(name + " cells must be strings, numbers, booleans or null");
                }
                copy.add(cell);
            }
            grid.add(copy);
        }
        return grid;
    }

    /** Google's parsed JSON (BigDecimal numbers, its own maps) as plain JSON-like values. */
    static Object plain(Object value) {
        if (value instanceof BigDecimal decimal) {
            try {
                return decimal.longValueExact();
            } catch (ArithmeticException notWhole) {
                return decimal.doubleValue();
            }
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object item : list) {
                out.add(plain(item));
            }
            return out;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new java.util.LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), plain(v)));
            return out;
        }
        return value;
    }

    private static ToolException invalid(String message) {
        return ToolException.builder(ErrorType.VALIDATION_ERROR, message).hint("see the tool's input schema").build();
    }
}
