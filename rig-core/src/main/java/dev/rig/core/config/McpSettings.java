package dev.rig.core.config;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The {@code mcp:} section of {@code rig.yaml}: how the gateway's tools are exported over MCP.
 *
 * <p>{@code http}: serve streamable HTTP at {@code /mcp} on the RGP port (default true).
 * {@code stateless}: no MCP session lives in the process, for gateways behind a load balancer
 * (default false; no progress, logging, elicitation or list_changed then). {@code allowedOrigins}
 * and {@code allowedHosts}: what the {@code Origin} and {@code Host} headers may say (DNS rebinding
 * protection); a {@code :*} suffix allows any port; empty {@code allowedHosts} skips the Host check.
 * {@code approvals}: how an approval-required call is handled (see {@link ApprovalMode}).
 */
public record McpSettings(boolean http, boolean stateless, List<String> allowedOrigins, List<String> allowedHosts,
                          ApprovalMode approvals) {

    /** Browsers on this machine. */
    public static final List<String> LOCAL_ORIGINS = List.of("http://localhost:*", "http://127.0.0.1:*",
            "http://[::1]:*", "https://localhost:*", "https://127.0.0.1:*", "https://[::1]:*");

    /** The names this machine is reached by. */
    public static final List<String> LOCAL_HOSTS = List.of("localhost:*", "127.0.0.1:*", "[::1]:*", "localhost",
            "127.0.0.1", "[::1]");

    public static final McpSettings DEFAULTS = new McpSettings(true, false, LOCAL_ORIGINS, LOCAL_HOSTS,
            ApprovalMode.MESSAGE);

    public McpSettings {
        allowedOrigins = List.copyOf(allowedOrigins);
        allowedHosts = List.copyOf(allowedHosts);
        Objects.requireNonNull(approvals, "approvals");
    }

    /** What an MCP client sees when a call needs a human's approval. */
    public enum ApprovalMode {
        /** An error result telling the human what waits and how to approve it (CLI and RGP). */
        MESSAGE,
        /** Ask the user through MCP elicitation where the client supports it; else as MESSAGE. */
        ELICITATION;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static ApprovalMode fromWire(String value) {
            for (ApprovalMode mode : values()) {
                if (mode.wireName().equals(value)) {
                    return mode;
                }
            }
            throw new IllegalArgumentException("expected message or elicitation, got " + value);
        }
    }
}
