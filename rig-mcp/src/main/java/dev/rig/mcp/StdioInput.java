package dev.rig.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rig.core.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Standard input as the SDK's stdio transport reads it: line by line, each line shown to
 * {@link InFlightCalls} first. A line that is not JSON is answered here with a JSON-RPC parse error
 * ({@code -32700}) and dropped, where the SDK would end the session. The end of input, or a broken
 * input, is reported through {@link #ended()}.
 *
 * <p>While the gateway is still opening ({@code ready} not done), {@code tools/*} requests wait here,
 * in order, so that {@code initialize} is answered at once and no client ever sees a partial tool list.
 */
final class StdioInput extends InputStream {

    private static final Logger LOG = LoggerFactory.getLogger(StdioInput.class);
    static final String CHANNEL = "stdio";

    private final BufferedReader reader;
    private final OutputStream out;
    private final InFlightCalls inFlight;
    private final CountDownLatch ended = new CountDownLatch(1);
    private final CompletableFuture<?> ready;
    private byte[] line = new byte[0];
    private int position;

    StdioInput(InputStream in, OutputStream out, InFlightCalls inFlight, CompletableFuture<?> ready) {
        this.ready = ready;
        this.reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        this.out = out;
        this.inFlight = inFlight;
    }

    /** Counts down once the input has ended. */
    CountDownLatch ended() {
        return ended;
    }

    @Override
    public int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        return line[position++] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(length, line.length - position);
        System.arraycopy(line, position, buffer, offset, n);
        position += n;
        return n;
    }

    private boolean fill() {
        while (position >= line.length) {
            String next;
            try {
                next = reader.readLine();
            } catch (IOException e) {
                LOG.atInfo().setMessage("standard input broke; ending the MCP session")
                        .addKeyValue("error", e.getMessage()).log();
                next = null;
            }
            if (next == null) {
                ended.countDown();
                return false;
            }
            if (next.isBlank()) {
                continue;
            }
            String passed = screen(next);
            if (passed != null) {
                line = (passed + "\n").getBytes(StandardCharsets.UTF_8);
                position = 0;
            }
        }
        return true;
    }

    private String screen(String message) {
        JsonNode parsed;
        try {
            parsed = Json.parse(message);
        } catch (Exception e) {
            String problem = e.getMessage() == null ? "not JSON" : e.getMessage().lines().findFirst().orElse("");
            LOG.atWarn().setMessage("malformed JSON-RPC line answered with a parse error")
                    .addKeyValue("problem", problem).log();
            reply(-32700, "Parse error: each line on standard input must be one JSON-RPC message (" + problem + ")");
            return null;
        }
        if (!ready.isDone() && parsed.path("method").asText("").startsWith("tools/")) {
            ready.handle((done, failure) -> null).join(); // a failed open is reported by whoever opened it
        }
        return inFlight.inspect(parsed, message, CHANNEL);
    }

    private void reply(int code, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("jsonrpc", "2.0");
        response.put("id", null);
        response.put("error", error);
        byte[] bytes = (Json.write(response) + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (out) { // the SDK's writer locks the same stream
            try {
                out.write(bytes);
                out.flush();
            } catch (IOException e) {
                LOG.debug("could not answer a malformed line", e);
            }
        }
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
