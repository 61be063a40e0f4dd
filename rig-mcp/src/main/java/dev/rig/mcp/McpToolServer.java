package dev.rig.mcp;

import dev.rig.core.Gateway;
import dev.rig.core.config.RigConfig;
import dev.rig.core.registry.Snapshot;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpAsyncServer;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpStatelessAsyncServer;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The gateway's allowed tools served by one MCP SDK server (stateful: stdio or streamable HTTP;
 * or stateless HTTP), kept equal to the live snapshot.
 *
 * <p>Every {@code tools/call} runs on a virtual thread, since the pipeline blocks (audit commit,
 * approvals, elicitation): over HTTP the request's own, over stdio a new one (the SDK's single
 * reader must go on reading, for cancellations). When the gateway publishes a new snapshot, the tools that changed are
 * swapped in and each connected session gets one {@code notifications/tools/list_changed}.
 */
final class McpToolServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(McpToolServer.class);

    static final String TENANT = "dev.rig/tenant";
    /** How long the user has to answer an approval question. */
    private static final Duration ELICIT_TIMEOUT = Duration.ofMinutes(10);

    private final CompletableFuture<Gateway> gateway;
    private final CallHandler handler;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final Scheduler scheduler = Schedulers.fromExecutorService(threads, "rig-mcp-calls");
    private final ToolListNotices notices = new ToolListNotices();
    private final boolean onCallerThread;
    private Registrar registrar;
    private Map<String, McpSchema.Tool> current = Map.of(); // guarded by this
    private volatile AutoCloseable subscription;
    private volatile AutoCloseable roleSubscription;
    private boolean syncAnnounced; // guarded by this: the last sync sent list_changed
    private final CompletableFuture<Void> ready = new CompletableFuture<>();

    private McpToolServer(CompletableFuture<Gateway> gateway, RigConfig config, Supplier<String> rgpUrl,
                          InFlightCalls inFlight, boolean onCallerThread) {
        this.gateway = gateway;
        this.onCallerThread = onCallerThread;
        this.handler = new CallHandler(gateway, inFlight, new ApprovalText(rgpUrl), config.mcp().approvals());
    }

    /**
     * A stateful server on stdio (or any single-session transport) for a gateway that may still be
     * opening: it answers {@code initialize} at once and serves the tools once {@code gateway}
     * completes (the transport must hold {@code tools/*} requests back until then).
     */
    static McpToolServer stateful(CompletableFuture<Gateway> gateway, RigConfig config,
                                  McpServerTransportProvider transport, InFlightCalls inFlight) {
        McpToolServer server = new McpToolServer(gateway, config, () -> config.server().baseUrl(), inFlight, false);
        server.start(McpServer.async(server.notices.wrap(transport)));
        return server;
    }

    /** A stateful server on streamable HTTP; {@code rgpUrl} is where the RGP API listens. */
    static McpToolServer stateful(Gateway gateway, McpStreamableServerTransportProvider transport,
                                  Supplier<String> rgpUrl, InFlightCalls inFlight) {
        McpToolServer server = new McpToolServer(CompletableFuture.completedFuture(gateway), gateway.config(),
                rgpUrl, inFlight, true);
        server.start(McpServer.async(server.notices.wrap(transport)));
        return server;
    }

    /** A stateless server: no session, so no progress, logging, elicitation or list_changed. */
    static McpToolServer stateless(Gateway gateway, McpStatelessServerTransport transport, Supplier<String> rgpUrl,
                                   InFlightCalls inFlight) {
        McpToolServer server = new McpToolServer(CompletableFuture.completedFuture(gateway), gateway.config(),
                rgpUrl, inFlight, true);
        server.startStateless(transport);
        return server;
    }

    /** The tools of the gateway if it is open, else none yet. */
    private Map<String, McpSchema.Tool> initialTools() {
        return gateway.isDone() && !gateway.isCompletedExceptionally()
                ? ToolCatalog.of(gateway.join().snapshot()) : Map.of();
    }

    static McpJsonMapper jsonMapper() {
        return McpJsonDefaults.getMapper();
    }

    private void start(McpServer.AsyncSpecification<?> spec) {
        Map<String, McpSchema.Tool> tools = initialTools();
        McpAsyncServer server = spec.serverInfo(McpInfo.SERVER_NAME, McpInfo.version())
                .instructions(McpInfo.INSTRUCTIONS)
                .capabilities(McpSchema.ServerCapabilities.builder().tools(true).logging().build())
                .jsonSchemaValidator(PipelineValidated.INSTANCE)
                .validateToolInputs(false)
                .requestTimeout(ELICIT_TIMEOUT)
                .tools(tools.values().stream().map(this::spec).toList())
                .build();
        registrar = new Registrar() {
            @Override
            public void add(McpSchema.Tool tool) {
                server.addTool(spec(tool)).block();
            }

            @Override
            public void remove(String name) {
                server.removeTool(name).block();
            }

            @Override
            public void announce() {
                server.notifyToolsListChanged().block();
            }

            @Override
            public void close() {
                server.closeGracefully().block(Duration.ofSeconds(5));
            }
        };
        listen(tools);
    }

    private void startStateless(McpStatelessServerTransport transport) {
        Map<String, McpSchema.Tool> tools = initialTools();
        McpStatelessAsyncServer server = McpServer.async(transport)
                .serverInfo(McpInfo.SERVER_NAME, McpInfo.version())
                .instructions(McpInfo.INSTRUCTIONS)
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                .jsonSchemaValidator(PipelineValidated.INSTANCE)
                .validateToolInputs(false)
                .tools(tools.values().stream().map(this::statelessSpec).toList())
                .build();
        registrar = new Registrar() {
            @Override
            public void add(McpSchema.Tool tool) {
                server.addTool(statelessSpec(tool)).block();
            }

            @Override
            public void remove(String name) {
                server.removeTool(name).block();
            }

            @Override
            public void announce() {
                // no sessions to tell: each request lists afresh
            }

            @Override
            public void close() {
                server.closeGracefully().block(Duration.ofSeconds(5));
            }
        };
        listen(tools);
    }

    private void listen(Map<String, McpSchema.Tool> tools) {
        synchronized (this) {
            current = tools;
        }
        gateway.whenComplete((open, failure) -> {
            if (failure != null) {
                ready.completeExceptionally(failure);
                return;
            }
            try {
                boolean early = tools.isEmpty(); // nobody could list tools before: no need to announce them
                subscription = open.onSnapshot(snapshot -> sync(snapshot, true));
                roleSubscription = open.onRolesChanged(routing -> announceRoleChange());
                sync(open.snapshot(), !early); // or a snapshot published while the server was being built
                ready.complete(null);
            } catch (RuntimeException e) {
                ready.completeExceptionally(e);
            }
        });
    }

    /** Completes once the gateway is open and its tools are served (exceptionally if it failed to open). */
    CompletableFuture<Void> ready() {
        return ready;
    }

    private McpServerFeatures.AsyncToolSpecification spec(McpSchema.Tool tool) {
        return new McpServerFeatures.AsyncToolSpecification(tool, (exchange, request) -> run(() -> handler.call(
                request, new SessionCaller(exchange, tenant(exchange.transportContext()), ELICIT_TIMEOUT))));
    }

    private McpStatelessServerFeatures.AsyncToolSpecification statelessSpec(McpSchema.Tool tool) {
        return new McpStatelessServerFeatures.AsyncToolSpecification(tool,
                (context, request) -> run(() -> handler.call(request, new StatelessCaller(tenant(context)))));
    }

    private Mono<McpSchema.CallToolResult> run(java.util.concurrent.Callable<McpSchema.CallToolResult> call) {
        // Over HTTP the SDK waits for the answer on the request's own (virtual) thread: run there, no
        // hand-off. Over stdio the SDK's one reader thread must go on reading (cancellations).
        return onCallerThread ? Mono.fromCallable(call) : Mono.fromCallable(call).subscribeOn(scheduler);
    }

    private static String tenant(McpTransportContext context) {
        return context == null ? null : context.get(TENANT) instanceof String tenant ? tenant : null;
    }

    /**
     * Makes the served tools those of {@code snapshot}; tells the sessions once if anything changed
     * and {@code announce}.
     */
    private synchronized void sync(Snapshot snapshot, boolean announce) {
        Map<String, McpSchema.Tool> next = ToolCatalog.of(snapshot);
        syncAnnounced = false;
        if (next.equals(current)) {
            return;
        }
        List<String> removed = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        notices.mute();
        try {
            for (String name : current.keySet()) {
                if (!next.containsKey(name)) {
                    registrar.remove(name);
                    removed.add(name);
                }
            }
            for (Map.Entry<String, McpSchema.Tool> entry : next.entrySet()) {
                if (!entry.getValue().equals(current.get(entry.getKey()))) {
                    registrar.add(entry.getValue());
                    changed.add(entry.getKey());
                }
            }
        } finally {
            notices.unmute();
        }
        current = new LinkedHashMap<>(next);
        if (announce) {
            registrar.announce();
            syncAnnounced = true;
        }
        LOG.atInfo().setMessage("MCP tools updated").addKeyValue("snapshot", snapshot.id())
                .addKeyValue("tools", next.size()).addKeyValue("added_or_changed", changed.size())
                .addKeyValue("removed", removed.size()).log();
    }

    /**
     * A promotion or rollback changes what clients' calls run on even when the tool list looks the same
     * (another pack version behind the same names): tell them once, unless the sync of the same swap
     * just did (the gateway calls snapshot listeners, then role listeners, on one thread).
     */
    private synchronized void announceRoleChange() {
        if (!syncAnnounced) {
            registrar.announce();
        }
        syncAnnounced = false;
    }

    @Override
    public void close() {
        try {
            if (roleSubscription != null) {
                roleSubscription.close();
            }
            if (subscription != null) {
                subscription.close();
            }
        } catch (Exception e) {
            LOG.debug("stopping snapshot updates failed", e);
        }
        try {
            registrar.close();
        } catch (RuntimeException e) {
            LOG.debug("closing the MCP server failed", e);
        }
        scheduler.dispose();
        threads.close();
    }

    private interface Registrar {
        void add(McpSchema.Tool tool);

        void remove(String name);

        void announce();

        void close();
    }
}
