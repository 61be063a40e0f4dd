package dev.rig.cli;

import dev.rig.core.config.ConfigLoader;
import java.net.URI;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --url} option of the commands that talk to a running gateway over RGP. */
final class GatewayUrlOption {

    @Option(names = "--url", paramLabel = "URL",
            description = "Base URL of the gateway (default: server.host and server.port of rig.yaml, "
                    + "else http://127.0.0.1:8787).")
    URI url;

    /** The URL given, or the one the configuration in {@code workingDirectory} listens on. */
    URI resolve(Path workingDirectory) {
        if (url != null) {
            return url;
        }
        return URI.create(ConfigLoader.load(workingDirectory).server().baseUrl());
    }
}
