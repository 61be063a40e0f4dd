package dev.rig.pack.stripe;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.rig.spi.CallContext;
import dev.rig.spi.PackEnvironment;
import dev.rig.spi.Secrets;
import dev.rig.spi.Tool;
import dev.rig.spi.ToolCall;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A WireMock stand-in for api.stripe.com, with the pack's tools pointed at it. */
final class FakeStripe implements AutoCloseable {

    /** The test key every call carries (a made-up test-mode secret key). */
    static final String KEY = "sk_test_51FakeKeyForRigTests0000000000";

    private final WireMockServer server = new WireMockServer(options().dynamicPort());

    FakeStripe() {
        server.start();
    }

    String baseUrl() {
        return server.baseUrl();
    }

    WireMockServer server() {
        return server;
    }

    /** Answers {@code request} with {@code status} and the JSON {@code body}. */
    void stub(MappingBuilder request, int status, String body) {
        server.stubFor(request.willReturn(json(status, body)));
    }

    /** A JSON answer as Stripe sends it (with a Request-Id). */
    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withHeader("Request-Id", "req_fake123")
                .withBody(body);
    }

    /** The pack's tool {@code name}, pointed at this stub. */
    Tool tool(String name) {
        return new StripePack().tools(new PackEnvironment(Map.of("base_url", baseUrl()), Path.of(".")))
                .stream().filter(tool -> tool.definition().name().equals(name)).findFirst().orElseThrow();
    }

    /** A first attempt of a call with correlation id {@code corr-1}, the test key and 30 s to go. */
    static ToolCall call(String tool, Map<String, Object> args) {
        return call(tool, args, Secrets.of(Map.of(StripeApi.API_KEY, KEY)), Instant.now().plusSeconds(30));
    }

    static ToolCall call(String tool, Map<String, Object> args, Secrets secrets, Instant deadline) {
        return new ToolCall(tool, args, new CallContext(CallContext.DEFAULT_TENANT, "req-1", "test"), "corr-1",
                "rig-corr-1", secrets, deadline, 1);
    }

    /** Every request the stub received, oldest first. */
    List<LoggedRequest> requests() {
        return server.getAllServeEvents().reversed().stream().map(event -> event.getRequest()).toList();
    }

    /** The one request the stub received. */
    LoggedRequest onlyRequest() {
        List<LoggedRequest> requests = requests();
        if (requests.size() != 1) {
            throw new AssertionError("expected exactly one request to Stripe, got " + requests.size());
        }
        return requests.get(0);
    }

    /** A form-encoded body as decoded name-value pairs, in order. */
    static Map<String, String> form(LoggedRequest request) {
        Map<String, String> pairs = new LinkedHashMap<>();
        String body = request.getBodyAsString();
        if (body.isEmpty()) {
            return pairs;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String previous = pairs.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            if (previous != null) {
                throw new AssertionError("parameter sent twice in " + body);
            }
        }
        return pairs;
    }

    @Override
    public void close() {
        server.stop();
    }
}
