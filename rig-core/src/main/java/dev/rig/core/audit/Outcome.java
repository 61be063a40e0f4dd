package dev.rig.core.audit;

import java.util.Locale;

/** How a call ended, as recorded in the audit log. */
public enum Outcome {
    OK,
    ERROR,
    APPROVAL_REQUIRED,
    POLICY_DENIED,
    APPROVAL_DENIED,
    CANCELLED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Outcome fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
