package dev.rig.pack.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.rig.pack.github.GitHubApiStub.REPO;
import static dev.rig.pack.github.GitHubApiStub.error;
import static dev.rig.pack.github.GitHubApiStub.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import dev.rig.spi.ErrorType;
import dev.rig.spi.ToolException;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** GitHub's failures, as the stub answers them the way GitHub does, become the right RTP errors. */
@Timeout(value = 20, unit = TimeUnit.SECONDS) // github-api's default limit handlers would sleep for minutes
class GitHubErrorsTest {

    private static final GitHubApiStub github = new GitHubApiStub();
    private static final Map<String, Object> ISSUE = Map.of("repo", REPO, "title", "Found a bug");
    private static final Map<String, Object> PULL = Map.of("repo", REPO, "title", "Feature", "head", "feature");
    private static final Map<String, Object> LIST = Map.of("repo", REPO);
    private static final String ISSUES = "/repos/octocat/hello-world/issues";
    private static final String PULLS = "/repos/octocat/hello-world/pulls";

    private final InstalledGitHubPack pack = new InstalledGitHubPack(github.baseUrl());

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

    @Test
    void validationFailedIsAValidationErrorNamingTheField() {
        github.onPost(ISSUES, json(422, """
                {"message": "Validation Failed",
                 "errors": [{"resource": "Issue", "field": "title", "code": "missing_field"}],
                 "documentation_url": "https://docs.github.com/rest/issues/issues#create-an-issue", "status": "422"}"""));

        ToolException failure = pack.failure("github.issues.create", ISSUE);

        assertThat(failure.type()).isEqualTo(ErrorType.VALIDATION_ERROR);
        assertThat(failure.retryable()).isFalse();
        assertThat(failure.upstreamCode()).isEqualTo("Validation Failed");
        assertThat(failure.getMessage()).contains("create an issue in octocat/hello-world", "title: missing_field");
        assertThat(failure.hints()).contains("see https://docs.github.com/rest/issues/issues#create-an-issue");
    }

    @Test
    void aPullRequestThatAlreadyExistsIsAConflict() {
        github.onPost(PULLS, json(422, """
                {"message": "Validation Failed",
                 "errors": [{"resource": "PullRequest", "code": "custom",
                             "message": "A pull request already exists for octocat:feature."}],
                 "documentation_url": "https://docs.github.com/rest/pulls/pulls#create-a-pull-request", "status": "422"}"""));

        ToolException failure = pack.failure("github.pulls.create", PULL);

        assertThat(failure.type()).isEqualTo(ErrorType.CONFLICT);
        assertThat(failure.getMessage()).contains("A pull request already exists for octocat:feature.");
    }

    @Test
    void noCommitsBetweenTheBranchesIsAValidationError() {
        github.onPost(PULLS, json(422, """
                {"message": "Validation Failed",
                 "errors": [{"resource": "PullRequest", "code": "custom", "message": "No commits between main and feature"}],
                 "status": "422"}"""));

        assertThat(pack.failure("github.pulls.create", PULL).type()).isEqualTo(ErrorType.VALIDATION_ERROR);
    }

    @Test
    void anEmptyRepositoryIsAConflict() {
        github.onPost(PULLS, error(409, "Git Repository is empty."));

        ToolException failure = pack.failure("github.pulls.create", PULL);

        assertThat(failure.type()).isEqualTo(ErrorType.CONFLICT);
        assertThat(failure.upstreamCode()).isEqualTo("Git Repository is empty.");
    }

    @Test
    void badCredentialsIsAnAuthErrorThatIsNeverRetried() {
        github.onGet("/repos/octocat/hello-world", error(401, "Bad credentials"));

        ToolException failure = pack.failure("github.pulls.list", LIST);

        assertThat(failure.type()).isEqualTo(ErrorType.AUTH_ERROR);
        assertThat(failure.retryable()).isFalse();
        assertThat(failure.upstreamCode()).isEqualTo("Bad credentials");
        assertThat(failure.hints()).anyMatch(hint -> hint.contains("GITHUB_TOKEN"));
        assertThat(github.requests()).hasSize(1);
    }

    @Test
    void a403WithoutRateLimitHeadersIsAPermissionError() {
        github.onPost(ISSUES, error(403, "Resource not accessible by personal access token")
                .withHeader("X-RateLimit-Limit", "5000").withHeader("X-RateLimit-Remaining", "4999")
                .withHeader("X-RateLimit-Reset", "1700000000"));

        ToolException failure = pack.failure("github.issues.create", ISSUE);

        assertThat(failure.type()).isEqualTo(ErrorType.PERMISSION_ERROR);
        assertThat(failure.retryable()).isFalse();
        assertThat(failure.upstreamCode()).isEqualTo("Resource not accessible by personal access token");
        assertThat(failure.hints()).anyMatch(hint -> hint.contains("GITHUB_TOKEN") && hint.contains("Issues: read and write"));
    }

    @Test
    void a403WithNoRequestsRemainingIsAPrimaryRateLimitUntilTheReset() {
        // Date and reset two minutes apart: the wait is measured on GitHub's clock
        github.onGet("/repos/octocat/hello-world", error(403, "API rate limit exceeded for user ID 1.")
                .withHeader("X-RateLimit-Limit", "5000").withHeader("X-RateLimit-Remaining", "0")
                .withHeader("X-RateLimit-Used", "5000").withHeader("X-RateLimit-Reset", "1700000120")
                .withHeader("Date", "Tue, 14 Nov 2023 22:13:20 GMT"));

        ToolException failure = pack.failure("github.pulls.list", LIST);

        assertThat(failure.type()).isEqualTo(ErrorType.RATE_LIMITED);
        assertThat(failure.retryable()).isTrue();
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(120));
        assertThat(failure.upstreamCode()).isEqualTo("API rate limit exceeded for user ID 1.");
        assertThat(github.requests()).as("github-api must not wait and send again").hasSize(1);
    }

    @Test
    void a429WithRetryAfterIsASecondaryRateLimit() {
        github.onPost(ISSUES, error(429, "You have exceeded a secondary rate limit.").withHeader("Retry-After", "30"));

        ToolException failure = pack.failure("github.issues.create", ISSUE);

        assertThat(failure.type()).isEqualTo(ErrorType.RATE_LIMITED);
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(github.requestLines()).containsExactly("GET /repos/octocat/hello-world", "POST " + ISSUES);
    }

    @Test
    void a403WithRetryAfterIsASecondaryRateLimit() {
        github.onGet(PULLS, error(403, "You have exceeded a secondary rate limit. Please wait a few minutes.")
                .withHeader("Retry-After", "60"));

        ToolException failure = pack.failure("github.pulls.list", LIST);

        assertThat(failure.type()).isEqualTo(ErrorType.RATE_LIMITED);
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void aSecondaryRateLimitWithoutHeadersWaitsAMinute() {
        github.onGet(PULLS, error(403, "You have exceeded a secondary rate limit. Please wait a few minutes."));

        ToolException failure = pack.failure("github.pulls.list", LIST);

        assertThat(failure.type()).isEqualTo(ErrorType.RATE_LIMITED);
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void anUnknownRepositoryIsNotFoundNamingIt() {
        github.reset();
        github.onGet("/repos/octocat/nope", error(404, "Not Found"));

        ToolException failure = pack.failure("github.issues.create", Map.of("repo", "octocat/nope", "title", "x"));

        assertThat(failure.type()).isEqualTo(ErrorType.NOT_FOUND);
        assertThat(failure.upstreamCode()).isEqualTo("Not Found");
        assertThat(failure.getMessage()).contains("octocat/nope");
        assertThat(failure.hints()).anyMatch(hint -> hint.contains("private repository"));
        assertThat(github.requests()).hasSize(1);
    }

    @Test
    void anUnknownIssueIsNotFoundNamingIt() {
        github.onGet(ISSUES + "/999", error(404, "Not Found"));

        ToolException failure = pack.failure("github.issues.comment",
                Map.of("repo", REPO, "issue_number", 999, "body", "hi"));

        assertThat(failure.type()).isEqualTo(ErrorType.NOT_FOUND);
        assertThat(failure.getMessage()).contains("#999");
        assertThat(github.requestLines()).doesNotContain("POST " + ISSUES + "/999/comments");
    }

    @Test
    void disabledIssuesAreNotFound() {
        github.onPost(ISSUES, error(410, "Issues are disabled for this repo"));

        ToolException failure = pack.failure("github.issues.create", ISSUE);

        assertThat(failure.type()).isEqualTo(ErrorType.NOT_FOUND);
        assertThat(failure.upstreamCode()).isEqualTo("Issues are disabled for this repo");
    }

    @Test
    void serverErrorsAreTransient() {
        github.onGet(PULLS, aResponse().withStatus(502).withHeader("Content-Type", "text/html")
                .withBody("<html><head><title>Unicorn! &middot; GitHub</title></head></html>"));
        ToolException badGateway = pack.failure("github.pulls.list", LIST);
        assertThat(badGateway.type()).isEqualTo(ErrorType.TRANSIENT);
        assertThat(badGateway.retryable()).isTrue();

        github.onGet(PULLS, error(500, "Server Error"));
        assertThat(pack.failure("github.pulls.list", LIST).type()).isEqualTo(ErrorType.TRANSIENT);
    }

    @Test
    void aConnectionRefusedIsTransientAndNotTriedAgainByTheLibrary() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        ToolException failure = new InstalledGitHubPack("http://localhost:" + closedPort)
                .failure("github.pulls.list", LIST);

        assertThat(failure.type()).isEqualTo(ErrorType.TRANSIENT);
        assertThat(failure.retryable()).isTrue();
        assertThat(failure.getMessage()).contains("localhost:" + closedPort);
    }

    @Test
    void aDroppedConnectionIsTransientAndTheIssueIsPostedOnce() {
        github.onPost(ISSUES, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        ToolException failure = pack.failure("github.issues.create", ISSUE);

        assertThat(failure.type()).isEqualTo(ErrorType.TRANSIENT);
        assertThat(github.requestLines()).containsExactly("GET /repos/octocat/hello-world", "POST " + ISSUES);
    }

    @Test
    void aSlowGitHubTimesOutAtTheDeadlineAndIsNotAskedAgain() throws Exception {
        github.server.stubFor(get(urlPathEqualTo(PULLS)).inScenario("slow").whenScenarioStateIs(STARTED)
                .willReturn(json(200, "[]").withFixedDelay(3_000)));
        InstalledGitHubPack impatient = new InstalledGitHubPack(github.baseUrl());

        ToolException failure = impatient.failureWithin(Duration.ofSeconds(1), "github.pulls.list", LIST);

        assertThat(failure.type()).isEqualTo(ErrorType.TIMEOUT);
        assertThat(github.requestLines()).hasSize(2);
    }

    @Test
    void aBodyThatIsNotJsonIsAnUpstreamError() {
        github.onGet(PULLS, aResponse().withStatus(200).withHeader("Content-Type", "text/html")
                .withBody("<html>captive portal</html>"));

        assertThat(pack.failure("github.pulls.list", LIST).type()).isEqualTo(ErrorType.UPSTREAM_ERROR);
    }

    @Test
    void aTokenWithALineBreakFailsBeforeAnythingIsSent() {
        InstalledGitHubPack broken = new InstalledGitHubPack(github.baseUrl(), "ghp_1\nX-Injected: 1");

        ToolException failure = broken.failure("github.pulls.list", LIST);

        assertThat(failure.type()).isEqualTo(ErrorType.AUTH_ERROR);
        assertThat(failure.hints()).anyMatch(hint -> hint.contains("GITHUB_TOKEN"));
        assertThat(github.requests()).isEmpty();
    }

    @Test
    void aRepoThatIsNotOwnerSlashNameIsRefusedBeforeAnythingIsSent() {
        for (String repo : List.of("octocat", "octocat/hello/world", "octocat/..", "-octo/x")) {
            ToolException failure = pack.failure("github.pulls.list", Map.of("repo", repo));
            assertThat(failure.type()).as(repo).isEqualTo(ErrorType.VALIDATION_ERROR);
        }
        assertThat(github.requests()).isEmpty();
    }
}
