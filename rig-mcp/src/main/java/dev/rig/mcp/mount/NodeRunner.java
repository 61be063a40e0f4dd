package dev.rig.mcp.mount;

import dev.rig.core.files.AtomicFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * RIG's Node runner: a script shipped in this jar that loads an npm pack ({@code rigPack()},
 * {@code rigTools()}, {@code rigInvoke(name, args, context)}) and serves it as an MCP server over
 * stdio, so npm packs are mounted like any MCP server. The script is written once per content into
 * {@code .rig/node/.runner/} of the workspace; {@code node} is found on the PATH, or named by
 * {@code RIG_NODE}.
 */
public final class NodeRunner {

    private static final String RESOURCE = "/dev/rig/mcp/node/rig-runner.mjs";
    /** Where npm packs are installed in a workspace: {@code .rig/node/<id>/}. */
    public static final String NODE_DIRECTORY = ".rig/node";

    private NodeRunner() {
    }

    /** The node program: {@code RIG_NODE} from the environment, else {@code node}. */
    public static String node(Map<String, String> environment) {
        String configured = environment.get("RIG_NODE");
        return configured == null || configured.isBlank() ? "node" : configured;
    }

    /** Where pack {@code id}'s npm package ({@code packageName}) is installed in the workspace. */
    public static Path packageDirectory(Path workingDirectory, String id, String packageName) {
        return workingDirectory.resolve(NODE_DIRECTORY).resolve(id).resolve("node_modules").resolve(packageName);
    }

    /** The command that serves the package in {@code packageDirectory} over stdio. */
    public static List<String> command(Path workingDirectory, Map<String, String> environment, Path packageDirectory) {
        return List.of(node(environment), script(workingDirectory).toString(), packageDirectory.toString());
    }

    /** The runner script, written into the workspace when missing (named by its content, so never stale). */
    public static Path script(Path workingDirectory) {
        Path target = workingDirectory.resolve(NODE_DIRECTORY).resolve(".runner").resolve(Script.NAME);
        if (Files.isRegularFile(target)) {
            return target;
        }
        try {
            AtomicFile.write(target, Script.BYTES.clone());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the Node runner to " + target + ": " + e.getMessage(), e);
        }
        return target;
    }

    /** The script's bytes and name, read from the jar once (every snapshot build asks for the command). */
    private static final class Script {
        static final byte[] BYTES = read();
        static final String NAME = "rig-runner-" + HexFormat.of().formatHex(sha256(BYTES), 0, 6) + ".mjs";

        private static byte[] read() {
            try (InputStream in = NodeRunner.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("the Node runner is missing from the rig-mcp jar (" + RESOURCE + ")");
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
