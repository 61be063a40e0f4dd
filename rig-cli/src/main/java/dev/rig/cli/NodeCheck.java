package dev.rig.cli;

import dev.rig.core.config.McpServerSettings;
import dev.rig.core.config.RigConfig;
import dev.rig.core.lock.LockFile;
import dev.rig.core.lock.LockedPack;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code rig doctor}'s {@code node} check: node and npm on the PATH (or {@code RIG_NODE}, {@code RIG_NPM})
 * and their versions. It fails when something configured needs node — an npm pack (which needs node 18 or
 * newer) or an MCP server started with {@code node} or {@code npx} — and node is missing or too old; it
 * passes with a note otherwise.
 */
final class NodeCheck {

    /** The oldest node the Node runner supports. */
    static final int MIN_NODE = 18;
    private static final Pattern VERSION = Pattern.compile("v?(\\d+)(\\.\\d+)*");
    private static final String INSTALL = "install Node.js " + MIN_NODE + " or newer with npm (https://nodejs.org, or"
            + " `apt-get install nodejs npm`), or set RIG_NODE to the node program";

    private NodeCheck() {}

    static DoctorCommand.Check check(RigConfig config, LockFile lock, Map<String, String> environment) {
        List<String> npmPacks = new ArrayList<>();
        if (lock != null) {
            lock.packs().values().stream().filter(p -> p.runtime().equals(LockedPack.NODE))
                    .filter(p -> config.packEnabled(p.packId())).forEach(p -> npmPacks.add("npm pack " + p.packId()));
        }
        List<String> servers = new ArrayList<>();
        boolean npx = false;
        for (McpServerSettings server : config.mcpServers().values()) {
            if (server.isStdio()) {
                String program = Path.of(server.command().get(0)).getFileName().toString();
                if (program.equals("node") || program.equals("npx")) {
                    servers.add("MCP server " + server.id() + " (" + program + ")");
                    npx |= program.equals("npx");
                }
            }
        }
        List<String> needing = new ArrayList<>(npmPacks);
        needing.addAll(servers);
        String nodeProgram = program(environment, "RIG_NODE", "node");
        Optional<Path> node = find(nodeProgram, environment);
        Optional<String> nodeVersion = node.flatMap(NodeCheck::version);
        String npmProgram = program(environment, "RIG_NPM", "npm");
        Optional<String> npmVersion = find(npmProgram, environment).flatMap(NodeCheck::version);
        if (nodeVersion.isEmpty()) {
            String missing = node.isEmpty() ? nodeProgram + " not found on the PATH"
                    : nodeProgram + " (" + node.get() + ") does not answer --version";
            return needing.isEmpty()
                    ? DoctorCommand.Check.pass("node", missing + " (only npm packs and MCP servers started with node or"
                            + " npx need it)")
                    : DoctorCommand.Check.fail("node", missing + ", but " + String.join(", ", needing) + " need"
                            + (needing.size() == 1 ? "s" : "") + " it", INSTALL);
        }
        String found = "node " + nodeVersion.get() + " (" + node.get() + ")"
                + npmVersion.map(v -> ", npm " + v).orElse(", npm not found (`rig install --runtime node` needs it)");
        int major = major(nodeVersion.get());
        if (!npmPacks.isEmpty() && major < MIN_NODE) {
            return DoctorCommand.Check.fail("node", found + " is too old for " + String.join(", ", npmPacks)
                    + " (they need node " + MIN_NODE + " or newer)", INSTALL);
        }
        if (npx && find("npx", environment).isEmpty()) {
            return DoctorCommand.Check.fail("node", found + "; npx not found, but " + String.join(", ", servers)
                    + " need it", "install npm (it brings npx) next to node");
        }
        return DoctorCommand.Check.pass("node", found + (needing.isEmpty() ? "" : "; used by "
                + String.join(", ", needing)));
    }

    private static String program(Map<String, String> environment, String variable, String fallback) {
        String configured = environment.get(variable);
        return configured == null || configured.isBlank() ? fallback : configured;
    }

    /** {@code program} as a path: itself when it names a directory, else the first executable of that name on PATH. */
    static Optional<Path> find(String program, Map<String, String> environment) {
        if (program.contains(File.separator)) {
            Path path = Path.of(program);
            return Files.isExecutable(path) ? Optional.of(path.toAbsolutePath()) : Optional.empty();
        }
        String path = environment.getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            Path candidate = Path.of(dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** What {@code program --version} prints (a version such as {@code v20.11.1}), or empty when it fails. */
    private static Optional<String> version(Path program) {
        Process process;
        try {
            process = new ProcessBuilder(program.toString(), "--version").redirectErrorStream(true).start();
        } catch (IOException e) {
            return Optional.empty();
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Thread reader = Thread.ofVirtual().start(() -> {
            try (InputStream in = process.getInputStream()) {
                in.transferTo(output);
            } catch (IOException e) {
                // the process ended
            }
        });
        try {
            process.getOutputStream().close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            reader.join();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        String text = output.toString(StandardCharsets.UTF_8).strip();
        Matcher m = VERSION.matcher(text.lines().reduce((a, b) -> b).orElse(""));
        return process.exitValue() == 0 && m.find() ? Optional.of(m.group()) : Optional.empty();
    }

    private static int major(String version) {
        Matcher m = VERSION.matcher(version);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }
}
