package dev.rig.pack.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;

/** A WireMock stand-in for GitHub's REST API, answering as GitHub documents. */
final class GitHubApiStub implements AutoCloseable {

    static final String REPO = "octocat/hello-world";

    /** GET /repos/octocat/hello-world, abridged from GitHub's documented example. */
    static final String REPOSITORY = """
            {"id": 1296269, "node_id": "MDEwOlJlcG9zaXRvcnkxMjk2MjY5", "name": "hello-world",
             "full_name": "octocat/hello-world",
             "owner": {"login": "octocat", "id": 1, "node_id": "MDQ6VXNlcjE=", "type": "User",
                       "url": "https://api.github.com/users/octocat", "html_url": "https://github.com/octocat"},
             "private": false, "html_url": "https://github.com/octocat/hello-world",
             "description": "This your first repo!", "fork": false,
             "url": "https://api.github.com/repos/octocat/hello-world", "default_branch": "main",
             "has_issues": true, "open_issues_count": 0,
             "permissions": {"admin": false, "push": true, "pull": true},
             "created_at": "2011-01-26T19:01:12Z", "updated_at": "2011-01-26T19:14:43Z"}""";

    final WireMockServer server = new WireMockServer(options().dynamicPort());

    GitHubApiStub() {
        server.start();
    }

    String baseUrl() {
        return server.baseUrl();
    }

    /** GitHub knows the repository octocat/hello-world. */
    void knowsTheRepository() {
        server.stubFor(get(urlPathEqualTo("/repos/" + REPO)).willReturn(json(200, REPOSITORY)));
    }

    void onGet(String path, ResponseDefinitionBuilder response) {
        server.stubFor(get(urlPathEqualTo(path)).willReturn(response));
    }

    void onPost(String path, ResponseDefinitionBuilder response) {
        server.stubFor(post(urlPathEqualTo(path)).willReturn(response));
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8")
                .withHeader("X-GitHub-Api-Version-Selected", "2022-11-28").withBody(body);
    }

    /** GitHub's error answer: {@code {"message": ..., "documentation_url": ..., "status": ...}}. */
    static ResponseDefinitionBuilder error(int status, String message) {
        return json(status, "{\"message\": \"" + message + "\", \"documentation_url\":"
                + " \"https://docs.github.com/rest\", \"status\": \"" + status + "\"}");
    }

    List<LoggedRequest> requests() {
        return server.findAll(anyRequestedFor(anyUrl()));
    }

    /** The requests received, as "METHOD url". */
    List<String> requestLines() {
        return requests().stream().map(request -> request.getMethod().getName() + " " + request.getUrl()).toList();
    }

    void reset() {
        server.resetAll();
    }

    @Override
    public void close() {
        server.stop();
    }
}
