package dev.rig.pack.google;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.rig.spi.CallContext;
import dev.rig.spi.PackEnvironment;
import dev.rig.spi.Secrets;
import dev.rig.spi.Tool;
import dev.rig.spi.ToolCall;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stand-in for Google: a WireMock server answering the OAuth token endpoint (and whatever a test
 * stubs), a throwaway service-account key whose {@code token_uri} points at it, and helpers to call
 * the pack's tools and read the JWT-bearer grant they sent.
 */
final class FakeGoogle implements AutoCloseable {

    static final String CLIENT_EMAIL = "rig-test@rig-test-project.iam.gserviceaccount.com";
    static final String CLIENT_ID = "109876543210987654321";
    static final String TOKEN = "ya29.test";
    static final String TOKEN_ANSWER = """
            {"access_token":"ya29.test","expires_in":3600,"token_type":"Bearer"}""";
    static final KeyPair KEYS = rsaKeys();

    private static final ObjectMapper JSON = new ObjectMapper();

    final WireMockServer server = new WireMockServer(options().dynamicPort());

    FakeGoogle() {
        server.start();
        stubToken();
    }

    /** Forgets every request and stub, then answers the token endpoint again. */
    void reset() {
        server.resetAll();
        stubToken();
    }

    String baseUrl() {
        return server.baseUrl();
    }

    /** A service-account key (PKCS#8 PEM) whose token endpoint is this server's {@code /token}. */
    String credentialsJson() {
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(KEYS.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("type", "service_account");
        key.put("project_id", "rig-test-project");
        key.put("private_key_id", "0123456789abcdef0123456789abcdef01234567");
        key.put("private_key", pem);
        key.put("client_email", CLIENT_EMAIL);
        key.put("client_id", CLIENT_ID);
        key.put("auth_uri", "https://accounts.google.com/o/oauth2/auth");
        key.put("token_uri", baseUrl() + "/token");
        key.put("universe_domain", "googleapis.com");
        try {
            return JSON.writeValueAsString(key);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The pack's tools by name, with every base URL on this server plus {@code settings}. */
    Map<String, Tool> tools(Map<String, Object> settings) {
        Map<String, Object> all = new HashMap<>(Map.of("base_url", baseUrl()));
        all.putAll(settings);
        Map<String, Tool> tools = new LinkedHashMap<>();
        for (Tool tool : new GooglePack().tools(new PackEnvironment(all, Path.of(".")))) {
            tools.put(tool.definition().name(), tool);
        }
        return tools;
    }

    Map<String, Tool> tools() {
        return tools(Map.of());
    }

    /** A call with this server's key, 30 s to run. */
    ToolCall call(String tool, Map<String, Object> args) {
        return call(tool, args, credentialsJson(), Instant.now().plusSeconds(30));
    }

    static ToolCall call(String tool, Map<String, Object> args, String credentials, Instant deadline) {
        Secrets secrets = credentials == null ? Secrets.none() : Secrets.of(Map.of(ServiceAccounts.SLOT, credentials));
        return new ToolCall(tool, args, new CallContext(CallContext.DEFAULT_TENANT, "req-1", "tester"), "corr-1",
                "rig-corr-1", secrets, deadline, 1);
    }

    /** The token requests received so far. */
    List<LoggedRequest> tokenRequests() {
        return server.findAll(postRequestedFor(urlEqualTo("/token")));
    }

    /** The form fields of a token request. */
    static Map<String, String> form(LoggedRequest request) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : request.getBodyAsString().split("&")) {
            int eq = pair.indexOf('=');
            fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return fields;
    }

    /** The claims of a JWT-bearer assertion, after checking its RS256 signature with the test key. */
    static JsonNode verifiedClaims(String assertion) throws Exception {
        String[] parts = assertion.split("\\.");
        if (parts.length != 3) {
            throw new AssertionError("not a JWS compact serialization: " + parts.length + " parts");
        }
        JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
        if (!"RS256".equals(header.path("alg").asText())) {
            throw new AssertionError("JWT alg is " + header.path("alg") + ", expected RS256");
        }
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(KEYS.getPublic());
        rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        if (!rsa.verify(Base64.getUrlDecoder().decode(parts[2]))) {
            throw new AssertionError("JWT signature does not verify with the service account's public key");
        }
        return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
    }

    @Override
    public void close() {
        server.stop();
    }

    private void stubToken() {
        server.stubFor(post(urlEqualTo("/token")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json; charset=utf-8").withBody(TOKEN_ANSWER)));
    }

    private static KeyPair rsaKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
