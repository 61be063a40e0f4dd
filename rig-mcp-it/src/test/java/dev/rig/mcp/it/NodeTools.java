package dev.rig.mcp.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The Node side of these tests: the project in {@code src/test/node} (the MCP TypeScript SDK, the
 * MCP conformance suite and Node 22 itself, pinned by its {@code package-lock.json}) installed with
 * {@code npm ci} into {@code target/node}, and node scripts run there with that Node 22.
 *
 * <p>{@code npm ci} runs once per build: again only when {@code target/node} is gone or the
 * package files changed. A file lock keeps two JVMs (or two test classes) from installing at once.
 * It needs {@code npm} (and a {@code node} to run it, any recent version) on the PATH.
 */
final class NodeTools {

    private static final Duration NPM_CI_TIMEOUT = Duration.ofMinutes(10);
    private static final String STAMP = ".npm-ci.sha256";
    private static NodeTools installed;

    private final Path dir;
    private final Path node;

    private NodeTools(Path dir, Path node) {
        this.dir = dir;
        this.node = node;
    }

    /** The installed project, installing it first if this build has not yet. */
    static synchronized NodeTools installed() {
        if (installed == null) {
            Path module = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
            installed = install(module.resolve("src/test/node"), module.resolve("target/node"));
        }
        return installed;
    }

    /** Where the scripts run and {@code node_modules} is. */
    Path dir() {
        return dir;
    }

    /** The Node 22 binary the project installed. */
    Path node() {
        return node;
    }

    /** Runs {@code node <args>} in {@link #dir()}; fails the test if it runs longer than {@code timeout}. */
    Run run(Duration timeout, Map<String, String> env, String... args) {
        Path logs = logs();
        Path stdout = logs.resolve("stdout.txt");
        Path stderr = logs.resolve("stderr.txt");
        ProcessBuilder builder = builder(env, args).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        long started = System.nanoTime();
        Process process = start(builder);
        boolean finished = waitFor(process, timeout);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        Run run = new Run(finished ? process.exitValue() : -1, read(stdout), read(stderr), took);
        if (!finished) {
            throw new AssertionError("node " + String.join(" ", args) + " still running after " + timeout
                    + "; killed it.\nstdout:\n" + run.stdout() + "\nstderr:\n" + tail(run.stderr()));
        }
        return run;
    }

    /**
     * Starts {@code node <args>} in {@link #dir()} with its stdout piped to the caller (stderr goes to
     * the returned file); the caller waits for it and calls {@link #stop} in any case.
     */
    Started start(Map<String, String> env, String... args) {
        Path stderr = logs().resolve("stderr.txt");
        return new Started(start(builder(env, args).redirectError(stderr.toFile())), stderr);
    }

    /** Kills {@code process} and whatever it started (such as a stdio server), if still running. */
    static void stop(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The last lines of {@code text}, enough to see why a process failed. */
    static String tail(String text) {
        List<String> lines = text.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private ProcessBuilder builder(Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>();
        command.add(node.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().putAll(env);
        // Anything the scripts start as `node` is this Node 22 too.
        builder.environment().merge("PATH", dir.resolve("node_modules/.bin").toString(),
                (path, bin) -> bin + File.pathSeparator + path);
        return builder;
    }

    private Path logs() {
        try {
            return Files.createTempDirectory(Files.createDirectories(dir.resolve("runs")), "run-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static NodeTools install(Path source, Path target) {
        try {
            Files.createDirectories(target);
            try (FileChannel lockFile = FileChannel.open(target.resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock lock = lockFile.lock()) {
                copyProject(source, target);
                Path node = target.resolve("node_modules/node/bin/node");
                String wanted = hash(source.resolve("package.json"), source.resolve("package-lock.json"));
                Path stamp = target.resolve(STAMP);
                if (!(Files.isExecutable(node) && Files.exists(stamp) && Files.readString(stamp).equals(wanted))) {
                    Files.deleteIfExists(stamp);
                    npmCi(target);
                    Files.writeString(stamp, wanted);
                }
                checkVersion(node);
                return new NodeTools(target, node);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + target, e);
        }
    }

    /** The project's files (not node_modules or results) into {@code target}, fresh each time. */
    private static void copyProject(Path source, Path target) throws IOException {
        if (!Files.isRegularFile(source.resolve("package-lock.json"))) {
            throw new IllegalStateException("no " + source.resolve("package-lock.json") + ": the tests need the "
                    + "pinned Node project in rig-mcp-it/src/test/node");
        }
        try (Stream<Path> files = Files.list(source)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, target.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static void npmCi(Path target) throws IOException {
        String npm = "npm";
        try {
            Process version = new ProcessBuilder(npm, "--version").redirectErrorStream(true).start();
            if (!waitFor(version, Duration.ofSeconds(60)) || version.exitValue() != 0) {
                throw new IllegalStateException("`npm --version` failed: "
                        + new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new IllegalStateException("npm is not on the PATH. These tests need Node.js and npm (any recent "
                    + "version: they install Node 22 themselves with npm); on Debian or Ubuntu: apt-get install "
                    + "nodejs npm", e);
        }
        Path log = target.resolve("npm-ci.log");
        long started = System.nanoTime();
        Process ci = new ProcessBuilder(npm, "ci", "--no-audit", "--no-fund").directory(target.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!waitFor(ci, NPM_CI_TIMEOUT)) {
            throw new IllegalStateException("npm ci in " + target + " still running after " + NPM_CI_TIMEOUT
                    + "; killed it. Its output:\n" + tail(read(log)));
        }
        if (ci.exitValue() != 0) {
            throw new IllegalStateException("npm ci in " + target + " failed (exit " + ci.exitValue()
                    + "; the npm registry must be reachable, or its packages in the npm cache). Its output:\n"
                    + tail(read(log)));
        }
        System.err.printf("npm ci in %s took %d ms%n", target, (System.nanoTime() - started) / 1_000_000);
    }

    private static void checkVersion(Path node) throws IOException {
        if (!Files.isExecutable(node)) {
            throw new IllegalStateException("npm ci did not install Node 22 at " + node + " (the node package's "
                    + "install script fetches it: were install scripts disabled, npm_config_ignore_scripts?)");
        }
        Process version = new ProcessBuilder(node.toString(), "--version").redirectErrorStream(true).start();
        String out = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!waitFor(version, Duration.ofSeconds(30)) || !out.startsWith("v22.")) {
            throw new IllegalStateException(node + " --version said " + out + "; expected v22.x");
        }
    }

    private static String hash(Path... files) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Path file : files) {
                digest.update(Files.readAllBytes(file));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Process start(ProcessBuilder builder) {
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + builder.command(), e);
        }
    }

    private static boolean waitFor(Process process, Duration timeout) {
        try {
            if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stop(process);
        return false;
    }

    /** A finished node process. */
    record Run(int exitCode, String stdout, String stderr, Duration took) {

        /** The last stdout line, which the scripts make their JSON report. */
        String lastLine() {
            List<String> lines = stdout.lines().filter(line -> !line.isBlank()).toList();
            return lines.isEmpty() ? "" : lines.getLast();
        }

        String describe() {
            return "exit " + exitCode + " after " + took.toMillis() + " ms\nstdout:\n" + tail(stdout) + "\nstderr:\n"
                    + tail(stderr);
        }
    }

    /** A running node process whose stdout the test reads. */
    record Started(Process process, Path stderr) implements AutoCloseable {

        String stderrText() {
            return read(stderr);
        }

        @Override
        public void close() {
            stop(process);
        }
    }
}
