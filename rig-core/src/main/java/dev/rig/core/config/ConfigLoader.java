package dev.rig.core.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.rig.core.api.RigException;
import dev.rig.spi.ErrorType;
import dev.rig.spi.RiskClass;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code rig.yaml} into a {@link RigConfig}, or gives the embedded defaults when there is none.
 *
 * <p>Every error names the file, the line and the key, says what was expected, and leaves nothing
 * half-applied: the whole file is parsed before any value is used.
 */
public final class ConfigLoader {

    /** The file name looked for in the working directory. */
    public static final String FILE_NAME = "rig.yaml";

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Set<String> TOP_KEYS = Set.of("pack_set_version", "packs", "server", "policy", "approvals",
            "audit_db_path", "audit_durability", "database", "secrets_file", "packs_dir", "node_runner",
            "pack_metadata", "mcp", "repositories", "mcp_servers", "canary");

    private final Path file;
    private final Map<String, Integer> lines;

    private ConfigLoader(Path file, Map<String, Integer> lines) {
        this.file = file;
        this.lines = lines;
    }

    /** The configuration of {@code workingDirectory}: its {@code rig.yaml}, or the defaults when absent. */
    public static RigConfig load(Path workingDirectory) {
        Path dir = workingDirectory.toAbsolutePath().normalize();
        Path file = dir.resolve(FILE_NAME);
        return Files.exists(file) ? load(dir, file) : RigConfig.defaults(dir);
    }

    /** The configuration in {@code file}, with relative paths resolved against {@code workingDirectory}. */
    public static RigConfig load(Path workingDirectory, Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new RigException(ErrorType.VALIDATION_ERROR, "cannot read " + file + ": " + e.getMessage(),
                    "check the file exists and is readable");
        }
        ConfigLoader loader = new ConfigLoader(file, keyLines(file, text));
        return loader.parse(workingDirectory.toAbsolutePath().normalize(), text);
    }

    private RigConfig parse(Path dir, String text) {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw syntaxError(e);
        }
        RigConfig defaults = RigConfig.defaults(dir);
        if (root == null || root.isMissingNode() || root.isNull()) {
            return new RigConfig(dir, file, defaults.packSetVersion(), null, defaults.server(), defaults.policy(),
                    defaults.approvalTtl(), defaults.database(), defaults.secretsFile(), defaults.packsDirectory(),
                    defaults.mcp(), null, null, null, null);
        }
        requireObject(root, "");
        rejectUnknown(root, "", TOP_KEYS);
        String packSetVersion = text(root, "pack_set_version", defaults.packSetVersion());
        Map<String, Map<String, Object>> packs = packs(root.get("packs"));
        ServerSettings server = server(root.get("server"));
        PolicySettings policy = policy(root.get("policy"));
        Duration ttl = approvalTtl(root.get("approvals"), defaults.approvalTtl());
        DatabaseSettings database = database(root, dir, defaults.database());
        String durability = text(root, "audit_durability", null);
        if (durability != null) {
            try {
                database = database.withDurability(AuditDurability.fromWire(durability));
            } catch (IllegalArgumentException e) {
                throw error("audit_durability", e.getMessage());
            }
        }
        Path secretsFile = dir.resolve(text(root, "secrets_file", ".rig/secrets.env"));
        Path packsDir = dir.resolve(text(root, "packs_dir", ".rig/packs"));
        McpSettings mcp = mcp(root.get("mcp"));
        return new RigConfig(dir, file, packSetVersion, packs, server, policy, ttl, database, secretsFile, packsDir,
                mcp, null, repositories(root.get("repositories")), mcpServers(root.get("mcp_servers"), packs),
                canary(root.get("canary")));
    }

    private CanarySettings canary(JsonNode node) {
        CanarySettings defaults = CanarySettings.DEFAULTS;
        if (node == null || node.isNull()) {
            return defaults;
        }
        requireObject(node, "canary");
        rejectUnknown(node, "canary", Set.of("window_seconds", "min_calls", "max_error_ratio", "error_rate_floor",
                "max_latency_ratio", "latency_floor_ms"));
        return new CanarySettings(
                Duration.ofSeconds(integer(node, "canary", "window_seconds", defaults.window().toSeconds(), 1, 86_400)),
                (int) integer(node, "canary", "min_calls", defaults.minCalls(), 1, 1_000_000),
                decimal(node, "max_error_ratio", defaults.errorRatio(), 1.0, false),
                decimal(node, "error_rate_floor", defaults.errorRateFloor(), 0.0, true),
                decimal(node, "max_latency_ratio", defaults.latencyRatio(), 1.0, false),
                Duration.ofMillis(integer(node, "canary", "latency_floor_ms", defaults.latencyFloor().toMillis(), 0,
                        3_600_000)));
    }

    /** A number of the {@code canary:} section above {@code min} (or equal to it when {@code minIncluded}); a rate stays below 1. */
    private double decimal(JsonNode node, String key, double fallback, double min, boolean rate) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return fallback;
        }
        String path = join("canary", key);
        if (!value.isNumber()) {
            throw error(path, "expected a number, got " + describe(value));
        }
        double n = value.asDouble();
        if (rate ? n < min || n >= 1.0 : n <= min) {
            throw error(path, rate ? "must be 0 or more and below 1 (a share of calls), got " + n
                    : "must be above " + min + " (a factor: 2 means twice the active snapshot's), got " + n);
        }
        return n;
    }

    private List<String> repositories(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        List<String> repositories = strings(node, "repositories");
        for (int i = 0; i < repositories.size(); i++) {
            String repository = repositories.get(i);
            if (!repository.equals("bundled") && !repository.equals("local") && !repository.equals("central")
                    && !repository.startsWith("https://") && !repository.startsWith("http://")
                    && !repository.startsWith("file:")) {
                throw error("repositories", "item " + (i + 1) + " '" + repository + "' is not bundled, local, central,"
                        + " an http(s):// URL or a file: URL of a Maven repository");
            }
        }
        return repositories;
    }

    private McpSettings mcp(JsonNode node) {
        McpSettings defaults = McpSettings.DEFAULTS;
        if (node == null || node.isNull()) {
            return defaults;
        }
        requireObject(node, "mcp");
        rejectUnknown(node, "mcp", Set.of("http", "stateless", "allowed_origins", "allowed_hosts", "approvals"));
        boolean http = bool(node, "mcp", "http", defaults.http());
        boolean stateless = bool(node, "mcp", "stateless", defaults.stateless());
        List<String> origins = node.has("allowed_origins")
                ? strings(node.get("allowed_origins"), "mcp.allowed_origins") : defaults.allowedOrigins();
        List<String> hosts = node.has("allowed_hosts")
                ? strings(node.get("allowed_hosts"), "mcp.allowed_hosts") : defaults.allowedHosts();
        McpSettings.ApprovalMode approvals;
        try {
            approvals = McpSettings.ApprovalMode.fromWire(text(node, "mcp", "approvals",
                    defaults.approvals().wireName()));
        } catch (IllegalArgumentException e) {
            throw error("mcp.approvals", e.getMessage());
        }
        return new McpSettings(http, stateless, origins, hosts, approvals);
    }

    private Map<String, McpServerSettings> mcpServers(JsonNode node, Map<String, Map<String, Object>> packs) {
        Map<String, McpServerSettings> servers = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return servers;
        }
        requireObject(node, "mcp_servers");
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String id = entry.getKey();
            String path = "mcp_servers." + id;
            if (!id.matches("[a-z0-9][a-z0-9_-]{0,63}")) {
                throw error(path, "a server id must match [a-z0-9][a-z0-9_-]{0,63}: it prefixes the server's tool"
                        + " names (<id>.<tool>)");
            }
            if (packs != null && packs.containsKey(id)) {
                throw error(path, "'" + id + "' is also a pack in packs:; give the server another id");
            }
            JsonNode server = entry.getValue();
            requireObject(server, path);
            rejectUnknown(server, path, Set.of("command", "env", "url", "headers", "auth", "start", "risk",
                    "start_timeout_seconds"));
            List<String> command = server.has("command") ? strings(server.get("command"), path + ".command") : null;
            String url = text(server, path, "url", null);
            if ((command == null || command.isEmpty()) == (url == null)) {
                throw error(path, "give either command: [program, args...] (a server RIG starts, over stdio) or"
                        + " url: (a streamable HTTP server), not both and not neither");
            }
            java.net.URI uri = null;
            if (url != null) {
                try {
                    uri = java.net.URI.create(url);
                } catch (IllegalArgumentException e) {
                    throw error(path + ".url", "not a URL: " + url);
                }
                if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                    throw error(path + ".url", "must be an http:// or https:// URL, got " + url);
                }
            }
            List<String> auth = server.has("auth") ? strings(server.get("auth"), path + ".auth") : List.of();
            for (String slot : auth) {
                if (!slot.matches("[A-Z0-9_]+")) {
                    throw error(path + ".auth", "'" + slot + "' is not an auth slot name (A-Z, 0-9, _)");
                }
            }
            Map<String, RiskClass> risk = new LinkedHashMap<>();
            JsonNode riskNode = server.get("risk");
            if (riskNode != null && !riskNode.isNull()) {
                requireObject(riskNode, path + ".risk");
                for (Iterator<Map.Entry<String, JsonNode>> r = riskNode.fields(); r.hasNext(); ) {
                    Map.Entry<String, JsonNode> tool = r.next();
                    try {
                        risk.put(tool.getKey(), RiskClass.fromWire(tool.getValue().asText()));
                    } catch (IllegalArgumentException e) {
                        throw error(path + ".risk." + tool.getKey(), e.getMessage());
                    }
                }
            }
            McpServerSettings.Start start;
            String startText = text(server, path, "start", "lazy");
            try {
                start = McpServerSettings.Start.valueOf(startText.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw error(path + ".start", "expected lazy or boot, got " + startText);
            }
            Duration startTimeout = Duration.ofSeconds(integer(server, path, "start_timeout_seconds", 30, 1, 600));
            servers.put(id, new McpServerSettings(id, command, textMap(server.get("env"), path + ".env"), uri,
                    textMap(server.get("headers"), path + ".headers"), auth, start, risk, startTimeout));
        }
        return servers;
    }

    private Map<String, String> textMap(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        requireObject(node, path);
        Map<String, String> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!entry.getValue().isValueNode() || entry.getValue().isNull()) {
                throw error(path + "." + entry.getKey(), "expected text, got " + describe(entry.getValue()));
            }
            values.put(entry.getKey(), entry.getValue().asText());
        }
        return values;
    }

    private boolean bool(JsonNode node, String parent, String key, boolean fallback) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw error(join(parent, key), "expected true or false, got " + describe(value));
        }
        return value.asBoolean();
    }

    private Map<String, Map<String, Object>> packs(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        Map<String, Map<String, Object>> packs = new LinkedHashMap<>();
        if (node.isArray()) {
            for (JsonNode id : node) {
                if (!id.isTextual() || id.asText().isBlank()) {
                    throw error("packs", "each entry must be a pack id such as echo, got " + id);
                }
                packs.put(id.asText(), Map.of());
            }
            return packs;
        }
        requireObject(node, "packs");
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode settings = entry.getValue();
            if (settings == null || settings.isNull()) {
                packs.put(entry.getKey(), Map.of());
            } else if (settings.isObject()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> values = YAML.convertValue(settings, Map.class);
                packs.put(entry.getKey(), values);
            } else {
                throw error("packs." + entry.getKey(), "expected the pack's settings as a mapping (or nothing), got "
                        + settings.getNodeType().name().toLowerCase());
            }
        }
        return packs;
    }

    private ServerSettings server(JsonNode node) {
        if (node == null || node.isNull()) {
            return ServerSettings.DEFAULTS;
        }
        requireObject(node, "server");
        rejectUnknown(node, "server", Set.of("host", "port", "max_body_bytes"));
        String host = text(node, "server", "host", ServerSettings.DEFAULT_HOST);
        int port = (int) integer(node, "server", "port", ServerSettings.DEFAULT_PORT, 0, 65535);
        long maxBody = integer(node, "server", "max_body_bytes", ServerSettings.DEFAULT_MAX_BODY_BYTES, 1,
                Integer.MAX_VALUE);
        return new ServerSettings(host, port, maxBody);
    }

    private PolicySettings policy(JsonNode node) {
        PolicySettings defaults = PolicySettings.DEFAULTS;
        if (node == null || node.isNull()) {
            return defaults;
        }
        requireObject(node, "policy");
        rejectUnknown(node, "policy", Set.of("allowed_tools", "denied_tools", "require_approval_for",
                "timeout_seconds", "retries", "tools"));
        List<String> allowed = node.has("allowed_tools") && !node.get("allowed_tools").isNull()
                ? strings(node.get("allowed_tools"), "policy.allowed_tools") : null;
        List<String> denied = node.has("denied_tools") ? strings(node.get("denied_tools"), "policy.denied_tools")
                : List.of();
        Set<RiskClass> approvalRisks = defaults.requireApprovalFor();
        if (node.has("require_approval_for")) {
            approvalRisks = EnumSet.noneOf(RiskClass.class);
            for (String risk : strings(node.get("require_approval_for"), "policy.require_approval_for")) {
                try {
                    approvalRisks.add(RiskClass.fromWire(risk));
                } catch (IllegalArgumentException e) {
                    throw error("policy.require_approval_for", e.getMessage());
                }
            }
        }
        int timeout = (int) integer(node, "policy", "timeout_seconds", defaults.timeoutSeconds(), 1, 3600);
        int retries = (int) integer(node, "policy", "retries", defaults.retries(), 0, 10);
        Map<String, ToolOverride> overrides = new LinkedHashMap<>();
        JsonNode tools = node.get("tools");
        if (tools != null && !tools.isNull()) {
            requireObject(tools, "policy.tools");
            for (Iterator<Map.Entry<String, JsonNode>> it = tools.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                String path = "policy.tools." + entry.getKey();
                JsonNode o = entry.getValue();
                requireObject(o, path);
                rejectUnknown(o, path, Set.of("require_approval", "timeout_seconds", "retries"));
                Boolean requireApproval = null;
                if (o.has("require_approval")) {
                    if (!o.get("require_approval").isBoolean()) {
                        throw error(path + ".require_approval", "expected true or false, got " + o.get("require_approval"));
                    }
                    requireApproval = o.get("require_approval").asBoolean();
                }
                Integer t = o.has("timeout_seconds") ? (int) integer(o, path, "timeout_seconds", 0, 1, 3600) : null;
                Integer r = o.has("retries") ? (int) integer(o, path, "retries", 0, 0, 10) : null;
                overrides.put(entry.getKey(), new ToolOverride(requireApproval, t, r));
            }
        }
        return new PolicySettings(allowed, denied, approvalRisks, timeout, retries, overrides);
    }

    private Duration approvalTtl(JsonNode node, Duration fallback) {
        if (node == null || node.isNull()) {
            return fallback;
        }
        requireObject(node, "approvals");
        rejectUnknown(node, "approvals", Set.of("ttl_seconds"));
        return Duration.ofSeconds(integer(node, "approvals", "ttl_seconds", fallback.toSeconds(), 1, 30L * 24 * 3600));
    }

    private DatabaseSettings database(JsonNode root, Path dir, DatabaseSettings fallback) {
        JsonNode node = root.get("database");
        if (node != null && !node.isNull()) {
            requireObject(node, "database");
            rejectUnknown(node, "database", Set.of("url", "user", "password"));
            String url = text(node, "database", "url", null);
            if (url == null) {
                throw error("database.url", "missing: give a JDBC URL such as jdbc:postgresql://127.0.0.1:5432/rig");
            }
            try {
                return new DatabaseSettings(url, text(node, "database", "user", null),
                        text(node, "database", "password", null));
            } catch (IllegalArgumentException e) {
                throw error("database.url", e.getMessage());
            }
        }
        String auditPath = text(root, "audit_db_path", null);
        return auditPath == null ? fallback : DatabaseSettings.sqlite(dir.resolve(auditPath));
    }

    private String text(JsonNode node, String key, String fallback) {
        return text(node, "", key, fallback);
    }

    private String text(JsonNode node, String parent, String key, String fallback) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isValueNode() || value.isBoolean()) {
            throw error(join(parent, key), "expected text, got " + describe(value));
        }
        return value.asText();
    }

    private long integer(JsonNode node, String parent, String key, long fallback, long min, long max) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isIntegralNumber()) {
            throw error(join(parent, key), "expected a whole number " + min + ".." + max + ", got " + describe(value));
        }
        long n = value.asLong();
        if (n < min || n > max) {
            throw error(join(parent, key), "must be " + min + ".." + max + ", got " + n);
        }
        return n;
    }

    private List<String> strings(JsonNode node, String path) {
        if (!node.isArray()) {
            throw error(path, "expected a list of names, got " + describe(node));
        }
        List<String> values = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw error(path, "expected text items, got " + describe(item));
            }
            values.add(item.asText());
        }
        return values;
    }

    private void requireObject(JsonNode node, String path) {
        if (!node.isObject()) {
            throw error(path.isEmpty() ? "(top level)" : path, "expected a mapping of keys to values, got "
                    + describe(node));
        }
    }

    private void rejectUnknown(JsonNode node, String path, Set<String> known) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key)) {
                throw error(join(path, key), "unknown key; expected one of " + new java.util.TreeSet<>(known));
            }
        }
    }

    private RigException error(String keyPath, String problem) {
        Integer line = lines.get(keyPath);
        String where = file.getFileName() + (line == null ? "" : ":" + line);
        return new RigException(ErrorType.VALIDATION_ERROR, where + ": " + keyPath + ": " + problem,
                "fix " + keyPath + " in " + file + " (see the comments `rig init` writes)");
    }

    private RigException syntaxError(JsonProcessingException e) {
        var loc = e.getLocation();
        String where = file.getFileName() + (loc == null ? "" : ":" + loc.getLineNr());
        return new RigException(ErrorType.VALIDATION_ERROR, where + ": not valid YAML: " + e.getOriginalMessage(),
                "fix the YAML syntax in " + file);
    }

    private static String describe(JsonNode node) {
        if (node.isTextual()) {
            return "\"" + node.asText() + "\"";
        }
        if (node.isContainerNode()) {
            return node.isArray() ? "a list" : "a mapping";
        }
        return node.toString();
    }

    private static String join(String parent, String key) {
        return parent.isEmpty() ? key : parent + "." + key;
    }

    /** Maps each key path (dotted) to the line it stands on, so errors can point at it. */
    private static Map<String, Integer> keyLines(Path file, String text) {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser parser = new YAMLFactory().createParser(text)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.FIELD_NAME) {
                    String pointer = parser.getParsingContext().pathAsPointer().toString();
                    String dotted = pointer.substring(1).replace('/', '.').replace("~1", "/").replace("~0", "~");
                    lines.putIfAbsent(dotted, parser.currentTokenLocation().getLineNr());
                }
            }
        } catch (IOException e) {
            // syntax errors are reported by the tree parse with their own location
        }
        return lines;
    }
}
