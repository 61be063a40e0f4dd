package dev.rig.cli;

import dev.rig.core.Gateway;
import dev.rig.mcp.mount.MountedServers;
import dev.rig.core.config.DatabaseSettings;
import dev.rig.core.config.RigConfig;
import dev.rig.core.config.ServerSettings;
import dev.rig.mcp.McpHttp;
import dev.rig.core.registry.PackInfo;
import dev.rig.server.RgpServer;
import dev.rig.core.registry.PackProblem;
import dev.rig.core.snapshot.Routing;
import dev.rig.server.WorkspaceWatcher;
import java.io.PrintWriter;
import java.time.Duration;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rig serve}: runs the gateway and its RGP HTTP API until SIGINT or SIGTERM, then closes
 * the server (no new calls) before the gateway (audit flushed, database closed).
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the gateway (RGP HTTP API) until interrupted.")
final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--host", paramLabel = "HOST", description = "Listen on HOST (default: server.host, 127.0.0.1).")
    String host;

    @Option(names = "--port", paramLabel = "PORT",
            description = "Listen on PORT; 0 picks a free one (default: server.port, 8787).")
    Integer port;

    /** How long rig.yaml and rig.lock must be quiet before a reload (an install writes both). */
    private static final Duration WATCH_SETTLE = Duration.ofMillis(250);

    @Override
    public Integer call() throws InterruptedException {
        RigConfig config = common.config();
        ServerSettings settings = config.server().withHostAndPort(
                host != null ? host : config.server().host(), port != null ? port : config.server().port());
        config = config.withServer(settings);
        Gateway gateway = Gateway.open(config, new MountedServers());
        RgpServer server;
        try {
            server = RgpServer.start(gateway, settings);
        } catch (RuntimeException e) {
            gateway.close();
            throw e;
        }
        PrintWriter err = spec.commandLine().getErr();
        WorkspaceWatcher watcher = config.source() == null ? null : WorkspaceWatcher.start(gateway, WATCH_SETTLE);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                if (watcher != null) {
                    watcher.close();
                }
                server.close();
                gateway.close();
                err.println("RIG gateway stopped");
                err.flush();
            } finally {
                stopped.countDown();
            }
        }, "rig-shutdown"));
        String packs = gateway.snapshot().packs().stream().map(PackInfo::id).collect(Collectors.joining(", "));
        String audit = describe(config.database(), config.workingDirectory());
        String mcp = config.mcp().http() ? "; MCP at " + server.baseUrl() + McpHttp.PATH
                + (config.mcp().stateless() ? " (stateless)" : "") : "";
        err.println("RIG gateway listening on " + server.baseUrl() + " (" + gateway.tools().size()
                + " tools from packs " + packs + "; audit " + audit + mcp + ")");
        for (PackProblem problem : gateway.snapshot().problems()) {
            err.println("warning: skipped " + problem);
        }
        Routing routing = gateway.routing();
        err.println("snapshot " + routing.active().id() + " active" + (routing.canary() == null ? ""
                : "; canary " + routing.canary().id() + " on " + routing.basisPoints() / 100 + "% of tenants (`rig "
                + "promote` or `rig rollback`; GET /v1/snapshot shows how it does)"));
        if (watcher != null) {
            err.println("rig install / update / uninstall here take effect at once (rig.yaml and rig.lock are watched)");
        } else {
            err.println("no rig.yaml here: serving the bundled packs; `rig init` makes this directory a workspace");
        }
        err.flush();
        stopped.await();
        return ExitCode.OK.code();
    }

    /** The audit store as an operator knows it: the SQLite file (relative inside the working directory) or the URL. */
    private static String describe(DatabaseSettings database, Path workingDirectory) {
        if (!database.isSqlite()) {
            return database.url().replaceAll("password=[^&]*", "password=***");
        }
        Path file = Path.of(database.url().substring("jdbc:sqlite:".length()));
        return file.startsWith(workingDirectory) ? workingDirectory.relativize(file).toString() : file.toString();
    }
}
