package dev.rig.pack.supabase;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.rig.spi.ErrorType;
import dev.rig.spi.Tool;
import dev.rig.spi.ToolException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Supabase's error answers (PostgREST bodies, the API gateway's) and network failures, as RTP errors. */
class ErrorMappingTest {

    private static final WireMockServer stub = new WireMockServer(options().dynamicPort());
    private static Map<String, Tool> tools;

    @BeforeAll
    static void start() {
        stub.start();
        tools = Supabase.tools(stub);
    }

    @AfterAll
    static void stop() {
        stub.stop();
    }

    @BeforeEach
    void reset() {
        stub.resetAll();
    }

    @Test
    void anUnknownColumnIsAValidationErrorWithTheVendorsMessage() {
        answer(400, """
                {"code": "42703", "details": null, "hint": null, "message": "column todos.titel does not exist"}""");

        ToolException e = failure(this::select);

        assertThat(e.type()).isEqualTo(ErrorType.VALIDATION_ERROR);
        assertThat(e.retryable()).isFalse();
        assertThat(e.upstreamCode()).isEqualTo("42703");
        assertThat(e.getMessage()).isEqualTo("PostgREST answered HTTP 400 to supabase.table.select: column todos.titel"
                + " does not exist");
        assertThat(e.hints()).anyMatch(h -> h.startsWith("check the column names in columns, filters"));
    }

    @Test
    void anUnknownColumnInDataNamesData() {
        answer(400, """
                {"code": "PGRST204", "details": null, "hint": null,
                 "message": "Could not find the 'titel' column of 'todos' in the schema cache"}""");

        ToolException e = failure(this::insert);

        assertThat(e.type()).isEqualTo(ErrorType.VALIDATION_ERROR);
        assertThat(e.upstreamCode()).isEqualTo("PGRST204");
        assertThat(e.getMessage()).contains("Could not find the 'titel' column");
        assertThat(e.hints()).anyMatch(h -> h.contains("data"));
    }

    @Test
    void aDuplicateKeyIsAConflictWithTheSqlState() {
        answer(409, """
                {"code": "23505", "details": "Key (id)=(1) already exists.", "hint": null,
                 "message": "duplicate key value violates unique constraint \\"todos_pkey\\""}""");

        ToolException e = failure(this::insert);

        assertThat(e.type()).isEqualTo(ErrorType.CONFLICT);
        assertThat(e.retryable()).isFalse();
        assertThat(e.upstreamCode()).isEqualTo("23505");
        assertThat(e.getMessage()).isEqualTo("PostgREST answered HTTP 409 to supabase.table.insert: duplicate key value"
                + " violates unique constraint \"todos_pkey\" (Key (id)=(1) already exists.)");
    }

    @Test
    void aBadJwtIsAnAuthErrorNeverRetried() {
        answer(401, """
                {"code": "PGRST301", "details": null, "hint": null, "message": "JWSError JWSInvalidSignature"}""");

        ToolException e = failure(this::select);

        assertThat(e.type()).isEqualTo(ErrorType.AUTH_ERROR);
        assertThat(e.retryable()).isFalse();
        assertThat(e.upstreamCode()).isEqualTo("PGRST301");
        assertThat(e.hints()).anyMatch(h -> h.startsWith("check SUPABASE_SERVICE_ROLE_KEY"));
        assertThat(e.getMessage() + e.hints()).doesNotContain(Supabase.KEY);
    }

    @Test
    void theGatewaysInvalidApiKeyAnswerIsAnAuthError() {
        answer(401, """
                {"message": "Invalid API key", "hint": "Double check your Supabase `anon` or `service_role` API key."}""");

        ToolException e = failure(this::select);

        assertThat(e.type()).isEqualTo(ErrorType.AUTH_ERROR);
        assertThat(e.upstreamCode()).isNull();
        assertThat(e.getMessage()).endsWith(": Invalid API key");
        assertThat(e.hints()).contains("Double check your Supabase `anon` or `service_role` API key.");
    }

    @Test
    void aMissingGrantIsAPermissionError() {
        answer(403, """
                {"code": "42501", "details": null, "hint": null, "message": "permission denied for table todos"}""");

        ToolException e = failure(this::select);

        assertThat(e.type()).isEqualTo(ErrorType.PERMISSION_ERROR);
        assertThat(e.upstreamCode()).isEqualTo("42501");
    }

    @Test
    void anUnknownTableIsNotFound() {
        answer(404, """
                {"code": "PGRST205", "details": null, "hint": "Perhaps you meant the table 'public.todo'",
                 "message": "Could not find the table 'public.todos' in the schema cache"}""");

        ToolException e = failure(this::select);

        assertThat(e.type()).isEqualTo(ErrorType.NOT_FOUND);
        assertThat(e.upstreamCode()).isEqualTo("PGRST205");
        assertThat(e.hints()).contains("Perhaps you meant the table 'public.todo'")
                .anyMatch(h -> h.startsWith("check table"));
    }

    @Test
    void throttlingIsRateLimitedWithTheRetryAfterHeader() {
        stub.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")
                .withHeader("Content-Type", "application/json").withBody("{\"message\": \"Too many requests\"}")));

        ToolException e = failure(this::select);

        assertThat(e.type()).isEqualTo(ErrorType.RATE_LIMITED);
        assertThat(e.retryable()).isTrue();
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void serverErrorsAreTransient() {
        stub.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(503).withHeader("Content-Type", "text/html")
                .withBody("<html>upstream connect error</html>")));

        ToolException e = failure(this::select);

        assertThat(e.type()).isEqualTo(ErrorType.TRANSIENT);
        assertThat(e.retryable()).isTrue();
        assertThat(e.getMessage()).isEqualTo("PostgREST answered HTTP 503 to supabase.table.select");
    }

    @Test
    void anUnreachableProjectIsTransient() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Tool select = Supabase.tools(Map.of("base_url", "http://127.0.0.1:" + closedPort))
                .get("supabase.table.select");

        assertThatThrownBy(() -> select.invoke(Supabase.call("supabase.table.select", Map.of("table", "todos"))))
                .isInstanceOfSatisfying(ToolException.class, e -> {
                    assertThat(e.type()).isEqualTo(ErrorType.TRANSIENT);
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.getMessage()).startsWith("could not reach PostgREST for supabase.table.select");
                });
    }

    @Test
    void theCallsDeadlineBoundsTheRequest() {
        stub.stubFor(any(anyUrl()).willReturn(aResponse().withFixedDelay(5_000).withBody("[]")));

        assertThatThrownBy(() -> tools.get("supabase.table.select").invoke(Supabase.call("supabase.table.select",
                Map.of("table", "todos"), Map.of(SupabaseApi.KEY_SLOT, Supabase.KEY), Duration.ofMillis(300))))
                .isInstanceOfSatisfying(ToolException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.TIMEOUT));
    }

    @Test
    void anInterruptEndsTheCallPromptly() throws Exception {
        stub.stubFor(any(anyUrl()).willReturn(aResponse().withFixedDelay(20_000).withBody("[]")));
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread caller = Thread.ofVirtual().start(() -> {
            try {
                tools.get("supabase.table.select").invoke(Supabase.call("supabase.table.select", Map.of("table", "todos")));
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        awaitRequest();

        caller.interrupt();   // what RIG does when the deadline passes or the caller cancels

        assertThat(caller.join(Duration.ofSeconds(5))).isTrue();
        assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
    }

    @Test
    void anInterruptWhileTheAnswerIsReadEndsTheCall() {
        // The JDK client's body stream answers an interrupt with an IOException caused by it, flag set.
        InputStream interrupted = new InputStream() {
            @Override
            public int read() throws IOException {
                Thread.currentThread().interrupt();
                throw new IOException(new InterruptedException());
            }
        };
        try {
            assertThatThrownBy(() -> SupabaseApi.read(Supabase.call("supabase.table.select", Map.of()),
                    SupabaseApi.Service.REST, interrupted)).isInstanceOf(InterruptedException.class);
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void aConnectionLostWhileTheAnswerIsReadIsTransient() {
        InputStream reset = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        };

        assertThatThrownBy(() -> SupabaseApi.read(Supabase.call("supabase.table.select", Map.of()),
                SupabaseApi.Service.REST, reset))
                .isInstanceOfSatisfying(ToolException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.TRANSIENT));
    }

    /** Waits (without sleeping) until the stub has received a request, at most 5 s. */
    private static void awaitRequest() {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (stub.findAll(anyRequestedFor(anyUrl())).isEmpty()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("the stub received no request");
            }
            Thread.onSpinWait();
        }
    }

    private void answer(int status, String body) {
        stub.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body)));
    }

    private void select() throws Exception {
        tools.get("supabase.table.select").invoke(Supabase.call("supabase.table.select", Map.of("table", "todos",
                "columns", "id,titel")));
    }

    private void insert() throws Exception {
        tools.get("supabase.table.insert").invoke(Supabase.call("supabase.table.insert", Map.of("table", "todos",
                "data", List.of(Map.of("id", 1, "titel", "x")))));
    }

    private static ToolException failure(ThrowingCallable call) {
        try {
            call.call();
        } catch (ToolException e) {
            return e;
        } catch (Throwable e) {
            throw new AssertionError("expected a ToolException, got " + e, e);
        }
        throw new AssertionError("expected a ToolException, the call succeeded");
    }
}
