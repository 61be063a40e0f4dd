package dev.rig.mcp.mount;

import dev.rig.core.config.McpServerSettings;
import dev.rig.core.lock.PinnedTool;
import dev.rig.core.lock.ToolPinning;
import dev.rig.core.registry.BlockableTool;
import dev.rig.mcp.McpInfo;
import dev.rig.spi.ErrorType;
import dev.rig.spi.ToolException;
import io.github.resilience4j.core.IntervalFunction;
import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * One mounted server and its supervision: starts it (at boot, or at the first call when its tools
 * are pinned), keeps its served tools, compares them with the pins, restarts it with backoff when it
 * dies, and stops it — and every process it started — when the mount closes.
 *
 * <p>Backoff: after the n-th failure in a row (a start that failed, or a crash), no start is tried
 * for 200 ms × 2<sup>n-1</sup> (± 20 %, at most 30 s); a call meanwhile fails {@code transient} with
 * that wait as its Retry-After, which the pipeline's retry honours for tools safe to retry. A call
 * that succeeds ends the run of failures.
 */
final class ServerMount implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServerMount.class);
    private static final IntervalFunction BACKOFF =
            IntervalFunction.ofExponentialRandomBackoff(Duration.ofMillis(200), 2.0, 0.2, Duration.ofSeconds(30));
    /** Calls are bounded by the pipeline's deadline (it interrupts the caller); this only stops leaks. */
    private static final Duration REQUEST_LIMIT = Duration.ofHours(1);

    /** A running session: the client and, for stdio, the process. */
    record Session(McpAsyncClient client, ServerProcess process, McpSchema.Implementation serverInfo) {
    }

    private final McpServerSettings settings;
    private final boolean nodePack;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Map<String, String> secrets;
    private final Path directory;
    private final McpJsonMapper mapper;
    private final ScheduledExecutorService restarts;
    private final ReentrantLock starting = new ReentrantLock();
    private final AtomicInteger started = new AtomicInteger();
    private volatile Runnable toolsChanged = () -> { };
    private volatile SortedMap<String, PinnedTool> pins = new TreeMap<>();
    private volatile Map<String, ServedTool> served;
    private volatile Session session;
    private volatile ServerProcess launching;
    private volatile String serverVersion;
    private volatile Instant noStartBefore = Instant.MIN;
    private volatile String lastFailure;
    private volatile boolean closed;
    private int failuresInARow; // guarded by starting, written by the exit handler too (volatile not needed: lock)

    /**
     * @param command the program and its arguments (for npm packs: the Node runner and the package)
     * @param environment the process's whole environment (with its secrets); ignored for HTTP servers
     * @param secrets the secret values the server was given, to mask them in its log lines and errors
     */
    ServerMount(McpServerSettings settings, boolean nodePack, List<String> command, Map<String, String> environment,
                Map<String, String> secrets, Path directory, McpJsonMapper mapper, ScheduledExecutorService restarts) {
        this.settings = settings;
        this.nodePack = nodePack;
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.secrets = Map.copyOf(secrets);
        this.directory = directory;
        this.mapper = mapper;
        this.restarts = restarts;
    }

    McpServerSettings settings() {
        return settings;
    }

    boolean nodePack() {
        return nodePack;
    }

    String id() {
        return settings.id();
    }

    /** The server's version as it reported it, once it ran; else the pinned one. */
    String version(String fallback) {
        return serverVersion != null ? serverVersion : fallback;
    }

    /** How many times a process or session was started (supervision tests count restarts). */
    int starts() {
        return started.get();
    }

    /** The pins of this server (from rig.lock), replaced at each snapshot build. */
    void pins(SortedMap<String, PinnedTool> value, Runnable onChange) {
        this.pins = new TreeMap<>(value);
        this.toolsChanged = onChange;
    }

    /** The tools as last listed from the running server, or null when it has not run yet. */
    Map<String, ServedTool> served() {
        return served;
    }

    /** Starts the server if it is not running (waiting for a start under way); see the class comment. */
    Session session() throws ToolException, InterruptedException {
        Session current = session;
        if (current != null) {
            return current;
        }
        starting.lockInterruptibly();
        try {
            if (session != null) {
                return session;
            }
            if (closed) {
                throw ToolException.builder(ErrorType.TRANSIENT, "MCP server " + id() + " is stopping with the gateway")
                        .retryable(false).build();
            }
            Instant now = Instant.now();
            if (now.isBefore(noStartBefore)) {
                throw ToolException.builder(ErrorType.TRANSIENT, "MCP server " + id() + " is restarting after a failure ("
                                + mask(lastFailure) + ")")
                        .retryAfter(Duration.between(now, noStartBefore))
                        .hint("RIG restarts it with backoff; see the gateway log for the server's stderr")
                        .build();
            }
            try {
                Session started = start();
                if (closed) { // the mount closed while the server started: it must not outlive the gateway
                    stop(started);
                    throw ToolException.builder(ErrorType.TRANSIENT, "MCP server " + id()
                            + " is stopping with the gateway").retryable(false).build();
                }
                session = started;
                failuresInARow = 0;
                return started;
            } catch (RuntimeException e) {
                failed(describe(e));
                throw ToolException.builder(ErrorType.TRANSIENT, "MCP server " + id() + " could not start: "
                                + mask(describe(e)))
                        .hint(settings.isStdio() ? "check mcp_servers." + id() + ".command runs by itself: "
                                + settings.target() : "check mcp_servers." + id() + ".url is reachable: " + settings.target())
                        .build();
            }
        } finally {
            starting.unlock();
        }
    }

    private Session start() {
        started.incrementAndGet();
        ServerProcess process = null;
        McpClientTransport transport;
        if (settings.isStdio()) {
            process = new ServerProcess(id(), command, environment, directory, mapper, this::mask, this::exited);
            launching = process;
            transport = process;
        } else {
            URI url = settings.url();
            Map<String, String> headers = new LinkedHashMap<>();
            settings.headers().forEach((name, value) -> headers.put(name, McpServerSettings.expand(value, secrets)));
            String base = url.getScheme() + "://" + url.getRawAuthority();
            String endpoint = (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath())
                    + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
            transport = HttpClientStreamableHttpTransport.builder(base).endpoint(endpoint).jsonMapper(mapper)
                    .connectTimeout(settings.startTimeout())
                    .httpRequestCustomizer((builder, method, uri, body, context) -> headers.forEach(builder::header))
                    .build();
        }
        ToolListRecorder recorder = new ToolListRecorder(transport);
        McpAsyncClient client = McpClient.async(recorder)
                .clientInfo(new McpSchema.Implementation(McpInfo.SERVER_NAME, McpInfo.version()))
                .requestTimeout(REQUEST_LIMIT)
                .initializationTimeout(settings.startTimeout())
                .toolsChangeConsumer(tools -> Mono.fromRunnable(() -> listed(tools, recorder, true)))
                .build();
        try {
            McpSchema.InitializeResult init = untilExit(client.initialize(), process, "initialize")
                    .block(settings.startTimeout().plusSeconds(1));
            McpSchema.ListToolsResult list = untilExit(client.listTools(), process, "tools/list")
                    .block(settings.startTimeout());
            List<McpSchema.Tool> tools = list == null ? null : list.tools();
            serverVersion = init == null || init.serverInfo() == null ? null : init.serverInfo().version();
            listed(tools == null ? List.of() : tools, recorder, false);
            LOG.atInfo().setMessage("mcp server ready").addKeyValue("server", id())
                    .addKeyValue("server_name", init == null || init.serverInfo() == null ? null : init.serverInfo().name())
                    .addKeyValue("server_version", serverVersion).addKeyValue("protocol",
                            init == null ? null : init.protocolVersion())
                    .addKeyValue("tools", tools == null ? 0 : tools.size()).log();
            return new Session(client, process, init == null ? null : init.serverInfo());
        } catch (RuntimeException e) {
            client.close();
            if (process != null) {
                process.stop();
            }
            throw e;
        } finally {
            launching = null;
        }
    }

    /**
     * {@code request}, failing as soon as the server's process ends: the SDK would wait for the start
     * timeout for an answer a dead process never sends.
     */
    private static <T> Mono<T> untilExit(Mono<T> request, ServerProcess process, String method) {
        if (process == null) {
            return request;
        }
        // a copy: losing the race cancels it, never the process's own future
        Mono<T> exit = Mono.fromFuture(process.ended().copy()).flatMap(code -> Mono.error(new IllegalStateException(
                "the server exited with code " + code + " before it answered " + method)));
        return Mono.firstWithSignal(request, exit);
    }

    /** The SDK lists tools page by page; the mount keeps them as served, by name. */
    private void listed(List<McpSchema.Tool> tools, ToolListRecorder recorder, boolean notified) {
        Map<String, ServedTool> next = new LinkedHashMap<>();
        for (McpSchema.Tool tool : tools) {
            next.put(tool.name(), ServedTool.of(recorder.tool(tool.name()), tool, mapper, nodePack));
        }
        Map<String, ServedTool> previous = served;
        served = next;
        if (previous != null && !previous.equals(next) || previous == null && notified) {
            LOG.atInfo().setMessage("mcp server's tools changed").addKeyValue("server", id())
                    .addKeyValue("tools", next.size()).log();
            toolsChanged.run();
        } else if (previous == null && !pins.isEmpty() && !blocks().isEmpty()) {
            // first sight of a lazily started server: its snapshot came from the pins, which it now contradicts
            toolsChanged.run();
        }
    }

    /** The process ended without being asked: calls on it fail now, the next one restarts it after the backoff. */
    private void exited(int exitCode) {
        Session dead = session;
        if (dead == null) {
            return; // it died while starting: the start fails and counts the failure itself
        }
        starting.lock();
        try {
            failed("exited with code " + exitCode);
            session = null;
        } finally {
            starting.unlock();
        }
        dead.client().close(); // calls waiting on it fail now
        if (settings.start() == McpServerSettings.Start.BOOT && !closed) {
            long delay = Math.max(0, Duration.between(Instant.now(), noStartBefore).toMillis());
            restarts.schedule(this::restartQuietly, delay, TimeUnit.MILLISECONDS);
        }
    }

    private void failed(String reason) {
        failuresInARow++;
        lastFailure = reason;
        noStartBefore = Instant.now().plusMillis(BACKOFF.apply(failuresInARow));
        LOG.atWarn().setMessage("mcp server failed; restart after backoff").addKeyValue("server", id())
                .addKeyValue("reason", mask(reason)).addKeyValue("failures_in_a_row", failuresInARow)
                .addKeyValue("restart_not_before", noStartBefore).log();
    }

    private void restartQuietly() {
        if (closed || session != null) {
            return;
        }
        try {
            session();
        } catch (ToolException e) {
            LOG.atDebug().setMessage("mcp server restart failed").addKeyValue("server", id())
                    .addKeyValue("reason", e.getMessage()).log();
            if (settings.start() == McpServerSettings.Start.BOOT && !closed) {
                long delay = Math.max(0, Duration.between(Instant.now(), noStartBefore).toMillis());
                restarts.schedule(this::restartQuietly, delay, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A call on {@code broken} failed in transport (an HTTP server that went away, a stdio server that
     * stopped reading): the session is dropped, so the next call starts a new one after the backoff.
     */
    void lost(Session broken, String reason) {
        starting.lock();
        try {
            if (session != broken) {
                return; // already replaced
            }
            failed(reason);
            session = null;
        } finally {
            starting.unlock();
        }
        broken.client().close();
        if (broken.process() != null) {
            broken.process().stop();
        }
    }

    /** A call succeeded: the server works, so the next failure starts the backoff from its first step. */
    void succeeded() {
        if (failuresInARow != 0) {
            starting.lock();
            try {
                failuresInARow = 0;
            } finally {
                starting.unlock();
            }
        }
    }

    /** Why {@code tool} (a served name) may not be called now; empty when it may. Checked at every call. */
    Optional<BlockableTool.Block> block(String tool) {
        Map<String, ServedTool> now = served;
        SortedMap<String, PinnedTool> pinned = pins;
        return Optional.ofNullable(blockOf(tool, pinned.get(tool), now == null ? null : now.get(tool), now != null,
                pinned.isEmpty()));
    }

    /**
     * The blocked tools: pinned ones the running server now defines otherwise or no longer serves,
     * pinned ones nobody enabled, served ones that were never pinned, and tools a plain call cannot run.
     */
    Map<String, BlockableTool.Block> blocks() {
        Map<String, ServedTool> now = served;
        SortedMap<String, PinnedTool> pinned = pins;
        TreeSet<String> names = new TreeSet<>(pinned.keySet());
        if (now != null) {
            names.addAll(now.keySet());
        }
        Map<String, BlockableTool.Block> blocks = new TreeMap<>();
        for (String name : names) {
            BlockableTool.Block block = blockOf(name, pinned.get(name), now == null ? null : now.get(name), now != null,
                    pinned.isEmpty());
            if (block != null) {
                blocks.put(name, block);
            }
        }
        return blocks;
    }

    /**
     * @param running whether the server's tools are known (it ran); else only the pin can block
     * @param firstSight no tool is pinned yet: everything served is about to be pinned as it is
     */
    private BlockableTool.Block blockOf(String name, PinnedTool pin, ServedTool live, boolean running,
                                        boolean firstSight) {
        String review = "review the change with `rig update " + id() + " --dry-run`, accept it with `rig update "
                + id() + "`";
        if (pin != null && !pin.enabled()) {
            return new BlockableTool.Block("rig.lock: it is not enabled (a tool the server added after it was first"
                    + " trusted)", "enable it with `rig update " + id() + " --enable " + name + "`", false);
        }
        if (running && pin != null && live == null) {
            return new BlockableTool.Block("MCP server " + id() + ": it no longer serves this tool", review);
        }
        if (pin != null && live != null && !live.fingerprint().equals(pin.fingerprint())) {
            return new BlockableTool.Block("MCP server " + id() + ": its definition (" + String.join(", ",
                    ToolPinning.changedFields(pin.definition(), live.definition())) + ") changed since it was pinned in rig.lock", review);
        }
        if (pin == null && live != null && !firstSight) {
            return new BlockableTool.Block("MCP server " + id() + ": it is new since the server's tools were pinned"
                    + " (new tools start disabled)", "`rig update " + id() + " --enable " + name
                    + "` pins and enables it");
        }
        if (live != null ? live.taskOnly() : pin != null && ServedTool.taskOnly(pin.definition())) {
            return new BlockableTool.Block("MCP server " + id() + ": it runs only as an MCP task"
                    + " (execution.taskSupport: required), which RIG does not call yet",
                    "call it from a client connected to the server directly, or deny it in policy.denied_tools", false);
        }
        return null;
    }

    /** Stops the session (the process and everything it started) and any restart. */
    @Override
    public void close() {
        closed = true;
        ServerProcess starting = launching;
        if (starting != null) {
            starting.stop(); // a start under way fails now instead of leaving a process behind
        }
        Session current = session;
        session = null;
        if (current != null) {
            stop(current);
        }
    }

    private void stop(Session current) {
        try {
            current.client().closeGracefully().block(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            LOG.atDebug().setMessage("mcp client close failed").addKeyValue("server", id())
                    .addKeyValue("reason", e.getMessage()).log();
        }
        if (current.process() != null) {
            current.process().stop();
        }
    }

    /** The running session's process, for tests and {@code rig doctor}; null when none runs. */
    ProcessHandle process() {
        Session current = session;
        return current == null || current.process() == null ? null : current.process().handle();
    }

    /** Kills the running server's process, as a crash would (supervision tests). */
    void kill() {
        Session current = session;
        if (current != null && current.process() != null) {
            current.process().kill();
        }
    }

    /** {@code text} with every secret value the server was given replaced by {@code ***}. */
    String mask(String text) {
        if (text == null) {
            return null;
        }
        String masked = text;
        for (String value : secrets.values()) {
            if (value.length() >= 4) {
                masked = masked.replace(value, "***");
            }
        }
        return masked;
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return root == e ? message : message + " (" + e.getClass().getSimpleName() + ")";
    }
}
