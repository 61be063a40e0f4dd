package dev.rig.pack.sendgrid;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.rig.pack.sendgrid.SendGridFixtures.API_KEY;
import static dev.rig.pack.sendgrid.SendGridFixtures.MESSAGE_ID;
import static dev.rig.pack.sendgrid.SendGridFixtures.accepted;
import static dev.rig.pack.sendgrid.SendGridFixtures.call;
import static dev.rig.pack.sendgrid.SendGridFixtures.templatesPage;
import static dev.rig.pack.sendgrid.SendGridFixtures.tool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.rig.spi.ErrorType;
import dev.rig.spi.ToolException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Both SendGrid tools against a stub answering as SendGrid does: the exact request sent and the mapped output. */
class SendGridToolsTest {

    private final WireMockServer sendGrid = new WireMockServer(options().dynamicPort());

    @BeforeEach
    void start() {
        sendGrid.start();
    }

    @AfterEach
    void stop() {
        sendGrid.stop();
    }

    @Test
    void sendsATextEmailAsMailSendJsonWithTheBearerKey() throws Exception {
        sendGrid.stubFor(post(urlEqualTo("/v3/mail/send")).willReturn(accepted()));

        Map<String, Object> output = tool("sendgrid.email.send", sendGrid.baseUrl()).invoke(call("sendgrid.email.send",
                Map.of("to", "ada@example.com", "from_email", "hello@example.com", "subject", "Welcome aboard",
                        "text_content", "Thanks for signing up.")));

        assertThat(output).containsExactlyInAnyOrderEntriesOf(Map.of("status_code", 202, "message_id", MESSAGE_ID));
        sendGrid.verify(1, postRequestedFor(urlEqualTo("/v3/mail/send"))
                .withHeader("Authorization", equalTo("Bearer " + API_KEY))
                .withHeader("Content-Type", equalTo("application/json"))
                .withHeader("User-Agent", equalTo("sendgrid/4.10.3;java rig-pack-sendgrid/0.1.0"))
                .withRequestBody(equalToJson("""
                        {"from": {"email": "hello@example.com"}, "subject": "Welcome aboard",
                         "personalizations": [{"to": [{"email": "ada@example.com"}]}],
                         "content": [{"type": "text/plain", "value": "Thanks for signing up."}]}""")));
        assertThat(sendGrid.getAllServeEvents()).hasSize(1);
    }

    @Test
    void putsTheTextPartBeforeTheHtmlPart() throws Exception {
        sendGrid.stubFor(post(urlEqualTo("/v3/mail/send")).willReturn(accepted()));

        tool("sendgrid.email.send", sendGrid.baseUrl()).invoke(call("sendgrid.email.send",
                Map.of("to", "ada@example.com", "from_email", "hello@example.com", "subject", "Hi",
                        "html_content", "<p>Hi</p>", "text_content", "Hi")));

        sendGrid.verify(postRequestedFor(urlEqualTo("/v3/mail/send")).withRequestBody(equalToJson("""
                {"from": {"email": "hello@example.com"}, "subject": "Hi",
                 "personalizations": [{"to": [{"email": "ada@example.com"}]}],
                 "content": [{"type": "text/plain", "value": "Hi"}, {"type": "text/html", "value": "<p>Hi</p>"}]}""")));
    }

    @Test
    void answersANullMessageIdWhenSendGridSendsNone() throws Exception {
        sendGrid.stubFor(post(urlEqualTo("/v3/mail/send")).willReturn(aResponse().withStatus(202)));

        Map<String, Object> output = tool("sendgrid.email.send", sendGrid.baseUrl()).invoke(call("sendgrid.email.send",
                Map.of("to", "ada@example.com", "from_email", "hello@example.com", "subject", "Hi",
                        "html_content", "<p>Hi</p>")));

        assertThat(output).containsEntry("status_code", 202).containsEntry("message_id", null);
    }

    @Test
    void refusesAnEmailWithoutABodyBeforeCallingSendGrid() {
        assertThatThrownBy(() -> tool("sendgrid.email.send", sendGrid.baseUrl()).invoke(call("sendgrid.email.send",
                Map.of("to", "ada@example.com", "from_email", "hello@example.com", "subject", "Hi"))))
                .isInstanceOfSatisfying(ToolException.class,
                        failure -> assertThat(failure.type()).isEqualTo(ErrorType.VALIDATION_ERROR))
                .hasMessageContaining("'text_content', 'html_content'");
        assertThat(sendGrid.getAllServeEvents()).isEmpty();
    }

    @Test
    void listsDynamicTemplatesFollowingEveryPage() throws Exception {
        sendGrid.stubFor(get(urlPathEqualTo("/v3/templates")).withQueryParam("page_token", absent())
                .willReturn(templatesPage("page2", "d-2c214ac919e84170b21855cc129b4a5f", "Order shipped", "dynamic")));
        sendGrid.stubFor(get(urlPathEqualTo("/v3/templates")).withQueryParam("page_token", equalTo("page2"))
                .willReturn(templatesPage(null, "d-9a8b7c6d5e4f40312a1b2c3d4e5f6a7b", "Password reset", "dynamic")));

        Map<String, Object> output = tool("sendgrid.templates.list", sendGrid.baseUrl())
                .invoke(call("sendgrid.templates.list", Map.of()));

        assertThat(output).isEqualTo(Map.of("templates", List.of(
                Map.of("id", "d-2c214ac919e84170b21855cc129b4a5f", "name", "Order shipped", "generation", "dynamic"),
                Map.of("id", "d-9a8b7c6d5e4f40312a1b2c3d4e5f6a7b", "name", "Password reset", "generation", "dynamic"))));
        sendGrid.verify(1, getRequestedFor(urlEqualTo("/v3/templates?generations=dynamic&page_size=200"))
                .withHeader("Authorization", equalTo("Bearer " + API_KEY)));
        sendGrid.verify(1, getRequestedFor(urlEqualTo("/v3/templates?generations=dynamic&page_size=200&page_token=page2"))
                .withHeader("Authorization", equalTo("Bearer " + API_KEY)));
        assertThat(sendGrid.getAllServeEvents()).hasSize(2);
    }

    @Test
    void listsTheGenerationsAskedFor() throws Exception {
        sendGrid.stubFor(get(urlPathEqualTo("/v3/templates")).willReturn(templatesPage(null,
                "0c314114-a2b7-4523-8cbc-a293d7d19007", "Old receipt", "legacy",
                "d-2c214ac919e84170b21855cc129b4a5f", "Order shipped", "dynamic")));

        Map<String, Object> output = tool("sendgrid.templates.list", sendGrid.baseUrl())
                .invoke(call("sendgrid.templates.list", Map.of("generations", "legacy,dynamic")));

        assertThat((List<?>) output.get("templates")).hasSize(2);
        sendGrid.verify(1, getRequestedFor(urlPathEqualTo("/v3/templates"))
                .withQueryParam("generations", equalTo("legacy,dynamic"))
                .withQueryParam("page_size", equalTo("200")));
    }

    @Test
    void keepsAPathPrefixOfTheBaseUrl() throws Exception {
        sendGrid.stubFor(get(urlPathEqualTo("/proxy/sendgrid/v3/templates")).willReturn(templatesPage(null)));

        Map<String, Object> output = tool("sendgrid.templates.list", sendGrid.baseUrl() + "/proxy/sendgrid/")
                .invoke(call("sendgrid.templates.list", Map.of()));

        assertThat(output).isEqualTo(Map.of("templates", List.of()));
    }
}
