package dev.rig.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An MCP server process on stdio, seen from the client side: JSON-RPC lines written to its stdin,
 * lines read from its stdout. Its stderr (the gateway's logs) is read on a daemon thread; each line
 * is kept with the time it arrived, in ms since the spawn.
 *
 * <p>Used by {@link McpStdioRoundTrip} and {@link McpStartup}; never measures anything itself.
 */
final class McpStdioProcess implements AutoCloseable {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String PROTOCOL = "2025-11-25";

    /** {@code initialize} as a client sends it first, with id 0. */
    static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"" + PROTOCOL + "\",\"capabilities\":{},"
            + "\"clientInfo\":{\"name\":\"rig-bench\",\"version\":\"1\"}}}";
    static final String INITIALIZED = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";

    private final Process process;
    private final long spawnedNanos;
    private final OutputStream stdin;
    private final BufferedReader stdout;
    private final List<String> stderr = Collections.synchronizedList(new ArrayList<>());

    private McpStdioProcess(Process process, long spawnedNanos) {
        this.process = process;
        this.spawnedNanos = spawnedNanos;
        this.stdin = process.getOutputStream();
        this.stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Thread logs = new Thread(this::drainStderr, "mcp-server-stderr");
        logs.setDaemon(true);
        logs.start();
    }

    /** Spawns {@code command} in {@code workDir}; {@link #spawnedNanos()} is taken just before. */
    static McpStdioProcess start(List<String> command, Path workDir) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        long before = System.nanoTime();
        Process process = builder.start();
        return new McpStdioProcess(process, before);
    }

    /** The server process (for its CPU time; bin/rig execs the JVM, so this is the JVM). */
    ProcessHandle handle() {
        return process.toHandle();
    }

    long spawnedNanos() {
        return spawnedNanos;
    }

    /** Writes one JSON-RPC message as a line and flushes. */
    void send(String json) throws IOException {
        stdin.write(json.getBytes(StandardCharsets.UTF_8));
        stdin.write('\n');
        stdin.flush();
    }

    /** The next stdout line, or an exception when stdout ended (the process died). */
    String readLine() throws IOException {
        String line = stdout.readLine();
        if (line == null) {
            throw new IOException("the server's stdout ended (exit "
                    + (process.isAlive() ? "?" : process.exitValue()) + "); stderr:\n" + String.join("\n", stderr()));
        }
        return line;
    }

    /**
     * Reads lines until the response with {@code id} and returns it; notifications and server
     * requests in between are skipped (and counted in {@code skipped}, if given).
     */
    String readResponse(long id, int[] skipped) throws IOException {
        String idField = "\"id\":" + id + ",";
        String idLast = "\"id\":" + id + "}";
        while (true) {
            String line = readLine();
            // cheap pre-check; the caller parses the line after timing it
            if ((line.contains(idField) || line.contains(idLast)) && !line.contains("\"method\"")) {
                return line;
            }
            if (skipped != null) {
                skipped[0]++;
            }
        }
    }

    /** Sends initialize, waits for its answer, sends notifications/initialized. */
    JsonNode initialize() throws IOException {
        send(INITIALIZE);
        JsonNode response = MAPPER.readTree(readResponse(0, null));
        if (!response.has("result")) {
            throw new IOException("initialize failed: " + response);
        }
        send(INITIALIZED);
        return response;
    }

    /** The stderr lines so far, each prefixed with its arrival in ms since the spawn. */
    List<String> stderr() {
        synchronized (stderr) {
            return new ArrayList<>(stderr);
        }
    }

    private void drainStderr() {
        try (BufferedReader err = new BufferedReader(
                new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = err.readLine()) != null) {
                stderr.add(String.format("%8.1f ms  %s", (System.nanoTime() - spawnedNanos) / 1e6, line));
            }
        } catch (IOException e) {
            stderr.add("(stderr broke: " + e.getMessage() + ")");
        }
    }

    /** Closes stdin (the server ends its session and exits) and waits for the exit; returns the exit code. */
    int closeAndWait(long timeoutSeconds) throws InterruptedException {
        try {
            stdin.close();
        } catch (IOException ignored) {
            // already gone
        }
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
            return -1;
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            closeAndWait(10);
        }
    }

    /** True when a tools/call response is a real, successful result (no JSON-RPC error, not isError). */
    static boolean isGoodCallResult(JsonNode response, String expectedMessage) {
        JsonNode result = response.get("result");
        return response.get("error") == null && result != null
                && !result.path("isError").asBoolean(true)
                && expectedMessage.equals(result.path("structuredContent").path("message").asText(null));
    }

    /** The {@code p}-th percentile (0..100) of sorted samples, nearest-rank. */
    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
