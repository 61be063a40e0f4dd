package dev.rig.pack.elevenlabs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rig.spi.ErrorType;
import dev.rig.spi.ToolCall;
import dev.rig.spi.ToolException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The pack's HTTP side: one JDK {@link HttpClient} for the pack's lifetime (no credential in it), the
 * API key sent per request as {@code xi-api-key}, bodies read with a size cap, and ElevenLabs' error
 * answers turned into RTP errors.
 *
 * <p>ElevenLabs answers errors as {@code {"detail": {"status": "invalid_api_key", "message": ...}}};
 * request validation (422) as {@code {"detail": [{"loc": ["body", "text"], "msg": ...}]}}, and some
 * answers carry {@code detail} as a plain string. Several 401s are not about the key:
 * {@code quota_exceeded}, {@code missing_permissions} and {@code detected_unusual_activity} mean the key
 * is valid but may not do this, so they become {@code permission_error}.
 */
final class ElevenLabsApi {

    static final String KEY_SLOT = "ELEVENLABS_API_KEY";

    /** The largest JSON answer (or error body) read. */
    static final long MAX_JSON_BYTES = 16L * 1024 * 1024;

    private static final long MAX_ERROR_BYTES = 64 * 1024;
    private static final int MAX_MESSAGE_CHARS = 500;
    private static final Map<String, ErrorType> STATUS_TYPES = Map.of(
            "invalid_api_key", ErrorType.AUTH_ERROR,
            "needs_authorization", ErrorType.AUTH_ERROR,
            "quota_exceeded", ErrorType.PERMISSION_ERROR,
            "missing_permissions", ErrorType.PERMISSION_ERROR,
            "detected_unusual_activity", ErrorType.PERMISSION_ERROR,
            "voice_not_found", ErrorType.NOT_FOUND,
            "too_many_concurrent_requests", ErrorType.RATE_LIMITED,
            "system_busy", ErrorType.RATE_LIMITED);

    private final HttpClient http;
    private final URI baseUrl;
    /** Built at first use rather than when the pack loads: loading Jackson costs about 100 ms of a start. */
    private static final class Mapper {
        static final ObjectMapper JSON = new ObjectMapper();
    }

    ElevenLabsApi(HttpClient http, URI baseUrl) {
        this.http = http;
        this.baseUrl = baseUrl;
    }

    ObjectMapper json() {
        return Mapper.JSON;
    }

    /**
     * Sends one request and returns the open answer when it is a 2xx; the caller reads (and closes) the
     * body. Any other status is read (capped) and thrown as the mapped error.
     *
     * @param path the encoded path and query, starting with {@code /}
     * @param body the JSON body, or null for none
     */
    HttpResponse<InputStream> send(ToolCall call, String method, String path, Object body, String accept)
            throws ToolException, InterruptedException {
        String key = call.secrets().require(KEY_SLOT);
        URI uri = URI.create(baseUrl + path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(remaining(call))
                // No cleartext HTTP/2 upgrade attempt on http:// (proxies, tests); https negotiates.
                .version("http".equalsIgnoreCase(uri.getScheme()) ? HttpClient.Version.HTTP_1_1
                        : HttpClient.Version.HTTP_2)
                .header("xi-api-key", key)
                .header("Accept", accept);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            byte[] bytes;
            try {
                bytes = Mapper.JSON.writeValueAsBytes(body);
            } catch (IOException e) {
                throw new IllegalStateException("cannot write the request body as JSON", e);
            }
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(bytes));
        }
        HttpResponse<InputStream> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw ToolException.builder(ErrorType.TIMEOUT, "ElevenLabs did not answer " + call.toolName()
                            + " before the call's deadline")
                    .hint("raise policy.tools." + call.toolName() + ".timeout_seconds in rig.yaml for long texts")
                    .cause(e).build();
        } catch (IOException e) {
            throw unreachable(call, e);
        }
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            byte[] error = read(call, response.body(), MAX_ERROR_BYTES);
            throw failure(call.toolName(), status, response.headers(), error == null ? new byte[0] : error);
        }
        return response;
    }

    /** Reads a 2xx answer as JSON. */
    JsonNode readJson(ToolCall call, HttpResponse<InputStream> response) throws ToolException, InterruptedException {
        byte[] bytes = read(call, response.body(), MAX_JSON_BYTES);
        if (bytes == null) {
            throw ToolException.of(ErrorType.UPSTREAM_ERROR, "ElevenLabs answered " + call.toolName()
                    + " with more than " + MAX_JSON_BYTES / (1024 * 1024) + " MiB of JSON; it was not read");
        }
        try {
            return Mapper.JSON.readTree(bytes);
        } catch (IOException e) {
            throw ToolException.builder(ErrorType.UPSTREAM_ERROR, "ElevenLabs answered " + call.toolName()
                    + " with a body that is not JSON").hint("check packs.elevenlabs.base_url").build();
        }
    }

    /**
     * Reads {@code in} to its end and closes it, or stops after {@code cap} bytes: null then.
     *
     * @return the bytes, or null when the stream holds more than {@code cap}
     */
    byte[] read(ToolCall call, InputStream in, long cap) throws ToolException, InterruptedException {
        try (in) {
            return readAtMost(in, cap);
        } catch (IOException e) {
            throw unreachable(call, e);
        }
    }

    /** Closes an answer's body unread (the connection is dropped, not drained). */
    static void discard(HttpResponse<InputStream> response) {
        try {
            response.body().close();
        } catch (IOException ignored) {
            // nothing more to read or say
        }
    }

    /**
     * The bytes of {@code in} when it ends within {@code cap} bytes; null as soon as byte
     * {@code cap + 1} arrives (nothing more is read). Does not close the stream.
     */
    static byte[] readAtMost(InputStream in, long cap) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(cap, 64 * 1024));
        byte[] buffer = new byte[8192];
        long total = 0;
        while (true) {
            int wanted = (int) Math.min(buffer.length, cap + 1 - total);
            int n = in.read(buffer, 0, wanted);
            if (n == -1) {
                return out.toByteArray();
            }
            total += n;
            if (total > cap) {
                return null;
            }
            out.write(buffer, 0, n);
        }
    }

    private static Duration remaining(ToolCall call) throws ToolException {
        Duration left = Duration.between(Instant.now(), call.deadline());
        if (left.isNegative() || left.isZero()) {
            throw ToolException.of(ErrorType.TIMEOUT, call.toolName() + " reached its deadline before calling"
                    + " ElevenLabs");
        }
        return left;
    }

    /** A network failure, or the thread's interrupt (RIG's timeout or cancellation) surfacing as I/O. */
    private static ToolException unreachable(ToolCall call, IOException e) throws InterruptedException {
        if (Thread.currentThread().isInterrupted() || e instanceof InterruptedIOException
                || e.getCause() instanceof InterruptedException) {
            InterruptedException interrupted = new InterruptedException("interrupted while calling ElevenLabs");
            interrupted.initCause(e);
            throw interrupted;
        }
        return ToolException.builder(ErrorType.TRANSIENT, "could not reach ElevenLabs for " + call.toolName()
                        + " (" + e.getClass().getSimpleName() + ")")
                .hint("check packs.elevenlabs.base_url and the network").cause(e).build();
    }

    /** Maps an error answer (see the class comment for the shapes). */
    private ToolException failure(String tool, int status, HttpHeaders headers, byte[] body) {
        String code = null;
        String message = null;
        String field = null;
        JsonNode detail = null;
        try {
            JsonNode error = body.length == 0 ? null : Mapper.JSON.readTree(body);
            detail = error == null || !error.isObject() ? null : error.has("detail") ? error.get("detail") : error;
        } catch (IOException notJson) {
            // A proxy's HTML page: the status says enough.
        }
        if (detail != null && detail.isObject()) {
            code = text(detail.get("status"));
            if (code == null) {
                code = text(detail.get("code"));
            }
            message = text(detail.get("message"));
        } else if (detail != null && detail.isTextual()) {
            message = detail.asText();
        } else if (detail != null && detail.isArray()) {
            List<String> problems = new ArrayList<>();
            for (JsonNode problem : detail) {
                String at = location(problem.get("loc"));
                if (field == null) {
                    field = at;
                }
                String msg = text(problem.get("msg"));
                problems.add((at == null ? "" : at + ": ") + (msg == null ? "invalid" : msg));
            }
            message = String.join("; ", problems);
        }
        ErrorType type = code != null && STATUS_TYPES.containsKey(code) ? STATUS_TYPES.get(code)
                : ToolException.typeOfHttpStatus(status);
        String text = "ElevenLabs answered HTTP " + status + " to " + tool + (message == null ? "" : ": " + shorten(message));
        ToolException.Builder error = ToolException.builder(type, text).upstreamCode(code);
        if (type == ErrorType.RATE_LIMITED) {
            error.retryAfterHeader(headers.firstValue("Retry-After").orElse(null));
        }
        switch (type) {
            case AUTH_ERROR -> error.hint("check " + KEY_SLOT + ": an API key from elevenlabs.io (Developers > API"
                    + " Keys)");
            case PERMISSION_ERROR -> error.hint("quota_exceeded".equals(code)
                    ? "the account has too few credits for this text: shorten it, wait for the quota to reset or"
                            + " change the plan"
                    : "missing_permissions".equals(code)
                            ? "give the key in " + KEY_SLOT + " the permission this call needs (voices_read,"
                                    + " text_to_speech)"
                            : "the ElevenLabs account may not do this; see the message");
            case NOT_FOUND -> error.hint("check voice_id: list the voices with elevenlabs.voices.list");
            case RATE_LIMITED -> error.hint("ElevenLabs limits requests and concurrent requests per plan; the call"
                    + " is retried after Retry-After when it is safe to repeat");
            case VALIDATION_ERROR -> error.hint(field != null ? "check " + field : "check voice_id, text and model_id");
            case TRANSIENT -> error.hint("ElevenLabs failed or is busy; try again later");
            default -> { }
        }
        return error.build();
    }

    /** The argument a 422's {@code loc} names: {@code ["body", "text"]} is {@code text}. */
    private static String location(JsonNode loc) {
        if (loc == null || !loc.isArray() || loc.isEmpty()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (JsonNode part : loc) {
            parts.add(part.asText());
        }
        if (parts.size() > 1 && List.of("body", "query", "path").contains(parts.get(0))) {
            parts.remove(0);
        }
        return String.join(".", parts);
    }

    private static String text(JsonNode node) {
        return node != null && node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
    }

    private static String shorten(String text) {
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() <= MAX_MESSAGE_CHARS ? flat : flat.substring(0, MAX_MESSAGE_CHARS) + "…";
    }
}
