package dev.rig.mcp.mount;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * A stdio MCP server as a process RIG owns: the MCP client transport over its stdin and stdout,
 * its stderr to RIG's log (secret values masked), and its end reported.
 *
 * <p>Not the SDK's {@code StdioClientTransport}: the supervisor needs the process itself — to learn
 * at once that it died (the SDK's transport leaves calls waiting until their timeout), to stop the
 * whole process tree (a server started through {@code npx} is a child of a child), and to count
 * what it started. Two daemon threads read its stdout and stderr (a pipe read blocks its thread, virtual
 * or not); writes happen on the caller's thread.
 */
final class ServerProcess implements McpClientTransport {

    private static final Logger LOG = LoggerFactory.getLogger(ServerProcess.class);
    /** The longest line a server may send: a bigger one ends the session (it would otherwise fill the heap). */
    static final int MAX_LINE_CHARS = 16 * 1024 * 1024;
    private static final Duration GRACE = Duration.ofSeconds(2);

    private final String serverId;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path directory;
    private final McpJsonMapper mapper;
    private final UnaryOperator<String> mask;
    private final IntConsumer onExit;
    private final Object lifecycle = new Object();
    private final CompletableFuture<Integer> ended = new CompletableFuture<>();
    private volatile Process process;
    private volatile Thread errorReader;
    private volatile boolean closing;

    /**
     * @param environment the whole environment of the process (nothing of RIG's is inherited)
     * @param mask hides secret values in the server's stderr before it is logged
     * @param onExit told the exit code when the process ends without being asked to
     */
    ServerProcess(String serverId, List<String> command, Map<String, String> environment, Path directory,
                  McpJsonMapper mapper, UnaryOperator<String> mask, IntConsumer onExit) {
        this.serverId = serverId;
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.directory = directory;
        this.mapper = mapper;
        this.mask = mask;
        this.onExit = onExit;
    }

    @Override
    public Mono<Void> connect(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
        return Mono.fromRunnable(() -> {
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
            builder.environment().clear();
            builder.environment().putAll(environment);
            synchronized (lifecycle) { // a stop() that came first wins: no process is started after it
                if (closing) {
                    throw new IllegalStateException("MCP server " + serverId + " is stopping");
                }
                try {
                    process = builder.start();
                } catch (IOException e) {
                    throw new IllegalStateException("cannot start `" + String.join(" ", command) + "`: "
                            + e.getMessage(), e);
                }
            }
            Process started = process;
            LOG.atInfo().setMessage("mcp server started").addKeyValue("server", serverId)
                    .addKeyValue("pid", started.pid()).log();
            // Pipe reads block a carrier even on a virtual thread, so these are plain daemon threads: two per server.
            Thread.ofPlatform().daemon(true).name("mcp-" + serverId + "-out").start(() -> readMessages(started, handler));
            errorReader = Thread.ofPlatform().daemon(true).name("mcp-" + serverId + "-err")
                    .start(() -> readErrors(started));
            started.onExit().thenAccept(ended -> {
                this.ended.complete(ended.exitValue());
                if (!closing) {
                    LOG.atWarn().setMessage("mcp server exited").addKeyValue("server", serverId)
                            .addKeyValue("pid", ended.pid()).addKeyValue("exit_code", ended.exitValue()).log();
                    onExit.accept(ended.exitValue());
                }
            });
        });
    }

    private void readMessages(Process started,
                              Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
        try (Reader reader = new BufferedReader(
                new InputStreamReader(started.getInputStream(), StandardCharsets.UTF_8), 1 << 16)) {
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = reader.read()) != -1) {
                if (c != '\n') {
                    if (line.length() >= MAX_LINE_CHARS) {
                        LOG.atWarn().setMessage("mcp server sent a line longer than the limit; stopping it")
                                .addKeyValue("server", serverId).addKeyValue("limit_chars", MAX_LINE_CHARS).log();
                        destroyTree(started);
                        return;
                    }
                    line.append((char) c);
                    continue;
                }
                String text = line.toString().strip();
                line.setLength(0);
                if (text.isEmpty()) {
                    continue;
                }
                McpSchema.JSONRPCMessage message;
                try {
                    message = McpSchema.deserializeJsonRpcMessage(mapper, text);
                } catch (IOException | RuntimeException e) {
                    LOG.atWarn().setMessage("mcp server wrote a line that is not JSON-RPC; ignored")
                            .addKeyValue("server", serverId)
                            .addKeyValue("line", mask.apply(text.length() > 200 ? text.substring(0, 200) + "..." : text))
                            .log();
                    continue;
                }
                handler.apply(Mono.just(message)).subscribe(ignored -> { }, error -> LOG.atDebug()
                        .setMessage("mcp message handling failed").addKeyValue("server", serverId)
                        .addKeyValue("reason", error.toString()).log());
            }
        } catch (IOException e) {
            if (!closing) {
                LOG.atDebug().setMessage("mcp server stdout closed").addKeyValue("server", serverId)
                        .addKeyValue("reason", e.getMessage()).log();
            }
        }
    }

    private void readErrors(Process started) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(started.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    LOG.atInfo().setMessage("mcp server stderr").addKeyValue("server", serverId)
                            .addKeyValue("line", mask.apply(line.length() > 2000 ? line.substring(0, 2000) + "..." : line))
                            .log();
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
        return Mono.fromRunnable(() -> {
            Process running = process;
            if (running == null || !running.isAlive()) {
                throw new IllegalStateException("MCP server " + serverId + (running == null ? " is not running"
                        : " exited with code " + running.exitValue()));
            }
            byte[] bytes;
            try {
                bytes = (mapper.writeValueAsString(message) + "\n").getBytes(StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException("cannot write an MCP message: " + e.getMessage(), e);
            }
            OutputStream in = running.getOutputStream();
            synchronized (in) {
                try {
                    in.write(bytes);
                    in.flush();
                } catch (IOException e) {
                    throw new IllegalStateException("MCP server " + serverId + " stopped reading: " + e.getMessage(), e);
                }
            }
        });
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.fromRunnable(this::stop);
    }

    /** Closes the server's stdin, waits a moment for it to end, then ends it and every process it started. */
    void stop() {
        Process running;
        synchronized (lifecycle) {
            closing = true;
            running = process;
        }
        if (running == null) {
            return;
        }
        try {
            running.getOutputStream().close();
        } catch (IOException e) {
            // already closed
        }
        try {
            if (!running.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                destroyTree(running);
                if (!running.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    running.descendants().forEach(ProcessHandle::destroyForcibly);
                    running.destroyForcibly();
                }
            } else {
                // the server ended; anything it left behind goes too
                running.descendants().forEach(ProcessHandle::destroyForcibly);
            }
        } catch (InterruptedException e) {
            destroyTree(running);
            running.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        Thread reader = errorReader;
        if (reader != null && !Thread.currentThread().isInterrupted()) {
            try {
                // its last words (why it would not start) reach the log before stop returns
                reader.join(GRACE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        LOG.atDebug().setMessage("mcp server stopped").addKeyValue("server", serverId)
                .addKeyValue("pid", running.pid()).log();
    }

    /** Kills the process (and what it started) now: used to test supervision, and for a runaway server. */
    void kill() {
        Process running = process;
        if (running != null) {
            running.descendants().forEach(ProcessHandle::destroyForcibly);
            running.destroyForcibly();
        }
    }

    private static void destroyTree(Process running) {
        running.descendants().forEach(ProcessHandle::destroy);
        running.destroy();
    }

    /** Completes with the exit code when the process ends (asked to or not); never before it started. */
    CompletableFuture<Integer> ended() {
        return ended;
    }

    /** The process, once started. */
    ProcessHandle handle() {
        Process running = process;
        return running == null ? null : running.toHandle();
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
        return mapper.convertValue(data, typeRef);
    }
}
