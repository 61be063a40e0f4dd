package dev.rig.pack.supabase;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.rig.spi.ErrorType;
import dev.rig.spi.ToolCall;
import dev.rig.spi.ToolException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * The pack's HTTP side: one JDK {@link HttpClient} for the pack's lifetime (it holds no credential),
 * the project URL and key taken from each call, and Supabase's error answers turned into RTP errors.
 *
 * <p>Two services sit behind one project URL: PostgREST ({@code /rest/v1}) and Supabase Auth, GoTrue
 * ({@code /auth/v1}). Their error bodies differ: PostgREST answers {@code {code, message, details,
 * hint}} with a Postgres SQLSTATE or {@code PGRSTxxx} code; Auth answers {@code {code: 422,
 * error_code, msg}} (or {@code {code: "email_exists", message}} from API version 2024-01-01); the API
 * gateway in front answers {@code {message}} for a bad key.
 */
final class SupabaseApi {

    static final String URL_SLOT = "SUPABASE_URL";
    static final String KEY_SLOT = "SUPABASE_SERVICE_ROLE_KEY";

    /** Supabase Auth's error format for every status (see the class comment). */
    static final String AUTH_API_VERSION = "2024-01-01";

    /** The largest JSON answer read; a bigger one is refused, not buffered. */
    static final long MAX_RESPONSE_BYTES = 32L * 1024 * 1024;

    private static final int MAX_MESSAGE_CHARS = 500;
    private static final Set<String> CONFLICT_AUTH_CODES = Set.of("email_exists", "phone_exists",
            "user_already_exists", "identity_already_exists", "conflict");

    /** The two services of a project and how errors name them. */
    enum Service {
        REST("PostgREST", "/rest/v1/"),
        AUTH("Supabase Auth", "/auth/v1/");

        final String label;
        final String prefix;

        Service(String label, String prefix) {
            this.label = label;
            this.prefix = prefix;
        }
    }

    /** A successful answer: its status, headers and JSON body ({@code null} when empty). */
    record Response(int status, HttpHeaders headers, JsonNode body) {}

    private final HttpClient http;
    /** Built at first use rather than when the pack loads: loading Jackson costs about 100 ms of a start. */
    private static final class Mapper {
        // Decimals stay exact, trailing zeros included (a numeric(10,2) 12.50 is not a double 12.5).
        static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
    }
    private final URI baseUrl;

    /**
     * @param baseUrl the project URL from {@code packs.supabase.base_url}; null to read
     *     {@code SUPABASE_URL} from each call's secrets
     */
    SupabaseApi(HttpClient http, URI baseUrl) {
        this.http = http;
        this.baseUrl = baseUrl;
    }

    /** The auth slots every tool declares: the project URL only when no base_url setting replaces it. */
    String[] authSlots() {
        return baseUrl == null ? new String[] {URL_SLOT, KEY_SLOT} : new String[] {KEY_SLOT};
    }

    ObjectMapper json() {
        return Mapper.JSON;
    }

    /**
     * Sends one request and returns the answer, or throws the mapped error.
     *
     * @param path the path below the service prefix ({@code todos}, {@code admin/users}); already encoded
     * @param query the encoded query string without {@code ?}, or empty
     * @param body the JSON body, or null for none
     * @param prefer the {@code Prefer} header, or null
     */
    Response send(ToolCall call, Service service, String method, String path, String query, Object body,
                  String prefer) throws ToolException, InterruptedException {
        String key = call.secrets().require(KEY_SLOT);
        URI uri = URI.create(project(call) + service.prefix + path + (query.isEmpty() ? "" : "?" + query));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(remaining(call))
                // No cleartext HTTP/2 upgrade attempt on http:// (local Supabase, tests); https negotiates.
                .version("http".equalsIgnoreCase(uri.getScheme()) ? HttpClient.Version.HTTP_1_1
                        : HttpClient.Version.HTTP_2)
                .header("apikey", key)
                .header("Authorization", "Bearer " + key)
                .header("Accept", "application/json");
        if (service == Service.AUTH) {
            request.header("X-Supabase-Api-Version", AUTH_API_VERSION);
        }
        if (prefer != null) {
            request.header("Prefer", prefer);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(write(body)));
        }
        HttpResponse<InputStream> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw ToolException.builder(ErrorType.TIMEOUT, service.label + " did not answer " + call.toolName()
                    + " before the call's deadline").hint("raise policy.tools." + call.toolName()
                    + ".timeout_seconds in rig.yaml if the project is slow").cause(e).build();
        } catch (IOException e) {
            throw unreachable(call, service, e);
        }
        byte[] bytes = read(call, service, response.body());
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            throw failure(call.toolName(), service, status, response.headers(), bytes);
        }
        return new Response(status, response.headers(), parse(call, service, bytes));
    }

    private URI project(ToolCall call) throws ToolException {
        if (baseUrl != null) {
            return baseUrl;
        }
        String value = call.secrets().require(URL_SLOT).strip();
        try {
            return projectUrl(value);
        } catch (IllegalArgumentException e) {
            // The value is a secret: name the slot, never the value.
            throw ToolException.builder(ErrorType.AUTH_ERROR, URL_SLOT + " is not an http(s) URL")
                    .hint("set " + URL_SLOT + " to the project URL, such as https://<project-ref>.supabase.co")
                    .build();
        }
    }

    /**
     * Parses a project URL (base_url or SUPABASE_URL): absolute http(s) with a host, no query; the
     * trailing slash dropped.
     *
     * @throws IllegalArgumentException when it is not one
     */
    static URI projectUrl(String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL", e);
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())
                || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("expected an absolute http(s) URL without query");
        }
        String text = uri.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return URI.create(text);
    }

    private static Duration remaining(ToolCall call) throws ToolException {
        Duration left = Duration.between(Instant.now(), call.deadline());
        if (left.isNegative() || left.isZero()) {
            throw ToolException.of(ErrorType.TIMEOUT, call.toolName() + " reached its deadline before calling Supabase");
        }
        return left;
    }

    private byte[] write(Object body) {
        try {
            return Mapper.JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            // The args are parsed JSON, so they always write back.
            throw new IllegalStateException("cannot write the request body as JSON", e);
        }
    }

    /** Reads an answer's body to its end (and closes it), refusing more than {@link #MAX_RESPONSE_BYTES}. */
    static byte[] read(ToolCall call, Service service, InputStream body) throws ToolException, InterruptedException {
        try (InputStream in = body) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            long total = 0;
            for (int n; (n = in.read(buffer)) != -1; ) {
                total += n;
                if (total > MAX_RESPONSE_BYTES) {
                    throw ToolException.builder(ErrorType.UPSTREAM_ERROR, service.label + "'s answer to "
                                    + call.toolName() + " is larger than " + MAX_RESPONSE_BYTES / (1024 * 1024)
                                    + " MiB and was not read")
                            .hint("ask for fewer rows (limit) or fewer columns (columns)")
                            .hint("a write may have happened even so: check before repeating it")
                            .build();
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw unreachable(call, service, e);
        }
    }

    private JsonNode parse(ToolCall call, Service service, byte[] bytes) throws ToolException {
        if (bytes.length == 0) {
            return null;
        }
        try {
            return Mapper.JSON.readTree(bytes);
        } catch (IOException e) {
            throw ToolException.builder(ErrorType.UPSTREAM_ERROR, service.label + " answered " + call.toolName()
                            + " with a body that is not JSON")
                    .hint("check that the project URL points at a Supabase project (https://<ref>.supabase.co)")
                    .build();
        }
    }

    /** A network failure, or the thread's interrupt (RIG's timeout or cancellation) surfacing as I/O. */
    private static ToolException unreachable(ToolCall call, Service service, IOException e)
            throws InterruptedException {
        if (Thread.currentThread().isInterrupted() || e instanceof InterruptedIOException
                || e.getCause() instanceof InterruptedException) {
            InterruptedException interrupted = new InterruptedException("interrupted while calling " + service.label);
            interrupted.initCause(e);
            throw interrupted;
        }
        // The exception's own message may name the host, which can be a secret (SUPABASE_URL).
        return ToolException.builder(ErrorType.TRANSIENT, "could not reach " + service.label + " for "
                        + call.toolName() + " (" + e.getClass().getSimpleName() + ")")
                .hint("check the project URL (" + URL_SLOT + " or packs.supabase.base_url) and the network")
                .cause(e).build();
    }

    /** Maps an error answer (see the class comment for the shapes). */
    private ToolException failure(String tool, Service service, int status, HttpHeaders headers, byte[] body) {
        JsonNode error = null;
        try {
            error = body.length == 0 ? null : Mapper.JSON.readTree(body);
        } catch (IOException notJson) {
            // An HTML page from a proxy: the status says enough.
        }
        String code = null;
        String message = null;
        String details = null;
        String vendorHint = null;
        if (error != null && error.isObject()) {
            code = firstText(error, "error_code", "code", "error");
            message = firstText(error, "message", "msg", "error_description");
            details = firstText(error, "details");
            vendorHint = firstText(error, "hint");
        }
        ErrorType type = ToolException.typeOfHttpStatus(status);
        if (code != null && (CONFLICT_AUTH_CODES.contains(code) || "23505".equals(code))) {
            type = ErrorType.CONFLICT;
        } else if ("42501".equals(code) || "not_admin".equals(code)) {
            type = ErrorType.PERMISSION_ERROR;
        } else if ("PGRST205".equals(code) || "42P01".equals(code)) {
            type = ErrorType.NOT_FOUND;
        }
        StringBuilder text = new StringBuilder(service.label).append(" answered HTTP ").append(status)
                .append(" to ").append(tool);
        if (message != null) {
            text.append(": ").append(shorten(message));
        }
        if (details != null) {
            text.append(" (").append(shorten(details)).append(')');
        }
        ToolException.Builder builder = ToolException.builder(type, text.toString()).upstreamCode(code);
        if (type == ErrorType.RATE_LIMITED) {
            builder.retryAfterHeader(headers.firstValue("Retry-After").orElse(null));
        }
        if (vendorHint != null) {
            builder.hint(shorten(vendorHint));
        }
        hints(builder, type, code, service);
        return builder.build();
    }

    private static void hints(ToolException.Builder builder, ErrorType type, String code, Service service) {
        switch (type) {
            case AUTH_ERROR -> builder.hint("check " + KEY_SLOT + ": it must be the service_role (or sb_secret_)"
                    + " key of the project at " + URL_SLOT + " (or packs.supabase.base_url)");
            case PERMISSION_ERROR -> builder.hint(service == Service.AUTH
                    ? "admin endpoints need the service_role key in " + KEY_SLOT + ", not the anon key"
                    : "the key in " + KEY_SLOT + " may not do this: use the service_role key, and check the"
                            + " table's grants");
            case NOT_FOUND -> builder.hint(service == Service.REST
                    ? "check table: it must be a table or view in a schema the API exposes (public by default)"
                    : "check the project URL: Supabase Auth was not found under /auth/v1");
            case CONFLICT -> builder.hint(service == Service.AUTH
                    ? "a user with this email (or phone) already exists: use another one or find the existing user"
                    : "a row with the same unique key already exists, or a foreign key does not match");
            case RATE_LIMITED -> builder.hint("Supabase throttled the project; the call is retried after"
                    + " Retry-After when it is safe to repeat");
            case TRANSIENT -> builder.hint("Supabase failed or is unavailable; try again later");
            case VALIDATION_ERROR -> builder.hint(validationHint(code, service));
            default -> { }
        }
    }

    private static String validationHint(String code, Service service) {
        if (service == Service.AUTH) {
            return "weak_password".equals(code)
                    ? "check password: it does not meet the project's password rules"
                    : "check email, password and user_metadata";
        }
        if (code == null) {
            return "check table, columns, filters and data";
        }
        return switch (code) {
            case "PGRST100" -> "check columns, filters and order: PostgREST could not parse the query";
            case "PGRST102" -> "check data: it must be a JSON object (for insert, or a list of objects with the"
                    + " same keys)";
            case "PGRST204", "42703" -> "check the column names in columns, filters, order and data: the table"
                    + " has no such column";
            case "21000" -> "the database refuses an UPDATE without a WHERE clause (pg-safeupdate)";
            case "23502" -> "check data: a NOT NULL column has no value";
            case "23514" -> "check data: a value breaks a CHECK constraint";
            default -> code.startsWith("22") ? "check the values in data and filters: one does not fit its"
                    + " column's type" : "check table, columns, filters and data";
        };
    }

    private static String firstText(JsonNode node, String... fields) {
        for (String field : fields) {
            JsonNode value = node.get(field);
            if (value != null && value.isTextual() && !value.asText().isBlank()) {
                return value.asText();
            }
        }
        return null;
    }

    private static String shorten(String text) {
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() <= MAX_MESSAGE_CHARS ? flat : flat.substring(0, MAX_MESSAGE_CHARS) + "…";
    }
}
