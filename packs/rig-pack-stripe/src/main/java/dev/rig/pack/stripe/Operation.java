package dev.rig.pack.stripe;

import java.util.Map;

/**
 * What one tool asks of Stripe, for error messages: the action ({@code "create the customer"}) and
 * which tool argument each Stripe request parameter comes from.
 *
 * @param action what the tool does, completing "Stripe could not ..."
 * @param argOfParam Stripe parameter (top-level name, or exact nested name) to the tool's argument
 */
record Operation(String action, Map<String, String> argOfParam) {

    Operation {
        argOfParam = Map.copyOf(argOfParam);
    }

    /**
     * The argument Stripe's {@code param} names, such as {@code customer_id} for {@code customer} or
     * {@code line_items[0].price} for {@code line_items[0][price]}; null when the tool has no such argument.
     */
    String argFor(String param) {
        if (param == null || param.isBlank()) {
            return null;
        }
        String exact = argOfParam.get(param);
        if (exact != null) {
            return exact;
        }
        int bracket = param.indexOf('[');
        String head = bracket < 0 ? param : param.substring(0, bracket);
        String arg = argOfParam.get(head);
        if (arg == null) {
            return null;
        }
        if (!arg.equals(head) || bracket < 0) {
            return arg;
        }
        return arg + param.substring(bracket).replaceAll("\\[([^\\]0-9][^\\]]*)]", ".$1");
    }
}
