package dev.rig.mcp.mount;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.rig.core.Gateway;
import dev.rig.core.api.CallRequest;
import dev.rig.core.api.ToolResult;
import dev.rig.core.config.ConfigLoader;
import dev.rig.core.lock.LockFile;
import dev.rig.core.lock.LockedPack;
import dev.rig.spi.ErrorType;
import dev.rig.spi.RiskClass;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two npm packs RIG ships ({@code npm-packs/pack-echo}, CommonJS; {@code npm-packs/pack-github},
 * ESM on the real {@code @octokit/rest}) installed in a workspace's {@code .rig/node/} and run by RIG's
 * Node runner through the real gateway; GitHub is a WireMock stub answering as api.github.com does.
 */
class NodePacksTest {

    private static final String TOKEN = "ghp_nodePackTestToken0123456789";
    private static final Path NPM_PACKS = Path.of("..", "npm-packs").toAbsolutePath().normalize();

    @TempDir
    static Path shared;
    private static Path githubPackage;
    private static WireMockServer github;

    @TempDir
    Path dir;
    private Gateway gateway;

    @BeforeAll
    static void installGithubDependencies() throws IOException, InterruptedException {
        githubPackage = shared.resolve("pack-github");
        copy(NPM_PACKS.resolve("pack-github"), githubPackage);
        Process npm = new ProcessBuilder("npm", "ci", "--omit=dev", "--no-audit", "--no-fund")
                .directory(githubPackage.toFile()).redirectErrorStream(true)
                .redirectOutput(shared.resolve("npm.log").toFile()).start();
        assertThat(npm.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(npm.exitValue()).as(Files.readString(shared.resolve("npm.log"))).isZero();
        github = new WireMockServer(wireMockConfig().dynamicPort());
        github.start();
    }

    @AfterAll
    static void stopGithub() {
        if (github != null) {
            github.stop();
        }
    }

    @AfterEach
    void closeGateway() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void the_github_packs_own_suite_passes_against_its_local_stub() throws IOException, InterruptedException {
        Path log = shared.resolve("github-tests.log");
        Process node = new ProcessBuilder("node", "--test", "test/tools.test.mjs", "test/errors.test.mjs")
                .directory(githubPackage.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(node.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(node.exitValue()).as(Files.readString(log)).isZero();
        assertThat(Files.readString(log)).contains("# fail 0");
    }

    @Test
    void the_commonjs_echo_pack_answers_with_the_callers_tenant() throws IOException {
        install("echo", "@rig/pack-echo", NPM_PACKS.resolve("pack-echo"));
        Files.writeString(dir.resolve("rig.yaml"), "packs:\n  echo: {}\n");
        open(Map.of());

        ToolResult result = gateway.call(new CallRequest("echo", Map.of("message", "hello node"), "acme", null,
                "tester", null));

        assertThat(result.ok()).as("%s", result.error()).isTrue();
        assertThat(result.output()).containsEntry("message", "hello node").containsEntry("tenant_id", "acme");
        assertThat(result.pack()).isEqualTo("echo");
    }

    @Test
    void the_github_pack_gets_its_token_per_call_and_for_the_callers_tenant() throws IOException {
        install("github", "@rig/pack-github", githubPackage);
        Files.writeString(dir.resolve("rig.yaml"), """
                packs:
                  github: {base_url: "%s"}
                """.formatted(github.baseUrl()));
        github.stubFor(post(urlEqualTo("/repos/octo/hello/issues")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody("""
                        {"id": 1, "number": 1347, "state": "open", "title": "Login fails",
                         "html_url": "https://github.com/octo/hello/issues/1347"}""")));
        open(Map.of("GITHUB_TOKEN", TOKEN, "ACME__GITHUB_TOKEN", TOKEN + "-acme"));

        assertThat(gateway.snapshot().tool("github.issues.create").orElseThrow().definition().riskClass())
                .isEqualTo(RiskClass.WRITE);
        ToolResult created = gateway.call(new CallRequest("github.issues.create",
                Map.of("repo", "octo/hello", "title", "Login fails"), "acme", null, "tester", null));

        assertThat(created.ok()).as("%s", created.error()).isTrue();
        assertThat(created.output()).containsEntry("number", 1347).containsEntry("state", "open")
                .containsEntry("url", "https://github.com/octo/hello/issues/1347");
        github.verify(postRequestedFor(urlEqualTo("/repos/octo/hello/issues"))
                .withHeader("Authorization", equalTo("token " + TOKEN + "-acme"))
                .withRequestBody(equalToJson("{\"title\": \"Login fails\"}", true, true)));
    }

    @Test
    void a_refused_token_is_an_auth_error_that_never_shows_the_token() throws IOException {
        install("github", "@rig/pack-github", githubPackage);
        Files.writeString(dir.resolve("rig.yaml"), """
                packs:
                  github: {base_url: "%s"}
                """.formatted(github.baseUrl()));
        github.stubFor(post(urlEqualTo("/repos/octo/denied/issues/7/comments")).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody("""
                        {"message": "Bad credentials", "documentation_url": "https://docs.github.com/rest"}""")));
        open(Map.of("GITHUB_TOKEN", TOKEN));

        ToolResult result = gateway.call(new CallRequest("github.issues.comment",
                Map.of("repo", "octo/denied", "issue_number", 7, "body", "hi"), "default", null, "tester", null));

        assertThat(result.error().type()).isEqualTo(ErrorType.AUTH_ERROR);
        assertThat(result.error().retryable()).isFalse();
        assertThat(result.error().upstreamCode()).isEqualTo("Bad credentials");
        assertThat(result.error().toString()).doesNotContain(TOKEN);
        assertThat(result.error().remediationHints()).anySatisfy(h -> assertThat(h).contains("GITHUB_TOKEN"));
    }

    @Test
    void a_missing_token_stops_the_call_before_the_pack_runs() throws IOException {
        install("github", "@rig/pack-github", githubPackage);
        Files.writeString(dir.resolve("rig.yaml"), "packs:\n  github: {base_url: \"" + github.baseUrl() + "\"}\n");
        open(Map.of());

        ToolResult result = gateway.call(new CallRequest("github.pulls.list", Map.of("repo", "octo/hello"), "default",
                null, "tester", null));

        assertThat(result.error().type()).isEqualTo(ErrorType.AUTH_ERROR);
        assertThat(result.error().message()).contains("GITHUB_TOKEN");
    }

    /** Lays the package out as `rig install --runtime node` does and locks it (tools pinned at first sight). */
    private void install(String id, String packageName, Path source) throws IOException {
        copy(source, NodeRunner.packageDirectory(dir, id, packageName));
        LockFile lock = LockFile.empty("test", Instant.now()).with(new LockedPack(id, packageName, "0.1.0",
                LockedPack.NODE, "sha512-test", Instant.now(), "test", List.of(), null), "test", Instant.now());
        lock.write(dir.resolve("rig.lock"));
    }

    private void open(Map<String, String> secrets) {
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.putAll(secrets);
        gateway = Gateway.open(ConfigLoader.load(dir), InstantSource.system(), Duration.ofMillis(5), environment,
                new MountedServers(environment));
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(file, target);
                }
            }
        }
    }
}
