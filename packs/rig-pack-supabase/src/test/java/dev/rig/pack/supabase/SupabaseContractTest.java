package dev.rig.pack.supabase;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.rig.testkit.PackContract;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** The pack contract (testkit), each example run against a stub that answers exactly that request. */
class SupabaseContractTest {

    private static final WireMockServer stub = new WireMockServer(options().dynamicPort());

    @BeforeAll
    static void start() {
        stub.start();
        stub.stubFor(get(urlEqualTo("/rest/v1/todos?select=id%2Ctitle%2Cdone&done=eq.false&order=id.desc&limit=10"))
                .withHeader("apikey", equalTo(Supabase.KEY))
                .willReturn(okJson("""
                        [{"id": 2, "title": "Write the README", "done": false},
                         {"id": 1, "title": "Ship the pack", "done": false}]""")));
        stub.stubFor(post(urlEqualTo("/rest/v1/todos"))
                .withRequestBody(equalToJson("{\"title\": \"Write the README\"}"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("[{\"id\": 3, \"title\": \"Write the README\", \"done\": false}]")));
        stub.stubFor(patch(urlEqualTo("/rest/v1/todos?id=eq.3"))
                .withRequestBody(equalToJson("{\"done\": true}"))
                .willReturn(okJson("[{\"id\": 3, \"title\": \"Write the README\", \"done\": true}]")));
        stub.stubFor(patch(urlEqualTo("/rest/v1/todos?or=%28archived.is.null%2Carchived.not.is.null%29"))
                .withRequestBody(equalToJson("{\"archived\": true}"))
                .willReturn(aResponse().withStatus(204).withHeader("Content-Range", "0-2/3")));
        stub.stubFor(post(urlEqualTo("/auth/v1/admin/users"))
                .withRequestBody(equalToJson("""
                        {"email": "ada@example.com", "email_confirm": true, "user_metadata": {"name": "Ada"}}"""))
                .willReturn(okJson("""
                        {"id": "6f1c1f2e-8d4b-4a51-9a36-2f0c6d1e9b7a", "aud": "authenticated",
                         "email": "ada@example.com", "user_metadata": {"name": "Ada"}}""")));
    }

    @AfterAll
    static void stop() {
        stub.stop();
    }

    @TestFactory
    Stream<DynamicTest> keepsThePackContract(@TempDir Path dir) {
        return PackContract.of(new SupabasePack())
                .settings(Map.of("base_url", stub.baseUrl()))
                .secrets(Map.of("SUPABASE_SERVICE_ROLE_KEY", Supabase.KEY))
                .workingDirectory(dir)
                .tests();
    }

    @TestFactory
    Stream<DynamicTest> keepsItWithoutBaseUrlToo(@TempDir Path dir) {
        return PackContract.of(new SupabasePack())
                .secrets(Map.of("SUPABASE_URL", stub.baseUrl(), "SUPABASE_SERVICE_ROLE_KEY", Supabase.KEY))
                .workingDirectory(dir)
                .tests();
    }
}
