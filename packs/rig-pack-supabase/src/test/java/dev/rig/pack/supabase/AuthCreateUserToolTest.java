package dev.rig.pack.supabase;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.rig.spi.ErrorType;
import dev.rig.spi.Tool;
import dev.rig.spi.ToolException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** supabase.auth.createUser against a stub of the GoTrue admin API. */
class AuthCreateUserToolTest {

    private static final WireMockServer stub = new WireMockServer(options().dynamicPort());
    private static Tool createUser;

    @BeforeAll
    static void start() {
        stub.start();
        createUser = Supabase.tools(stub).get("supabase.auth.createUser");
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
    void postsTheUserToTheAdminApiAndReturnsItsId() throws Exception {
        stub.stubFor(post(urlEqualTo("/auth/v1/admin/users")).willReturn(okJson("""
                {"id": "6f1c1f2e-8d4b-4a51-9a36-2f0c6d1e9b7a", "aud": "authenticated", "role": "authenticated",
                 "email": "ada@example.com", "email_confirmed_at": "2025-01-01T00:00:00Z", "phone": "",
                 "app_metadata": {"provider": "email", "providers": ["email"]},
                 "user_metadata": {"name": "Ada"}, "identities": [], "created_at": "2025-01-01T00:00:00Z",
                 "updated_at": "2025-01-01T00:00:00Z", "is_anonymous": false}""")));

        Map<String, Object> output = createUser.invoke(Supabase.call("supabase.auth.createUser", Map.of(
                "email", "ada@example.com", "password", "correct horse", "email_confirm", true,
                "user_metadata", Map.of("name", "Ada"))));

        stub.verify(1, postRequestedFor(urlEqualTo("/auth/v1/admin/users"))
                .withHeader("apikey", equalTo(Supabase.KEY))
                .withHeader("Authorization", equalTo("Bearer " + Supabase.KEY))
                .withHeader("X-Supabase-Api-Version", equalTo("2024-01-01"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("""
                        {"email": "ada@example.com", "password": "correct horse", "email_confirm": true,
                         "user_metadata": {"name": "Ada"}}""")));
        assertThat(output).isEqualTo(Map.of("id", "6f1c1f2e-8d4b-4a51-9a36-2f0c6d1e9b7a", "email", "ada@example.com"));
    }

    @Test
    void sendsOnlyTheFieldsGiven() throws Exception {
        stub.stubFor(post(urlEqualTo("/auth/v1/admin/users")).willReturn(okJson("""
                {"id": "u-1", "email": "bob@example.com"}""")));

        createUser.invoke(Supabase.call("supabase.auth.createUser", Map.of("email", "bob@example.com")));

        stub.verify(postRequestedFor(urlEqualTo("/auth/v1/admin/users"))
                .withRequestBody(equalToJson("{\"email\": \"bob@example.com\"}")));
    }

    @Test
    void aUserWithoutEmailInTheAnswerIsStillASuccess() throws Exception {
        stub.stubFor(post(urlEqualTo("/auth/v1/admin/users")).willReturn(okJson("""
                {"id": "u-2", "email": null}""")));

        Map<String, Object> output = createUser.invoke(Supabase.call("supabase.auth.createUser",
                Map.of("email", "carol@example.com")));

        Map<String, Object> expected = new HashMap<>();
        expected.put("id", "u-2");
        expected.put("email", null);
        assertThat(output).isEqualTo(expected);
    }

    @Test
    void anExistingEmailIsAConflict() {
        stub.stubFor(post(urlEqualTo("/auth/v1/admin/users")).willReturn(aResponse().withStatus(422)
                .withHeader("Content-Type", "application/json")
                .withBody("""
                        {"code": "email_exists", "message": "A user with this email address has already been registered"}""")));

        assertThatThrownBy(() -> createUser.invoke(Supabase.call("supabase.auth.createUser",
                Map.of("email", "ada@example.com"))))
                .isInstanceOfSatisfying(ToolException.class, e -> {
                    assertThat(e.type()).isEqualTo(ErrorType.CONFLICT);
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.upstreamCode()).isEqualTo("email_exists");
                    assertThat(e.getMessage()).isEqualTo("Supabase Auth answered HTTP 422 to supabase.auth.createUser:"
                            + " A user with this email address has already been registered");
                });
    }

    @Test
    void theOlderErrorShapeIsReadToo() {
        stub.stubFor(post(urlEqualTo("/auth/v1/admin/users")).willReturn(aResponse().withStatus(422)
                .withHeader("Content-Type", "application/json")
                .withBody("""
                        {"code": 422, "error_code": "weak_password", "msg": "Password should be at least 6 characters.",
                         "weak_password": {"reasons": ["length"]}}""")));

        assertThatThrownBy(() -> createUser.invoke(Supabase.call("supabase.auth.createUser",
                Map.of("email", "ada@example.com", "password", "x"))))
                .isInstanceOfSatisfying(ToolException.class, e -> {
                    assertThat(e.type()).isEqualTo(ErrorType.VALIDATION_ERROR);
                    assertThat(e.upstreamCode()).isEqualTo("weak_password");
                    assertThat(e.getMessage()).endsWith("Password should be at least 6 characters.");
                    assertThat(e.hints()).anyMatch(h -> h.startsWith("check password"));
                });
    }

    @Test
    void anAnonKeyMayNotCreateUsers() {
        stub.stubFor(post(urlEqualTo("/auth/v1/admin/users")).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"code\": \"not_admin\", \"message\": \"User not allowed\"}")));

        assertThatThrownBy(() -> createUser.invoke(Supabase.call("supabase.auth.createUser",
                Map.of("email", "ada@example.com"))))
                .isInstanceOfSatisfying(ToolException.class, e -> {
                    assertThat(e.type()).isEqualTo(ErrorType.PERMISSION_ERROR);
                    assertThat(e.upstreamCode()).isEqualTo("not_admin");
                    assertThat(e.hints()).anyMatch(h -> h.contains("service_role key in SUPABASE_SERVICE_ROLE_KEY"));
                });
    }

    @Test
    void theUserIdMissingFromTheAnswerIsAnUpstreamErrorThatSaysTheUserMayExist() {
        stub.stubFor(post(urlEqualTo("/auth/v1/admin/users")).willReturn(okJson("{\"email\": \"ada@example.com\"}")));

        assertThatThrownBy(() -> createUser.invoke(Supabase.call("supabase.auth.createUser",
                Map.of("email", "ada@example.com"))))
                .isInstanceOfSatisfying(ToolException.class, e -> {
                    assertThat(e.type()).isEqualTo(ErrorType.UPSTREAM_ERROR);
                    assertThat(e.hints()).anyMatch(h -> h.contains("may have been created"));
                });
    }

    @Test
    void thePasswordIsAWriteOnlyFieldSoTheAuditNeverHoldsIt() {
        assertThat(createUser.definition().inputSchema()).containsPattern("\"password\": \\{[^}]*\"writeOnly\": true");
    }
}
