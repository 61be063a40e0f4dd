package dev.rig.bench;

import dev.rig.core.Gateway;
import dev.rig.core.config.RigConfig;
import dev.rig.core.config.ServerSettings;
import dev.rig.server.RgpServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The RIG side of the load and durability runs: a gateway on its embedded defaults (every pack on
 * the class path, SQLite audit under {@code <dir>/.rig/audit.db}) served by {@link RgpServer} on
 * 127.0.0.1.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar dev.rig.bench.RigServerMain [port [dir]]}
 * (port 0, the default, picks a free one; dir defaults to a new temp directory). Prints
 * {@code listening on port N dir D} once it accepts calls.
 */
public final class RigServerMain {

    private RigServerMain() {}

    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("rig-bench-server-");
        Gateway gateway = Gateway.open(RigConfig.defaults(dir));
        RgpServer server = RgpServer.start(gateway,
                new ServerSettings("127.0.0.1", port, ServerSettings.DEFAULT_MAX_BODY_BYTES));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            gateway.close();
        }));
        System.out.println("listening on port " + server.port() + " dir " + dir.toAbsolutePath());
        System.out.flush();
    }
}
