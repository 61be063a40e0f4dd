package dev.rig.mcp.it;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The MCP servers nobody here wrote — {@code @modelcontextprotocol/server-everything} and
 * {@code @modelcontextprotocol/server-filesystem}, pinned in {@code src/test/node} and installed by
 * {@link NodeTools} — and the {@code mcp_servers:} entries that mount them over stdio with Node 22.
 */
final class RealServers {

    static final String EVERYTHING = "@modelcontextprotocol/server-everything";
    static final String FILESYSTEM = "@modelcontextprotocol/server-filesystem";

    private static final ObjectMapper JSON = new ObjectMapper();

    private RealServers() {
    }

    /** The installed package's directory. */
    static Path packageDir(String name) {
        return NodeTools.installed().dir().resolve("node_modules").resolve(name);
    }

    /** The program of package {@code name}: its {@code bin} script as its package.json names it. */
    static Path program(String name) {
        return program(packageDir(name));
    }

    /** The {@code bin} script of the package in {@code dir}. */
    static Path program(Path dir) {
        try {
            JsonNode bin = JSON.readTree(dir.resolve("package.json").toFile()).path("bin");
            Iterator<JsonNode> scripts = bin.isTextual() ? List.of(bin).iterator() : bin.elements();
            return dir.resolve(scripts.next().asText()).normalize();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code [node, program, args...]}: how RIG starts the server with the installed Node 22. */
    static List<String> command(Path program, String... args) {
        List<String> command = new ArrayList<>();
        command.add(NodeTools.installed().node().toString());
        command.add(program.toString());
        command.addAll(List.of(args));
        return command;
    }

    /** An {@code mcp_servers:} entry (two-space indented, under the key) for a stdio server. */
    static String stdio(String id, List<String> command, String... more) {
        StringBuilder yaml = new StringBuilder("  " + id + ":\n    command: " + json(command) + "\n");
        for (String line : more) {
            yaml.append("    ").append(line).append('\n');
        }
        return yaml.toString();
    }

    /**
     * A copy of installed package {@code name} to patch, under the Node project (so its imports still
     * resolve from {@code node_modules}); the caller deletes it.
     */
    static Path copyOf(String name) {
        Path source = packageDir(name);
        try {
            Path target = Files.createTempDirectory(Files.createDirectories(NodeTools.installed().dir()
                    .resolve("copies")), source.getFileName() + "-");
            try (Stream<Path> files = Files.walk(source)) {
                for (Path file : files.toList()) {
                    Path copy = target.resolve(source.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(copy);
                    } else {
                        Files.copy(file, copy);
                    }
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A TCP port nothing listens on at this moment. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether something accepts connections on {@code port} of the loopback address. */
    static boolean listening(int port) {
        try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
