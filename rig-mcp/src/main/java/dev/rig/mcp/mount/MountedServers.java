package dev.rig.mcp.mount;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rig.core.config.McpServerSettings;
import dev.rig.core.config.RigConfig;
import dev.rig.core.json.Json;
import dev.rig.core.lock.LockFile;
import dev.rig.core.lock.LockedPack;
import dev.rig.core.lock.PinnedTool;
import dev.rig.core.registry.LoadedPack;
import dev.rig.core.registry.PackInfo;
import dev.rig.core.registry.PackMounts;
import dev.rig.core.registry.PackProblem;
import dev.rig.core.secrets.SecretResolver;
import dev.rig.spi.CallContext;
import dev.rig.spi.ErrorType;
import dev.rig.spi.RiskClass;
import dev.rig.spi.Secrets;
import dev.rig.spi.Tool;
import dev.rig.spi.ToolException;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's mounted packs: every {@code mcp_servers:} entry of rig.yaml and every npm pack of
 * rig.lock (run by the {@link NodeRunner}), each supervised by a {@link ServerMount}.
 *
 * <p>A server's mount (and its process) is kept from one snapshot to the next while its settings,
 * command and secrets stay the same; a server removed from the configuration is stopped. A server
 * with pinned tools and {@code start: lazy} is not started until its first call: its tools come from
 * the pins. A server seen for the first time is started at once, and its tools are returned as new
 * pins for rig.lock (trust on first use); from then on a changed tool is blocked until an operator
 * accepts it ({@code rig update <id>}), and a new tool starts disabled.
 *
 * <p>A process RIG started never outlives it: {@link #close} stops every server, and a JVM shutdown
 * hook does the same when the gateway is not closed (Ctrl-C, SIGTERM).
 */
public final class MountedServers implements PackMounts {

    private static final Logger LOG = LoggerFactory.getLogger(MountedServers.class);
    /** What a stdio server gets from RIG's environment; everything else (other packs' secrets) stays out. */
    static final Set<String> INHERITED = Set.of("PATH", "HOME", "USER", "LOGNAME", "SHELL", "TERM", "LANG", "LC_ALL",
            "LC_CTYPE", "TMPDIR", "TZ", "SYSTEMROOT", "NODE_EXTRA_CA_CERTS");

    /**
     * What makes two mounts the same server: when any of it changes, the server is started anew.
     * {@code installed} is an npm pack's integrity in rig.lock, so a reinstalled package is started anew.
     */
    private record Spec(McpServerSettings settings, boolean nodePack, List<String> command,
                        Map<String, String> environment, Map<String, String> secrets, Path directory,
                        Map<String, Object> packSettings, String packageName, String installed) {

        Spec installed(String integrity) {
            return new Spec(settings, nodePack, command, environment, secrets, directory, packSettings, packageName,
                    integrity);
        }
    }

    private record Mount(Spec spec, ServerMount server) {
    }

    private final Map<String, String> environment;
    private final McpJsonMapper mapper = McpJsonDefaults.getMapper();
    private final ScheduledExecutorService restarts = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("rig-mcp-restarts").daemon(true).factory());
    private final Map<String, Mount> mounts = new ConcurrentHashMap<>();
    private final Thread shutdownHook = new Thread(this::closeOnShutdown, "rig-mcp-servers-stop");
    private volatile boolean closed;

    /** Mounts with RIG's process environment (what a server may inherit of it, and {@code RIG_NODE}). */
    public MountedServers() {
        this(System.getenv());
    }

    public MountedServers(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    @Override
    public synchronized Mounting mount(Request request) {
        if (closed) {
            return new Mounting(List.of(), List.of(), List.of());
        }
        RigConfig config = request.config();
        List<PackProblem> problems = new ArrayList<>();
        Map<String, Spec> wanted = new LinkedHashMap<>();
        for (McpServerSettings settings : config.mcpServers().values()) {
            spec(settings, false, null, Map.of(), config, request.secrets(), problems)
                    .ifPresent(spec -> wanted.put(settings.id(), spec));
        }
        if (request.lock() != null) {
            for (LockedPack pack : request.lock().packs().values()) {
                if (pack.runtime().equals(LockedPack.NODE) && config.packEnabled(pack.packId())) {
                    Path directory = NodeRunner.packageDirectory(config.workingDirectory(), pack.packId(),
                            pack.packageName());
                    McpServerSettings settings = McpServerSettings.stdio(pack.packId(),
                            NodeRunner.command(config.workingDirectory(), environment, directory), Map.of(), List.of());
                    spec(settings, true, pack.packageName(), config.packSettings(pack.packId()), config,
                            request.secrets(), problems)
                            .ifPresent(spec -> wanted.put(pack.packId(), spec.installed(pack.integrity())));
                }
            }
        }
        for (Map.Entry<String, Mount> existing : Map.copyOf(mounts).entrySet()) {
            Spec spec = wanted.get(existing.getKey());
            if (spec == null || !spec.equals(existing.getValue().spec())) {
                mounts.remove(existing.getKey());
                ServerMount old = existing.getValue().server();
                Thread.ofPlatform().daemon(true).name("mcp-stop-" + old.id()).start(old::close);
            }
        }
        List<LoadedPack> packs = new ArrayList<>();
        List<LockedPack> newPins = new ArrayList<>();
        // Servers to start now (boot, or tools never pinned) start side by side: a start is mostly waiting.
        Map<String, SortedMap<String, PinnedTool>> pinsById = new LinkedHashMap<>();
        Map<String, CompletableFuture<String>> starts = new LinkedHashMap<>();
        for (Spec spec : wanted.values()) {
            String id = spec.settings().id();
            Mount mount = mounts.computeIfAbsent(id, key -> new Mount(spec, new ServerMount(spec.settings(),
                    spec.nodePack(), spec.command(), spec.environment(), spec.secrets(), spec.directory(), mapper,
                    restarts)));
            LockedPack locked = request.lock() == null ? null : request.lock().pack(id).orElse(null);
            String runtime = spec.nodePack() ? LockedPack.NODE : LockedPack.MCP;
            SortedMap<String, PinnedTool> pins = locked != null && locked.runtime().equals(runtime) ? locked.tools()
                    : new TreeMap<>();
            pinsById.put(id, pins);
            ServerMount server = mount.server();
            server.pins(pins, request.toolsChanged());
            if ((pins.isEmpty() || spec.settings().start() == McpServerSettings.Start.BOOT) && server.served() == null) {
                CompletableFuture<String> started = new CompletableFuture<>();
                Thread.ofVirtual().name("mcp-start-" + id).start(() -> {
                    try {
                        server.session();
                        started.complete(null);
                    } catch (ToolException e) {
                        started.complete(e.getMessage() + (e.hints().isEmpty() ? "" : "; " + String.join("; ", e.hints())));
                    } catch (InterruptedException e) {
                        started.complete("interrupted while starting");
                    } catch (RuntimeException e) {
                        started.complete("could not start: " + e);
                    }
                });
                starts.put(id, started);
            }
        }
        for (Spec spec : wanted.values()) {
            String id = spec.settings().id();
            Mount mounted = mounts.get(id);
            if (mounted == null) {
                continue; // stopped meanwhile (the JVM is shutting down)
            }
            ServerMount server = mounted.server();
            SortedMap<String, PinnedTool> pins = pinsById.get(id);
            LockedPack locked = request.lock() == null ? null : request.lock().pack(id).orElse(null);
            String failure = starts.containsKey(id) ? starts.get(id).join() : null;
            if (failure != null) {
                problems.add(new PackProblem(id, source(spec), failure));
                if (pins.isEmpty()) {
                    continue;
                }
            }
            Map<String, ServedTool> served = server.served();
            Map<String, ServedTool> tools = new TreeMap<>();
            pins.forEach((name, pin) -> tools.put(name, ServedTool.of(pin)));
            if (served != null) {
                served.forEach(tools::putIfAbsent);
            }
            if (pins.isEmpty() && served != null) {
                LockedPack first = firstPins(spec, locked, served, server);
                newPins.add(first);
                server.pins(first.tools(), request.toolsChanged()); // trusted from now on, before rig.lock is read again
            }
            List<Tool> made = new ArrayList<>();
            for (ServedTool tool : tools.values()) {
                try {
                    made.add(new MountedTool(server, tool, spec.packSettings()));
                } catch (RuntimeException e) {
                    problems.add(new PackProblem(id, source(spec), "tool " + tool.name() + ": " + e.getMessage()));
                }
            }
            String version = server.version(locked == null ? "unknown" : locked.version());
            String description = spec.nodePack() ? "npm package " + spec.packageName() + " (Node runner)"
                    : "MCP server " + spec.settings().target();
            packs.add(new LoadedPack(new MountedPack(id, version, description, made),
                    new PackInfo(id, version, description, source(spec)), MountedServers.class.getClassLoader()));
        }
        if (closed) {
            stopAll(); // closed while this ran: what it started goes too
        }
        return new Mounting(packs, problems, newPins);
    }

    private static String source(Spec spec) {
        return spec.nodePack() ? "npm:" + spec.packageName() : "mcp:" + spec.settings().target();
    }

    private LockedPack firstPins(Spec spec, LockedPack locked, Map<String, ServedTool> served, ServerMount server) {
        TreeMap<String, PinnedTool> pins = new TreeMap<>();
        served.forEach((name, tool) -> pins.put(name, PinnedTool.of(tool.definition(), true)));
        if (locked != null && locked.runtime().equals(spec.nodePack() ? LockedPack.NODE : LockedPack.MCP)) {
            return locked.withTools(pins);
        }
        return new LockedPack(spec.settings().id(), spec.settings().target(), server.version("unknown"),
                LockedPack.MCP, null, Instant.now(), spec.settings().isStdio() ? "stdio" : "http", List.of(), pins);
    }

    private Optional<Spec> spec(McpServerSettings settings, boolean nodePack, String packageName,
                                          Map<String, Object> packSettings, RigConfig config, SecretResolver resolver,
                                          List<PackProblem> problems) {
        Map<String, String> secrets = new LinkedHashMap<>();
        List<String> slots = settings.secretSlots();
        if (!slots.isEmpty()) {
            try {
                Secrets values = resolver.resolve(slots, CallContext.DEFAULT_TENANT).secrets();
                for (String slot : slots) {
                    values.get(slot).ifPresent(value -> secrets.put(slot, value));
                }
            } catch (ToolException e) {
                problems.add(new PackProblem(settings.id(), "mcp:" + settings.target(), "MCP server " + settings.id()
                        + " not started: " + e.getMessage() + (e.hints().isEmpty() ? "" : "; " + e.hints().get(0))));
                return Optional.empty();
            }
        }
        Map<String, String> env = new HashMap<>();
        environment.forEach((name, value) -> {
            if (INHERITED.contains(name.toUpperCase(Locale.ROOT))) {
                env.put(name, value);
            }
        });
        env.putAll(settings.env());
        for (String slot : settings.auth()) {
            if (secrets.containsKey(slot)) {
                env.put(slot, secrets.get(slot));
            }
        }
        if (nodePack) {
            try {
                env.put("RIG_PACK_SETTINGS", Json.MAPPER.writeValueAsString(packSettings));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        Map<String, String> masked = new LinkedHashMap<>(secrets);
        settings.env().forEach((name, value) -> {
            if (name.matches("(?i).*(token|secret|key|password|auth).*")) {
                masked.put(name, value);
            }
        });
        return Optional.of(new Spec(settings, nodePack, settings.command(), env, masked,
                config.workingDirectory(), packSettings, packageName, null));
    }

    /** What a server serves: its version and each tool's definition as it would be pinned. */
    public record Listing(String version, SortedMap<String, JsonNode> tools) {

        public Listing {
            tools = Collections.unmodifiableSortedMap(new TreeMap<>(tools));
        }
    }

    /**
     * Starts server {@code id} on its own (an {@code mcp_servers:} entry of {@code config}, or, with
     * {@code nodePackage}, the npm pack installed as {@code id}), lists its tools and stops it: what
     * {@code rig install} pins, {@code rig update} compares, and {@code rig doctor} checks.
     *
     * @throws ToolException when it does not start or its secrets are missing
     */
    public Listing probe(RigConfig config, String id, String nodePackage, SecretResolver secrets)
            throws ToolException, InterruptedException {
        McpServerSettings settings;
        Map<String, Object> packSettings = Map.of();
        if (nodePackage == null) {
            settings = config.mcpServers().get(id);
            if (settings == null) {
                throw ToolException.builder(ErrorType.NOT_FOUND, "no MCP server " + id + " in mcp_servers:")
                        .hint("add it with `rig install mcp:" + id + " -- <command...>`").build();
            }
        } else {
            Path directory = NodeRunner.packageDirectory(config.workingDirectory(), id, nodePackage);
            settings = McpServerSettings.stdio(id, NodeRunner.command(config.workingDirectory(), environment, directory),
                    Map.of(), List.of());
            packSettings = config.packSettings(id);
        }
        List<PackProblem> problems = new ArrayList<>();
        Spec spec = spec(settings, nodePackage != null, nodePackage, packSettings, config, secrets, problems)
                .orElseThrow(() -> ToolException.of(ErrorType.AUTH_ERROR, problems.get(0).message()));
        try (ServerMount server = new ServerMount(spec.settings(), spec.nodePack(), spec.command(), spec.environment(),
                spec.secrets(), spec.directory(), mapper, restarts)) {
            server.session();
            TreeMap<String, JsonNode> tools = new TreeMap<>();
            server.served().forEach((name, tool) -> tools.put(name, tool.definition()));
            return new Listing(server.version("unknown"), tools);
        }
    }

    /**
     * The risk class RIG gives a tool of server {@code settings} from its {@code definition} (as served and
     * pinned): {@code risk:} in the server's settings, else what an npm pack declares, else from the MCP
     * annotations ({@code readOnlyHint} → read, {@code destructiveHint} → destructive, otherwise write).
     */
    public static RiskClass riskOf(McpServerSettings settings, boolean nodePack,
                                               JsonNode definition) {
        return new ServedTool(definition.path("name").asText(), definition).risk(settings, nodePack);
    }

    /** The mount of server {@code id}, for tests and {@code rig doctor}. */
    ServerMount server(String id) {
        Mount mount = mounts.get(id);
        return mount == null ? null : mount.server();
    }

    /** The processes of the running stdio servers (tests count them; {@code rig doctor} shows them). */
    public Map<String, ProcessHandle> processes() {
        Map<String, ProcessHandle> running = new TreeMap<>();
        mounts.forEach((id, mount) -> {
            ProcessHandle process = mount.server().process();
            if (process != null) {
                running.put(id, process);
            }
        });
        return running;
    }

    /** Kills server {@code id}'s process as a crash would; RIG restarts it (supervision tests, chaos drills). */
    public boolean kill(String id) {
        ServerMount server = server(id);
        if (server == null || server.process() == null) {
            return false;
        }
        server.kill();
        return true;
    }

    /** How many times server {@code id} was started. */
    public int starts(String id) {
        ServerMount server = server(id);
        return server == null ? 0 : server.starts();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopAll();
        restarts.shutdownNow();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook runs (or ran) stopAll
        }
    }

    private void closeOnShutdown() {
        closed = true;
        stopAll();
    }

    private void stopAll() {
        List<Thread> stopping = new ArrayList<>();
        for (String id : List.copyOf(mounts.keySet())) {
            Mount mount = mounts.remove(id);
            if (mount != null) {
                stopping.add(Thread.ofPlatform().daemon(true).name("mcp-stop-" + id).start(mount.server()::close));
            }
        }
        for (Thread thread : stopping) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        LOG.atDebug().setMessage("mcp servers stopped").addKeyValue("servers", stopping.size()).log();
    }
}
