package dev.rig.spi;

import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The secret values a call may use, one per auth slot of its tool, already resolved for the
 * call's tenant.
 *
 * <p>{@link #toString()} names the slots, never the values, so a {@code Secrets} printed by
 * mistake leaks nothing.
 */
public final class Secrets {

    private static final Secrets NONE = new Secrets(Map.of());

    private final Map<String, String> values;

    private Secrets(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /** Secrets holding exactly {@code values} (slot name to value). */
    public static Secrets of(Map<String, String> values) {
        return values.isEmpty() ? NONE : new Secrets(values);
    }

    /** No secrets at all. */
    public static Secrets none() {
        return NONE;
    }

    /** The value of {@code slot}, if the tool declared that slot and it was resolved. */
    public Optional<String> get(String slot) {
        return Optional.ofNullable(values.get(slot));
    }

    /**
     * The value of {@code slot}.
     *
     * @throws ToolException of type {@code auth_error} naming the slot when it has no value
     */
    public String require(String slot) throws ToolException {
        String value = values.get(slot);
        if (value == null) {
            throw ToolException.builder(ErrorType.AUTH_ERROR, "secret " + slot + " is not set")
                    .hint("set " + slot + " in the environment or in .rig/secrets.env")
                    .build();
        }
        return value;
    }

    /** Every secret value; used by the gateway to scrub values from messages. */
    public Iterable<String> values() {
        return values.values();
    }

    @Override
    public String toString() {
        return "Secrets" + new TreeSet<>(values.keySet());
    }
}
