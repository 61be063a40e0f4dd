package dev.rig.pack.echo;

import dev.rig.spi.Pack;
import dev.rig.spi.PackEnvironment;
import dev.rig.spi.Tool;
import java.util.List;

/** The {@code echo} pack: one tool that answers with its input, for smoke tests and demos. */
public final class EchoPack implements Pack {

    @Override
    public String id() {
        return "echo";
    }

    @Override
    public String version() {
        return "0.1.0";
    }

    @Override
    public String description() {
        return "Echoes a message back with the caller's tenant; needs no credentials.";
    }

    @Override
    public List<Tool> tools(PackEnvironment environment) {
        return List.of(new EchoTool());
    }
}
