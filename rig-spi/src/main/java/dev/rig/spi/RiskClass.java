package dev.rig.spi;

import java.util.Locale;

/** How much harm a tool can do; decides whether a call waits for human approval. */
public enum RiskClass {
    /** Reads data; no side effect. */
    READ,
    /** Creates or changes data that can be changed back. */
    WRITE,
    /** Changes infrastructure (deploys, DNS, permissions). */
    INFRA,
    /** Moves or commits money. */
    MONEY,
    /** Deletes or overwrites data that cannot be recovered. */
    DESTRUCTIVE;

    /** The lower-case name used on the wire and in config ({@code read}, {@code money}, ...). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a wire name.
     *
     * @throws IllegalArgumentException naming the accepted values when {@code value} is not one
     */
    public static RiskClass fromWire(String value) {
        for (RiskClass risk : values()) {
            if (risk.wireName().equals(value)) {
                return risk;
            }
        }
        throw new IllegalArgumentException("unknown risk class '" + value
                + "': expected one of read, write, infra, money, destructive");
    }
}
