package dev.rig.pack.github;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.rig.pack.github.GitHubApiStub.REPO;
import static dev.rig.pack.github.GitHubApiStub.error;
import static dev.rig.pack.github.GitHubApiStub.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rig.core.api.ToolResult;
import dev.rig.spi.ErrorType;
import dev.rig.testkit.PackGateway;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The github pack inside a real gateway: retries, output checks and deadlines of the pipeline. */
class GitHubThroughTheGatewayTest {

    private static final GitHubApiStub github = new GitHubApiStub();
    private static final String PULLS = "/repos/octocat/hello-world/pulls";

    @TempDir
    Path dir;

    @BeforeEach
    void knowTheRepository() {
        github.knowsTheRepository();
    }

    @AfterEach
    void reset() {
        github.reset();
    }

    @AfterAll
    static void stop() {
        github.close();
    }

    private PackGateway.Builder gateway() {
        return PackGateway.forPack("github").setting("base_url", github.baseUrl())
                .secret(GitHubApi.TOKEN_SLOT, InstalledGitHubPack.TOKEN);
    }

    @Test
    void aRateLimitedReadIsRetriedAfterGitHubsRetryAfter() {
        github.server.stubFor(get(urlPathEqualTo(PULLS)).inScenario("limit").whenScenarioStateIs(STARTED)
                .willSetStateTo("open")
                .willReturn(error(429, "You have exceeded a secondary rate limit.").withHeader("Retry-After", "0")));
        github.server.stubFor(get(urlPathEqualTo(PULLS)).inScenario("limit").whenScenarioStateIs("open")
                .willReturn(json(200, """
                        [{"id": 1, "number": 1348, "state": "open", "title": "Add dark mode",
                          "html_url": "https://github.com/octocat/hello-world/pull/1348"}]""")));

        try (PackGateway rig = gateway().open(dir)) {
            ToolResult result = rig.call("github.pulls.list", Map.of("repo", REPO));

            assertThat(result.ok()).as("%s", result.error()).isTrue();
            assertThat(result.output()).isEqualTo(Map.of("pull_requests", List.of(Map.of("number", 1348,
                    "title", "Add dark mode", "state", "open", "url", "https://github.com/octocat/hello-world/pull/1348"))));
        }
        assertThat(github.requestLines()).filteredOn(line -> line.startsWith("GET " + PULLS)).hasSize(2);
    }

    @Test
    void aRateLimitedIssueIsNotRetried() {
        github.onPost("/repos/octocat/hello-world/issues",
                error(403, "You have exceeded a secondary rate limit.").withHeader("Retry-After", "0"));

        try (PackGateway rig = gateway().retries(3).open(dir)) {
            ToolResult result = rig.call("github.issues.create", Map.of("repo", REPO, "title", "once"));

            assertThat(result.ok()).isFalse();
            assertThat(result.error().type()).isEqualTo(ErrorType.RATE_LIMITED);
        }
        assertThat(github.requestLines()).filteredOn(line -> line.startsWith("POST")).hasSize(1);
    }

    @Test
    void nullsGitHubLeavesOutPassTheOutputCheck() {
        github.onPost("/repos/octocat/hello-world/issues", json(201, "{\"id\": 1, \"number\": 5}"));
        github.onGet(PULLS, json(200, "[{\"id\": 1, \"number\": 7}]"));

        try (PackGateway rig = gateway().open(dir)) {
            ToolResult issue = rig.call("github.issues.create", Map.of("repo", REPO, "title", "t"));
            ToolResult pulls = rig.call("github.pulls.list", Map.of("repo", REPO));

            assertThat(issue.ok()).as("%s", issue.error()).isTrue();
            assertThat(issue.output()).containsEntry("number", 5).containsEntry("url", null);
            assertThat(pulls.ok()).as("%s", pulls.error()).isTrue();
        }
    }

    @Test
    void theSchemaRefusesBadArgumentsBeforeGitHubIsCalled() {
        try (PackGateway rig = gateway().open(dir)) {
            List<ToolResult> results = List.of(
                    rig.call("github.pulls.list", Map.of("repo", "https://github.com/octocat/hello-world")),
                    rig.call("github.pulls.list", Map.of("repo", "octocat/..")),
                    rig.call("github.pulls.list", Map.of("repo", REPO, "state", "merged")),
                    rig.call("github.pulls.list", Map.of("repo", REPO, "limit", 101)),
                    rig.call("github.issues.comment", Map.of("repo", REPO, "issue_number", 0, "body", "x")),
                    rig.call("github.issues.create", Map.of("repo", REPO)),
                    rig.call("github.pulls.create", Map.of("repo", REPO, "title", "t", "head", "h", "draft", true)));

            assertThat(results).allSatisfy(result -> {
                assertThat(result.ok()).isFalse();
                assertThat(result.error().type()).isEqualTo(ErrorType.VALIDATION_ERROR);
            });
        }
        assertThat(github.requests()).isEmpty();
    }

    @Test
    void aGitHubThatDoesNotAnswerEndsAtTheDeadline() {
        github.onGet(PULLS, json(200, "[]").withFixedDelay(5_000));

        Instant start = Instant.now();
        try (PackGateway rig = gateway().timeoutSeconds(1).retries(0).open(dir)) {
            ToolResult result = rig.call("github.pulls.list", Map.of("repo", REPO));

            assertThat(result.ok()).isFalse();
            assertThat(result.error().type()).isEqualTo(ErrorType.TIMEOUT);
        }
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(4));
    }
}
