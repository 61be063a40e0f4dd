package dev.rig.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rig.server.TestGateway.Reply;
import io.javalin.Javalin;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class FailureResponsesTest {

    private static final int TWO_MIB = 2 * 1024 * 1024;

    @TempDir
    Path dir;

    TestGateway rig;

    @BeforeEach
    void start() {
        rig = TestGateway.start(dir, null);
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    @Test
    void malformedJsonSaysWhereItBroke() {
        JsonNode error = rig.call("echo", "{\"args\": {\"message\": \"hi\",}\n}").error(400, "validation_error");

        assertThat(error.get("message").asText()).startsWith("request body is not valid JSON at line 1, column");
    }

    @Test
    void malformedJsonOnALaterLineNamesThatLine() {
        JsonNode error = rig.call("echo", "{\n  \"args\": {\n    \"message\": nope\n  }\n}")
                .error(400, "validation_error");

        assertThat(error.get("message").asText()).contains("at line 3, column");
    }

    @Test
    void trailingContentAfterTheObjectIsMalformed() {
        rig.call("echo", "{\"args\": {\"message\": \"hi\"}} {}").error(400, "validation_error");
    }

    @Test
    void aBodyThatIsNotAnObjectIsRefused() {
        JsonNode error = rig.call("echo", "[1, 2, 3]").error(400, "validation_error");

        assertThat(error.get("message").asText()).isEqualTo("request body must be a JSON object, got an array");
    }

    @Test
    void aBodyOverTheLimitIs413AndNothingIsAudited() {
        String big = "{\"args\": {\"message\": \"" + "x".repeat(TWO_MIB) + "\"}}";

        Reply reply = rig.call("echo", big);

        JsonNode error = reply.error(413, "validation_error");
        assertThat(error.get("message").asText())
                .isEqualTo("request body is " + big.length() + " bytes; the limit is 1048576 (server.max_body_bytes)");
        assertThat(auditedEchoCalls()).isZero();
    }

    @Test
    void aChunkedBodyOverTheLimitIs413AndNothingIsAudited() {
        byte[] big = ("{\"args\": {\"message\": \"" + "x".repeat(TWO_MIB) + "\"}}").getBytes();

        Reply reply = rig.postChunked("/v1/tools/echo:call", new ByteArrayInputStream(big));

        JsonNode error = reply.error(413, "validation_error");
        assertThat(error.get("message").asText())
                .isEqualTo("request body is more than 1048576 bytes; the limit is 1048576 (server.max_body_bytes)");
        assertThat(auditedEchoCalls()).isZero();
    }

    @Test
    void aChunkedBodyUnderTheLimitIsAccepted() {
        byte[] body = "{\"args\": {\"message\": \"chunked\"}}".getBytes();

        Reply reply = rig.postChunked("/v1/tools/echo:call", new ByteArrayInputStream(body));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("output").get("message").asText()).isEqualTo("chunked");
    }

    @Test
    void anUnknownRouteIsJson404() {
        Reply reply = rig.get("/v1/nope", RgpHeaders.CORRELATION_ID, "corr-404");

        JsonNode error = reply.error(404, "not_found");
        assertThat(error.get("message").asText()).isEqualTo("no route GET /v1/nope");
        assertThat(error.get("remediation_hints")).isNotEmpty();
        assertThat(reply.header(RgpHeaders.CORRELATION_ID)).isEqualTo("corr-404");
    }

    @Test
    void aWrongMethodIsJson405() {
        JsonNode error = rig.send("DELETE", "/v1/health").error(405, "validation_error");

        assertThat(error.get("message").asText()).isEqualTo("method DELETE is not allowed on /v1/health");
    }

    @Test
    void aMalformedCorrelationIdIsRefusedAndReplacedInTheAnswer() {
        Reply reply = rig.get("/v1/health", RgpHeaders.CORRELATION_ID, "has space");

        JsonNode error = reply.error(400, "validation_error");
        assertThat(error.get("message").asText()).contains(RgpHeaders.CORRELATION_ID);
        assertThat(reply.header(RgpHeaders.CORRELATION_ID)).isNotEqualTo("has space").isNotBlank();
    }

    @Test
    void anOverlongTenantHeaderIsRefusedByName() {
        JsonNode error = rig.call("echo", "{}", RgpHeaders.TENANT_ID, "t".repeat(300)).error(400, "validation_error");

        assertThat(error.get("message").asText()).contains("header " + RgpHeaders.TENANT_ID);
    }

    @Test
    void aGatewayFailureIsA500WithoutInternals() {
        rig.gateway.close();

        Reply reply = rig.post("/v1/audit/query", "{}", RgpHeaders.CORRELATION_ID, "corr-500");

        reply.error(500, "internal_error");
        assertThat(reply.header(RgpHeaders.CORRELATION_ID)).isEqualTo("corr-500");
    }

    @Test
    void anUnexpectedExceptionIsA500NamingOnlyTheCorrelationId() throws Exception {
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.before(RgpHeaders::read);
            config.routes.get("/boom", ctx -> {
                throw new IllegalStateException("password=hunter2");
            });
            FailureResponses.register(config.routes);
        }).start("127.0.0.1", 0);
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/boom"))
                            .header(RgpHeaders.CORRELATION_ID, "corr-boom").build(),
                    HttpResponse.BodyHandlers.ofString());

            Reply reply = new Reply(response.statusCode(), response.headers(), response.body());
            JsonNode error = reply.error(500, "internal_error");
            assertThat(error.get("message").asText())
                    .isEqualTo("internal error; see the gateway log for correlation id corr-boom");
            assertThat(reply.text()).doesNotContain("hunter2").doesNotContain("IllegalState");
        } finally {
            app.stop();
        }
    }

    @Test
    void logsOneDebugLinePerRequestWithoutBodiesOrHeaderValues() {
        Logger logger = (Logger) LoggerFactory.getLogger(RequestLog.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        try {
            rig.call("echo", "{\"args\": {\"message\": \"secret-ish\"}}", RgpHeaders.CORRELATION_ID, "corr-log",
                    RgpHeaders.TENANT_ID, "tenant-x", RgpHeaders.ACTOR_ID, "actor-y");
            // the request log is written once the answer is complete, possibly after the client has it
            await().atMost(Duration.ofSeconds(10)).until(() -> !List.copyOf(lines.list).isEmpty());
        } finally {
            logger.detachAppender(lines);
        }

        assertThat(lines.list).hasSize(1);
        String line = lines.list.get(0).getFormattedMessage();
        assertThat(line).contains("method=POST", "path=/v1/tools/echo:call", "status=200", "duration_ms=",
                "correlation_id=corr-log");
        assertThat(line).doesNotContain("secret-ish", "tenant-x", "actor-y");
    }

    private long auditedEchoCalls() {
        return rig.post("/v1/audit/query", "{\"tool_name\": \"echo\"}").json().get("total").asLong();
    }
}
