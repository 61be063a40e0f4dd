package dev.rig.testkit;

import dev.rig.core.Gateway;
import dev.rig.core.api.CallRequest;
import dev.rig.core.api.ToolResult;
import dev.rig.core.config.ConfigLoader;
import dev.rig.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A real gateway around one pack on the test class path: the pipeline a user's call goes through
 * (validation, secrets, timeout, retries with the upstream's Retry-After, output check, audit), for
 * tests that point the pack at a local stub of its vendor.
 *
 * <pre>{@code
 * try (PackGateway rig = PackGateway.forPack("stripe").setting("base_url", wiremock.baseUrl())
 *         .secret("STRIPE_API_KEY", "sk_test_123").open(dir)) {
 *     ToolResult result = rig.call("stripe.customers.create", Map.of("email", "a@example.com"));
 * }
 * }</pre>
 *
 * <p>Approvals are off unless {@link Builder#requireApprovals()} (a test of a money tool's upstream
 * call needs no human); retries back off from 5 ms instead of 200 ms. The audit log is a SQLite file
 * in the given directory.
 */
public final class PackGateway implements AutoCloseable {

    private final Gateway gateway;

    private PackGateway(Gateway gateway) {
        this.gateway = gateway;
    }

    /** Starts a gateway enabling only pack {@code packId}. */
    public static Builder forPack(String packId) {
        return new Builder(packId);
    }

    /** Calls {@code tool} as tenant {@code default}, actor {@code test}. */
    public ToolResult call(String tool, Map<String, Object> args) {
        return gateway.call(new CallRequest(tool, args, null, null, "test", null));
    }

    /** The gateway, for what {@link #call} does not cover (approvals, the audit log, the snapshot). */
    public Gateway gateway() {
        return gateway;
    }

    @Override
    public void close() {
        gateway.close();
    }

    /** What the gateway runs with; every setter returns the builder. */
    public static final class Builder {

        private final String packId;
        private final Map<String, Object> settings = new LinkedHashMap<>();
        private final Map<String, String> secrets = new LinkedHashMap<>();
        private boolean approvals;
        private Integer retries;
        private Integer timeoutSeconds;

        private Builder(String packId) {
            this.packId = Objects.requireNonNull(packId, "packId");
        }

        /** A {@code packs.<id>.<key>} setting (such as {@code base_url}). */
        public Builder setting(String key, Object value) {
            settings.put(key, value);
            return this;
        }

        /** A secret the pack's tools may ask for, by slot name (as an environment variable would give it). */
        public Builder secret(String slot, String value) {
            secrets.put(slot, value);
            return this;
        }

        /** Holds money, infra and destructive calls for approval, as the default policy does. */
        public Builder requireApprovals() {
            this.approvals = true;
            return this;
        }

        /** {@code policy.retries} (default: the gateway's, 1). */
        public Builder retries(int value) {
            this.retries = value;
            return this;
        }

        /** {@code policy.timeout_seconds} (default: the gateway's, 30). */
        public Builder timeoutSeconds(int value) {
            this.timeoutSeconds = value;
            return this;
        }

        /** Writes {@code rig.yaml} into {@code directory} and opens the gateway on it. */
        public PackGateway open(Path directory) {
            Map<String, Object> policy = new LinkedHashMap<>();
            if (!approvals) {
                policy.put("require_approval_for", List.of());
            }
            if (retries != null) {
                policy.put("retries", retries);
            }
            if (timeoutSeconds != null) {
                policy.put("timeout_seconds", timeoutSeconds);
            }
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("packs", Map.of(packId, settings));
            config.put("policy", policy);
            config.put("audit_db_path", ".rig/audit.db");
            try {
                Files.createDirectories(directory);
                // JSON is YAML: the settings keep their types exactly.
                Files.writeString(directory.resolve(ConfigLoader.FILE_NAME), Json.write(config));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new PackGateway(Gateway.open(ConfigLoader.load(directory), InstantSource.system(),
                    Duration.ofMillis(5), Map.copyOf(secrets)));
        }
    }
}
