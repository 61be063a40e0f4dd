package dev.rig.server;

import dev.rig.core.Gateway;
import dev.rig.core.api.RigException;
import dev.rig.core.config.ServerSettings;
import dev.rig.mcp.McpHttp;
import dev.rig.spi.ErrorType;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.config.JavalinConfig;
import io.javalin.util.JavalinBindException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/**
 * The RGP HTTP API (the gateway's native {@code /v1} routes) on Javalin and Jetty, one virtual thread
 * per request, and the MCP endpoint ({@code /mcp}, see {@link McpHttp}) on the same port unless
 * {@code mcp.http: false}.
 *
 * <p><b>Lifecycle:</b> {@link #start} listens at once; {@link #close} stops listening and lets
 * requests in flight finish. The gateway stays open: its owner closes it.
 */
public final class RgpServer implements AutoCloseable {

    private final Javalin app;
    private final ServerSettings settings;
    private final McpHttp mcp;

    private RgpServer(Javalin app, ServerSettings settings, McpHttp mcp) {
        this.app = app;
        this.settings = settings;
        this.mcp = mcp;
    }

    /**
     * Starts serving {@code gateway} on {@code settings.host()} and {@code settings.port()} (0: a free port).
     *
     * @throws RigException {@code conflict} when the address cannot be bound (for instance, in use)
     */
    public static RgpServer start(Gateway gateway, ServerSettings settings) {
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(settings, "settings");
        AtomicReference<Javalin> started = new AtomicReference<>();
        McpHttp mcp = gateway.config().mcp().http()
                ? McpHttp.create(gateway, settings.maxBodyBytes(), () -> started.get() == null ? settings.baseUrl()
                        : settings.withHostAndPort(settings.host(), started.get().port()).baseUrl())
                : null;
        Javalin app = Javalin.create(config -> configure(config, gateway, settings, mcp));
        try {
            app.start(settings.host(), settings.port());
        } catch (JavalinBindException e) {
            app.stop();
            if (mcp != null) {
                mcp.close();
            }
            throw new RigException(ErrorType.CONFLICT, "cannot listen on " + settings.host() + ":" + settings.port()
                    + ": " + e.getMessage(), e, "set server.port in rig.yaml to a free port, or 0 for any free port");
        }
        started.set(app);
        return new RgpServer(app, settings, mcp);
    }

    private static void configure(JavalinConfig config, Gateway gateway, ServerSettings settings, McpHttp mcp) {
        long maxBodyBytes = settings.maxBodyBytes();
        config.concurrency.useVirtualThreads = true;
        config.startup.showJavalinBanner = false;
        config.startup.showOldJavalinVersionWarning = false;
        config.http.prefer405over404 = true;
        config.http.maxRequestSize = maxBodyBytes;
        config.http.defaultContentType = JsonReply.CONTENT_TYPE;
        // Answers are small JSON; the compressing stream wrapper cost 6% of CPU under load for nothing.
        config.http.compressionStrategy = CompressionStrategy.NONE;
        config.jetty.modifyServer(server -> server.setErrorHandler(new ProtocolErrors()));
        if (mcp != null) {
            // MCP (streamable or stateless HTTP) on the same port; Javalin's servlet keeps every other path.
            config.jetty.modifyServletContextHandler(handler -> {
                ServletHolder holder = new ServletHolder("mcp", mcp.servlet());
                holder.setAsyncSupported(true);
                handler.addServlet(holder, McpHttp.PATH);
            });
        }
        config.requestLogger.http(new RequestLog());
        config.routes.before(ctx -> {
            RgpHeaders.read(ctx);
            JsonBody.checkDeclaredLength(ctx, maxBodyBytes);
        });
        new SystemRoutes(gateway).register(config.routes);
        new ToolRoutes(gateway, maxBodyBytes).register(config.routes);
        new ApprovalRoutes(gateway).register(config.routes);
        new AuditRoutes(gateway, maxBodyBytes).register(config.routes);
        FailureResponses.register(config.routes);
    }

    /** The port the server listens on (the one chosen when the settings said 0). */
    public int port() {
        return app.port();
    }

    /** The URL a client on this machine uses, such as {@code http://127.0.0.1:8787}. */
    public String baseUrl() {
        return settings.withHostAndPort(settings.host(), port()).baseUrl();
    }

    @Override
    public void close() {
        if (mcp != null) {
            mcp.close();
        }
        app.stop();
    }
}
