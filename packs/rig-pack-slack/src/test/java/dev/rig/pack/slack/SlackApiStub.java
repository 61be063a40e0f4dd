package dev.rig.pack.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A WireMock stand-in for Slack's Web API under {@code /api/}, answering as Slack documents. */
final class SlackApiStub implements AutoCloseable {

    final WireMockServer server = new WireMockServer(options().dynamicPort());

    SlackApiStub() {
        server.start();
    }

    /** The base_url setting pointing at the stub. */
    String baseUrl() {
        return server.baseUrl() + "/api/";
    }

    /** Slack's answer to {@code method}: HTTP 200 with {@code json}. */
    void answer(String method, String json) {
        answer(method, ok(json));
    }

    void answer(String method, ResponseDefinitionBuilder response) {
        server.stubFor(post(urlPathEqualTo("/api/" + method)).willReturn(response));
    }

    /** Slack's way of failing: HTTP 200 and {@code {"ok": false, "error": code}}. */
    void refuse(String method, String code) {
        answer(method, "{\"ok\": false, \"error\": \"" + code + "\"}");
    }

    static ResponseDefinitionBuilder ok(String json) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8").withBody(json);
    }

    /** Every request the stub received, oldest first. */
    List<LoggedRequest> requests() {
        return server.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.anyUrl()));
    }

    /** The one request the stub received. */
    LoggedRequest onlyRequest() {
        List<LoggedRequest> requests = requests();
        if (requests.size() != 1) {
            throw new AssertionError("expected exactly one request, got " + requests.size() + ": "
                    + requests.stream().map(LoggedRequest::getUrl).toList());
        }
        return requests.get(0);
    }

    /** A form-encoded body, decoded, in order; a name sent twice keeps its last value. */
    static Map<String, String> form(LoggedRequest request) {
        Map<String, String> form = new LinkedHashMap<>();
        String body = request.getBodyAsString();
        if (body.isEmpty()) {
            return form;
        }
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            form.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return form;
    }

    void reset() {
        server.resetAll();
    }

    @Override
    public void close() {
        server.stop();
    }
}
