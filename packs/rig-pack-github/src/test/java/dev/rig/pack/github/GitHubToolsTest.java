package dev.rig.pack.github;

import static dev.rig.pack.github.GitHubApiStub.REPO;
import static dev.rig.pack.github.GitHubApiStub.json;
import static dev.rig.pack.github.InstalledGitHubPack.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each tool against a stub of GitHub's REST API: the exact requests github-api sends, and the output. */
class GitHubToolsTest {

    private static final GitHubApiStub github = new GitHubApiStub();
    private static final ObjectMapper JSON = new ObjectMapper();
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
    void createsAnIssueWithBodyAndLabels() throws Exception {
        github.onPost("/repos/octocat/hello-world/issues", json(201, """
                {"id": 1, "node_id": "MDU6SXNzdWUx", "url": "https://api.github.com/repos/octocat/hello-world/issues/1347",
                 "html_url": "https://github.com/octocat/hello-world/issues/1347", "number": 1347, "state": "open",
                 "title": "Found a bug", "body": "I'm having a problem with this.",
                 "user": {"login": "octocat", "id": 1}, "labels": [{"id": 208045946, "name": "bug"}],
                 "locked": false, "comments": 0, "created_at": "2011-04-22T13:33:48Z"}"""));

        Map<String, Object> output = pack.call("github.issues.create", Map.of("repo", REPO, "title", "Found a bug",
                "body", "I'm having a problem with this.", "labels", List.of("bug")));

        assertThat(output).containsExactly(Map.entry("number", 1347),
                Map.entry("url", "https://github.com/octocat/hello-world/issues/1347"), Map.entry("state", "open"));
        assertThat(github.requestLines()).containsExactly("GET /repos/octocat/hello-world",
                "POST /repos/octocat/hello-world/issues");
        github.requests().forEach(GitHubToolsTest::assertGitHubHeaders);
        LoggedRequest create = github.requests().get(1);
        assertThat(create.getHeader("Content-Type")).startsWith("application/json");
        assertThat(JSON.readTree(create.getBodyAsString())).isEqualTo(JSON.readTree("""
                {"title": "Found a bug", "body": "I'm having a problem with this.", "labels": ["bug"],
                 "assignees": []}"""));
    }

    @Test
    void createsAnIssueWithATitleOnly() throws Exception {
        github.onPost("/repos/octocat/hello-world/issues", json(201, """
                {"id": 2, "number": 1348, "state": "open", "title": "Just a title",
                 "html_url": "https://github.com/octocat/hello-world/issues/1348"}"""));

        pack.call("github.issues.create", Map.of("repo", REPO, "title", "Just a title"));

        assertThat(JSON.readTree(github.requests().get(1).getBodyAsString())).isEqualTo(JSON.readTree("""
                {"title": "Just a title", "labels": [], "assignees": []}"""));
    }

    @Test
    void commentsOnAnIssue() throws Exception {
        github.onGet("/repos/octocat/hello-world/issues/1347", json(200, """
                {"id": 1, "number": 1347, "state": "open", "title": "Found a bug",
                 "url": "https://api.github.com/repos/octocat/hello-world/issues/1347",
                 "html_url": "https://github.com/octocat/hello-world/issues/1347"}"""));
        github.onPost("/repos/octocat/hello-world/issues/1347/comments", json(201, """
                {"id": 1, "node_id": "MDEyOklzc3VlQ29tbWVudDE=",
                 "url": "https://api.github.com/repos/octocat/hello-world/issues/comments/1",
                 "html_url": "https://github.com/octocat/hello-world/issues/1347#issuecomment-1",
                 "body": "Me too", "user": {"login": "octocat", "id": 1},
                 "created_at": "2011-04-14T16:00:49Z", "updated_at": "2011-04-14T16:00:49Z",
                 "author_association": "COLLABORATOR"}"""));

        Map<String, Object> output = pack.call("github.issues.comment",
                Map.of("repo", REPO, "issue_number", 1347, "body", "Me too"));

        assertThat(output).containsExactly(Map.entry("id", 1L),
                Map.entry("url", "https://github.com/octocat/hello-world/issues/1347#issuecomment-1"));
        assertThat(github.requestLines()).containsExactly("GET /repos/octocat/hello-world",
                "GET /repos/octocat/hello-world/issues/1347", "POST /repos/octocat/hello-world/issues/1347/comments");
        github.requests().forEach(GitHubToolsTest::assertGitHubHeaders);
        assertThat(JSON.readTree(github.requests().get(2).getBodyAsString()))
                .isEqualTo(JSON.readTree("{\"body\": \"Me too\"}"));
    }

    @Test
    void opensAPullRequestIntoMainByDefault() throws Exception {
        github.onPost("/repos/octocat/hello-world/pulls", json(201, """
                {"id": 1, "node_id": "MDExOlB1bGxSZXF1ZXN0MQ==",
                 "url": "https://api.github.com/repos/octocat/hello-world/pulls/1348",
                 "html_url": "https://github.com/octocat/hello-world/pull/1348", "number": 1348, "state": "open",
                 "locked": false, "title": "Amazing new feature", "body": "Please pull these awesome changes in!",
                 "user": {"login": "octocat", "id": 1}, "draft": false,
                 "head": {"label": "octocat:new-topic", "ref": "new-topic", "sha": "6dcb09b5b57875f334f61aebed695e2e4193db5e"},
                 "base": {"label": "octocat:main", "ref": "main", "sha": "6dcb09b5b57875f334f61aebed695e2e4193db5e"}}"""));

        Map<String, Object> output = pack.call("github.pulls.create", Map.of("repo", REPO,
                "title", "Amazing new feature", "head", "octocat:new-topic",
                "body", "Please pull these awesome changes in!"));

        assertThat(output).containsExactly(Map.entry("number", 1348),
                Map.entry("url", "https://github.com/octocat/hello-world/pull/1348"), Map.entry("state", "open"));
        assertThat(github.requestLines()).containsExactly("GET /repos/octocat/hello-world",
                "POST /repos/octocat/hello-world/pulls");
        github.requests().forEach(GitHubToolsTest::assertGitHubHeaders);
        assertThat(JSON.readTree(github.requests().get(1).getBodyAsString())).isEqualTo(JSON.readTree("""
                {"title": "Amazing new feature", "head": "octocat:new-topic", "base": "main",
                 "body": "Please pull these awesome changes in!", "maintainer_can_modify": true, "draft": false}"""));
    }

    @Test
    void opensAPullRequestIntoTheBaseGiven() throws Exception {
        github.onPost("/repos/octocat/hello-world/pulls", json(201, """
                {"id": 2, "number": 1349, "state": "open", "title": "Backport",
                 "html_url": "https://github.com/octocat/hello-world/pull/1349"}"""));

        pack.call("github.pulls.create", Map.of("repo", REPO, "title", "Backport", "head", "fix", "base", "release-1.x"));

        assertThat(JSON.readTree(github.requests().get(1).getBodyAsString()).get("base").asText())
                .isEqualTo("release-1.x");
        assertThat(JSON.readTree(github.requests().get(1).getBodyAsString()).has("body")).isFalse();
    }

    @Test
    void listsTheOpenPullRequestsInOnePage() throws Exception {
        github.onGet("/repos/octocat/hello-world/pulls", json(200, """
                [{"id": 1, "number": 1348, "state": "open", "title": "Amazing new feature",
                  "html_url": "https://github.com/octocat/hello-world/pull/1348", "user": {"login": "octocat"}},
                 {"id": 2, "number": 1347, "state": "open", "title": "Fix the bug",
                  "html_url": "https://github.com/octocat/hello-world/pull/1347", "user": {"login": "hubot"}}]""")
                .withHeader("Link", "<" + github.baseUrl() + "/repositories/1296269/pulls?state=open&per_page=2&page=2>;"
                        + " rel=\"next\""));

        Map<String, Object> output = pack.call("github.pulls.list", Map.of("repo", REPO, "limit", 2));

        assertThat(output).isEqualTo(Map.of("pull_requests", List.of(
                Map.of("number", 1348, "title", "Amazing new feature", "state", "open",
                        "url", "https://github.com/octocat/hello-world/pull/1348"),
                Map.of("number", 1347, "title", "Fix the bug", "state", "open",
                        "url", "https://github.com/octocat/hello-world/pull/1347"))));
        assertThat(github.requestLines()).containsExactly("GET /repos/octocat/hello-world",
                "GET /repos/octocat/hello-world/pulls?state=open&per_page=2");
        github.requests().forEach(GitHubToolsTest::assertGitHubHeaders);
    }

    @Test
    void listsTwentyByDefaultAndClosedOnesWhenAsked() throws Exception {
        github.onGet("/repos/octocat/hello-world/pulls", json(200, "[]"));

        assertThat(pack.call("github.pulls.list", Map.of("repo", REPO))).isEqualTo(Map.of("pull_requests", List.of()));
        assertThat(pack.call("github.pulls.list", Map.of("repo", REPO, "state", "closed")))
                .isEqualTo(Map.of("pull_requests", List.of()));

        assertThat(github.requestLines()).containsExactly("GET /repos/octocat/hello-world",
                "GET /repos/octocat/hello-world/pulls?state=open&per_page=20", "GET /repos/octocat/hello-world",
                "GET /repos/octocat/hello-world/pulls?state=closed&per_page=20");
    }

    @Test
    void givesNullForWhatGitHubLeavesOut() throws Exception {
        github.onGet("/repos/octocat/hello-world/pulls", json(200, "[{\"id\": 1, \"number\": 7}]"));

        Map<String, Object> pull = new HashMap<>();
        pull.put("number", 7);
        pull.put("title", null);
        pull.put("state", null);
        pull.put("url", null);
        assertThat(pack.call("github.pulls.list", Map.of("repo", REPO))).isEqualTo(Map.of("pull_requests", List.of(pull)));
    }

    @Test
    void talksToGitHubEnterpriseUnderItsApiPath() throws Exception {
        github.reset();
        github.onGet("/api/v3/repos/octocat/hello-world", json(200, GitHubApiStub.REPOSITORY));
        github.onGet("/api/v3/repos/octocat/hello-world/pulls", json(200, "[]"));

        new InstalledGitHubPack(github.baseUrl() + "/api/v3/").call("github.pulls.list", Map.of("repo", REPO));

        assertThat(github.requestLines()).containsExactly("GET /api/v3/repos/octocat/hello-world",
                "GET /api/v3/repos/octocat/hello-world/pulls?state=open&per_page=20");
    }

    private static void assertGitHubHeaders(LoggedRequest request) {
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(request.getHeader("Accept")).isEqualTo("application/vnd.github+json");
        assertThat(request.getHeader("X-GitHub-Api-Version")).isEqualTo("2022-11-28");
    }
}
