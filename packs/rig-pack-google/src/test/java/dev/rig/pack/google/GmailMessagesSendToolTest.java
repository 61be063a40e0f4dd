package dev.rig.pack.google;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.rig.spi.ErrorType;
import dev.rig.spi.ToolException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** google.gmail.messages.send against a stub of the Gmail API: the exact RFC 5322 message in {@code raw}. */
class GmailMessagesSendToolTest {

    private static final FakeGoogle GOOGLE = new FakeGoogle();
    private static final String TOOL = "google.gmail.messages.send";
    private static final String PATH = "/gmail/v1/users/me/messages/send";
    private static final String SENT = """
            {"id": "18c1f0e2a9b3d4e5", "threadId": "18c1f0e2a9b3d4e0", "labelIds": ["SENT"]}""";

    @AfterAll
    static void stop() {
        GOOGLE.close();
    }

    @BeforeEach
    void reset() {
        GOOGLE.reset();
        GOOGLE.server.stubFor(post(urlEqualTo(PATH)).willReturn(SheetsValuesGetToolTest.json(SENT)));
    }

    @Test
    void sendsAPlainTextMessageAsTheImpersonatedUser() throws Exception {
        Map<String, Object> output = GOOGLE.tools(Map.of("impersonate", "alice@example.com")).get(TOOL)
                .invoke(GOOGLE.call(TOOL, Map.of("to", "ada@example.com", "subject", "Weekly report",
                        "body", "Hi Ada,\nthe report is in Drive.\n")));

        assertThat(output).isEqualTo(Map.of("id", "18c1f0e2a9b3d4e5", "thread_id", "18c1f0e2a9b3d4e0",
                "label_ids", List.of("SENT")));
        LoggedRequest request = sent();
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + FakeGoogle.TOKEN);
        JsonNode body = new ObjectMapper().readTree(request.getBodyAsString());
        assertThat(body.size()).as("only raw is sent").isEqualTo(1);
        String raw = body.path("raw").asText();
        assertThat(raw).matches("[A-Za-z0-9_-]+");
        assertThat(new String(Base64.getUrlDecoder().decode(raw), java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo(
                "To: ada@example.com\r\n"
                        + "Subject: Weekly report\r\n"
                        + "MIME-Version: 1.0\r\n"
                        + "Content-Type: text/plain; charset=UTF-8\r\n"
                        + "Content-Transfer-Encoding: base64\r\n"
                        + "\r\n"
                        + Base64.getEncoder().encodeToString("Hi Ada,\r\nthe report is in Drive.\r\n".getBytes()) + "\r\n");
        JsonNode claims = FakeGoogle.verifiedClaims(FakeGoogle.form(GOOGLE.tokenRequests().get(0)).get("assertion"));
        assertThat(claims.path("sub").asText()).isEqualTo("alice@example.com");
        assertThat(claims.path("scope").asText()).isEqualTo("https://www.googleapis.com/auth/gmail.send");
    }

    @Test
    void unicodeSubjectNamesAndBodySurviveAndHtmlIsLabelled() throws Exception {
        String subject = "Résumé prêt ✅ — 東京の会議について、来週の予定を確認してください 🎉";
        String body = "<p>Le <b>résumé</b> est prêt. 東京 🎉</p>";

        GOOGLE.tools().get(TOOL).invoke(GOOGLE.call(TOOL, Map.of(
                "to", List.of("Zoë Martín <zoe@example.com>", "bob@example.com"),
                "cc", "\"Doe, Jane\" <jane@example.com>, team@example.com",
                "bcc", "audit@example.com",
                "from", "Alice Liddell <alice@example.com>",
                "subject", subject, "body", body, "html", true)));

        ParsedMail mail = ParsedMail.parse(raw(sent()));
        assertThat(mail.headers()).containsEntry("Subject", subject)
                .containsEntry("From", "Alice Liddell <alice@example.com>")
                .containsEntry("To", "Zoë Martín <zoe@example.com>, bob@example.com")
                .containsEntry("Cc", "\"Doe, Jane\" <jane@example.com>, team@example.com")
                .containsEntry("Bcc", "audit@example.com")
                .containsEntry("Content-Type", "text/html; charset=UTF-8");
        assertThat(mail.body()).isEqualTo(body);
        assertThat(mail.rawHeaderLines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(78));
    }

    @Test
    void aLineBreakInASubjectOrAddressCannotAddHeaders() {
        for (Map<String, Object> args : List.<Map<String, Object>>of(
                Map.of("to", "ada@example.com", "subject", "Hi\r\nBcc: eve@example.com", "body", "x"),
                Map.of("to", "ada@example.com\r\nBcc: eve@example.com", "subject", "Hi", "body", "x"),
                Map.of("to", "ada@example.com", "cc", List.of("bob@example.com\nX-Evil: 1"), "subject", "Hi", "body", "x"))) {
            ToolException failure = catchThrowableOfType(ToolException.class,
                    () -> GOOGLE.tools().get(TOOL).invoke(GOOGLE.call(TOOL, args)));
            assertThat(failure.type()).isEqualTo(ErrorType.VALIDATION_ERROR);
        }
        assertThat(GOOGLE.server.findAll(postRequestedFor(urlPathEqualTo(PATH)))).isEmpty();
    }

    @Test
    void somethingThatIsNotAnAddressIsAValidationErrorNamingTheField() {
        ToolException failure = catchThrowableOfType(ToolException.class, () -> GOOGLE.tools().get(TOOL)
                .invoke(GOOGLE.call(TOOL, Map.of("to", "ada@example.com", "cc", "not an address", "subject", "s", "body", "b"))));

        assertThat(failure.type()).isEqualTo(ErrorType.VALIDATION_ERROR);
        assertThat(failure.getMessage()).isEqualTo("cc has 'not an address', which is not an email address");
    }

    @Test
    void anotherMailboxIsNamedInThePath() throws Exception {
        GOOGLE.server.stubFor(post(urlEqualTo("/gmail/v1/users/alice@example.com/messages/send"))
                .willReturn(SheetsValuesGetToolTest.json("""
                        {"id": "m1", "labelIds": ["SENT"]}""")));

        Map<String, Object> output = GOOGLE.tools().get(TOOL).invoke(GOOGLE.call(TOOL, Map.of(
                "to", "ada@example.com", "subject", "s", "body", "b", "user_id", "alice@example.com")));

        Map<String, Object> expected = new HashMap<>(Map.of("id", "m1", "label_ids", List.of("SENT")));
        expected.put("thread_id", null);
        assertThat(output).as("a thread id Google leaves out is null, not a failure").isEqualTo(expected);
    }

    @Test
    void aServiceAccountWithoutDelegationGetsTheDelegationHint() {
        GOOGLE.server.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json; charset=UTF-8").withBody("""
                        {"error": {"code": 400, "message": "Precondition check failed.",
                          "errors": [{"message": "Precondition check failed.", "domain": "global", "reason": "failedPrecondition"}],
                          "status": "FAILED_PRECONDITION"}}""")));

        ToolException failure = catchThrowableOfType(ToolException.class, () -> GOOGLE.tools().get(TOOL)
                .invoke(GOOGLE.call(TOOL, Map.of("to", "ada@example.com", "subject", "s", "body", "b"))));

        assertThat(failure.type()).isEqualTo(ErrorType.VALIDATION_ERROR);
        assertThat(failure.upstreamCode()).isEqualTo("failedPrecondition");
        assertThat(failure.hints()).anySatisfy(hint -> assertThat(hint).contains("packs.google.impersonate")
                .contains(FakeGoogle.CLIENT_ID).contains("https://www.googleapis.com/auth/gmail.send"));
    }

    @Test
    void aDelegationTheAdminNeverGrantedIsAnAuthErrorWithTheSameHint() {
        GOOGLE.server.stubFor(post(urlEqualTo("/token")).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"error": "unauthorized_client", "error_description": "Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested."}""")));

        ToolException failure = catchThrowableOfType(ToolException.class, () -> GOOGLE.tools(Map.of("impersonate", "alice@example.com"))
                .get(TOOL).invoke(GOOGLE.call(TOOL, Map.of("to", "ada@example.com", "subject", "s", "body", "b"))));

        assertThat(failure.type()).isEqualTo(ErrorType.AUTH_ERROR);
        assertThat(failure.upstreamCode()).isEqualTo("unauthorized_client");
        assertThat(failure.hints()).anySatisfy(hint -> assertThat(hint).contains("Domain-wide delegation"));
        assertThat(GOOGLE.server.findAll(postRequestedFor(urlPathEqualTo(PATH)))).isEmpty();
    }

    private static LoggedRequest sent() {
        List<LoggedRequest> requests = GOOGLE.server.findAll(postRequestedFor(urlPathEqualTo(PATH)));
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }

    private static byte[] raw(LoggedRequest request) throws Exception {
        return Base64.getUrlDecoder().decode(new ObjectMapper().readTree(request.getBodyAsString()).path("raw").asText());
    }
}
