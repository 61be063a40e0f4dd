package dev.rig.core.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The gateway's whole configuration, parsed once from {@code rig.yaml} and never read raw again.
 *
 * <p>{@code packs} maps each enabled pack id to its settings (the {@code packs.<id>} section);
 * null means "every pack found". Relative paths are resolved against {@code workingDirectory}.
 * {@code source} is the file it came from, or null for the embedded defaults. {@code bundledPacks}
 * is the distribution's directory of ready packs (one sub-directory each), loaded only when the
 * working directory has no {@code rig.lock}; null when there is none (tests, embedded use).
 * {@code mcpServers} are the MCP servers mounted as packs ({@code mcp_servers:}), by id. {@code canary}
 * says when a canary snapshot is rolled back on its own ({@code canary:}).
 */
public record RigConfig(
        Path workingDirectory,
        Path source,
        String packSetVersion,
        Map<String, Map<String, Object>> packs,
        ServerSettings server,
        PolicySettings policy,
        Duration approvalTtl,
        DatabaseSettings database,
        Path secretsFile,
        Path packsDirectory,
        McpSettings mcp,
        Path bundledPacks,
        List<String> repositories,
        Map<String, McpServerSettings> mcpServers,
        CanarySettings canary) {

    /** Where {@code rig install} looks for packs when rig.yaml does not say: the bundled repository, ~/.m2, Central. */
    public static final List<String> DEFAULT_REPOSITORIES = List.of("bundled", "local", "central");


    public RigConfig {
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        Objects.requireNonNull(packSetVersion, "packSetVersion");
        packs = packs == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(packs));
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(approvalTtl, "approvalTtl");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(secretsFile, "secretsFile");
        Objects.requireNonNull(packsDirectory, "packsDirectory");
        Objects.requireNonNull(mcp, "mcp");
        repositories = repositories == null ? DEFAULT_REPOSITORIES : List.copyOf(repositories);
        mcpServers = mcpServers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(mcpServers));
        canary = canary == null ? CanarySettings.DEFAULTS : canary;
        if (approvalTtl.isNegative() || approvalTtl.isZero()) {
            throw new IllegalArgumentException("approvals.ttl_seconds must be positive");
        }
    }

    /** The embedded defaults for {@code workingDirectory}: every pack found, state under {@code .rig/}. */
    public static RigConfig defaults(Path workingDirectory) {
        Path dir = workingDirectory.toAbsolutePath().normalize();
        return new RigConfig(dir, null, "dev", null, ServerSettings.DEFAULTS, PolicySettings.DEFAULTS,
                Duration.ofHours(1), DatabaseSettings.sqlite(dir.resolve(".rig/audit.db")),
                dir.resolve(".rig/secrets.env"), dir.resolve(".rig/packs"), McpSettings.DEFAULTS, null,
                DEFAULT_REPOSITORIES, Map.of(), CanarySettings.DEFAULTS);
    }

    /** The lock file of the installed packs: {@code rig.lock} in the working directory. */
    public Path lockFile() {
        return workingDirectory.resolve("rig.lock");
    }

    /** This configuration with the distribution's bundled packs (see the class comment). */
    public RigConfig withBundledPacks(Path directory) {
        return new RigConfig(workingDirectory, source, packSetVersion, packs, server, policy, approvalTtl,
                database, secretsFile, packsDirectory, mcp, directory, repositories, mcpServers, canary);
    }

    /** This configuration listening on another host and port. */
    public RigConfig withServer(ServerSettings newServer) {
        return new RigConfig(workingDirectory, source, packSetVersion, packs, newServer, policy, approvalTtl,
                database, secretsFile, packsDirectory, mcp, bundledPacks, repositories, mcpServers, canary);
    }

    /** The settings of pack {@code id}; empty when it has none. */
    public Map<String, Object> packSettings(String id) {
        if (packs == null) {
            return Map.of();
        }
        Map<String, Object> settings = packs.get(id);
        return settings == null ? Map.of() : settings;
    }

    /** Whether pack {@code id} is enabled. */
    public boolean packEnabled(String id) {
        return packs == null || packs.containsKey(id);
    }
}
