package dev.rig.pack.supabase;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.rig.spi.ErrorType;
import dev.rig.spi.Pack;
import dev.rig.spi.Tool;
import dev.rig.spi.ToolException;
import java.time.Duration;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pack itself: discovery, where the project URL comes from, and the definitions' strictness. */
class SupabasePackTest {

    private static final WireMockServer stub = new WireMockServer(options().dynamicPort());

    @BeforeAll
    static void start() {
        stub.start();
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
    void isFoundByServiceLoader() {
        assertThat(ServiceLoader.load(Pack.class).stream().map(ServiceLoader.Provider::type))
                .containsExactly(SupabasePack.class);
        assertThat(new SupabasePack().id()).isEqualTo("supabase");
    }

    @Test
    void withoutBaseUrlTheProjectUrlIsTheSupabaseUrlSecret() throws Exception {
        Map<String, Tool> tools = Supabase.tools(Map.of());
        stub.stubFor(get(urlPathEqualTo("/rest/v1/todos")).willReturn(okJson("[]")));

        assertThat(tools.values()).allSatisfy(t -> assertThat(t.definition().authSlots())
                .containsExactly("SUPABASE_URL", "SUPABASE_SERVICE_ROLE_KEY"));
        tools.get("supabase.table.select").invoke(Supabase.call("supabase.table.select", Map.of("table", "todos"),
                Map.of("SUPABASE_URL", stub.baseUrl() + "/", "SUPABASE_SERVICE_ROLE_KEY", Supabase.KEY),
                Duration.ofSeconds(30)));

        stub.verify(1, getRequestedFor(urlEqualTo("/rest/v1/todos?select=*&limit=100")));
    }

    @Test
    void baseUrlReplacesTheSupabaseUrlSecret() {
        assertThat(Supabase.tools(stub).values()).allSatisfy(t -> assertThat(t.definition().authSlots())
                .containsExactly("SUPABASE_SERVICE_ROLE_KEY"));
    }

    @Test
    void aSupabaseUrlThatIsNoUrlIsAnAuthErrorThatDoesNotShowIt() {
        Tool select = Supabase.tools(Map.of()).get("supabase.table.select");

        assertThatThrownBy(() -> select.invoke(Supabase.call("supabase.table.select", Map.of("table", "todos"),
                Map.of("SUPABASE_URL", "ftp://secret-project.example", "SUPABASE_SERVICE_ROLE_KEY", Supabase.KEY),
                Duration.ofSeconds(30))))
                .isInstanceOfSatisfying(ToolException.class, e -> {
                    assertThat(e.type()).isEqualTo(ErrorType.AUTH_ERROR);
                    assertThat(e.getMessage()).isEqualTo("SUPABASE_URL is not an http(s) URL");
                    assertThat(e.getMessage() + e.hints()).doesNotContain("secret-project");
                });
        stub.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aMissingKeyIsAnAuthErrorNamingTheSlot() {
        Tool select = Supabase.tools(stub).get("supabase.table.select");

        assertThatThrownBy(() -> select.invoke(Supabase.call("supabase.table.select", Map.of("table", "todos"),
                Map.of(), Duration.ofSeconds(30))))
                .isInstanceOfSatisfying(ToolException.class, e -> {
                    assertThat(e.type()).isEqualTo(ErrorType.AUTH_ERROR);
                    assertThat(e.getMessage()).contains("SUPABASE_SERVICE_ROLE_KEY");
                });
    }

    @Test
    void aBaseUrlThatIsNoUrlStopsThePackNamingTheSetting() {
        assertThatThrownBy(() -> Supabase.tools(Map.of("base_url", "not a url")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("base_url:");
        assertThatThrownBy(() -> Supabase.tools(Map.of("base_url", "https://x.supabase.co?debug=1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("base_url:");
    }

    @Test
    void everyToolIsStrictAndDocumented() {
        assertThat(Supabase.tools(stub).values()).hasSize(4).allSatisfy(tool -> {
            assertThat(tool.definition().name()).startsWith("supabase.");
            assertThat(tool.definition().inputSchema()).contains("\"additionalProperties\": false");
            assertThat(tool.definition().outputSchema()).contains("\"additionalProperties\": false");
            assertThat(tool.definition().examples()).isNotEmpty();
            assertThat(tool.definition().description()).isNotBlank();
        });
    }
}
