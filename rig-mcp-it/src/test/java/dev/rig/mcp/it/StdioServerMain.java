package dev.rig.mcp.it;

import dev.rig.core.Gateway;
import dev.rig.core.config.ConfigLoader;
import dev.rig.mcp.McpStdio;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * {@code rig mcp} for tests: the gateway of the working directory given as the only argument (its
 * rig.yaml, or the defaults), served over MCP stdio with this module's test class path (so the
 * conformance pack is loaded). Started as a separate process by the stdio client tests:
 * {@code java -cp <test class path> dev.rig.mcp.it.StdioServerMain <dir>}.
 */
public final class StdioServerMain {

    private StdioServerMain() {}

    public static void main(String[] args) throws Exception {
        FileOutputStream stdout = new FileOutputStream(FileDescriptor.out);
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
        try (Gateway gateway = Gateway.open(ConfigLoader.load(Path.of(args[0])))) {
            McpStdio.serve(gateway, new FileInputStream(FileDescriptor.in), stdout);
        }
        System.exit(0);
    }
}
