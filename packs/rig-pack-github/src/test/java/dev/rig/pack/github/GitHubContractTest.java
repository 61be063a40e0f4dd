package dev.rig.pack.github;

import static dev.rig.pack.github.GitHubApiStub.json;

import dev.rig.testkit.PackContract;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** The github pack keeps the pack contract (testkit); the stub answers each example as GitHub would. */
class GitHubContractTest {

    private static final GitHubApiStub github = new GitHubApiStub();

    @AfterAll
    static void stop() {
        github.close();
    }

    @TestFactory
    Stream<DynamicTest> contract(@TempDir Path dir) {
        github.knowsTheRepository();
        github.onPost("/repos/octocat/hello-world/issues", json(201, """
                {"id": 1, "number": 1347, "state": "open", "title": "Login fails on Safari",
                 "html_url": "https://github.com/octocat/hello-world/issues/1347"}"""));
        github.onGet("/repos/octocat/hello-world/issues/1347", json(200, """
                {"id": 1, "number": 1347, "state": "open", "title": "Login fails on Safari",
                 "html_url": "https://github.com/octocat/hello-world/issues/1347"}"""));
        github.onPost("/repos/octocat/hello-world/issues/1347/comments", json(201, """
                {"id": 1, "body": "Thanks! Which Safari version?",
                 "html_url": "https://github.com/octocat/hello-world/issues/1347#issuecomment-1"}"""));
        github.onPost("/repos/octocat/hello-world/pulls", json(201, """
                {"id": 2, "number": 1348, "state": "open", "title": "Add dark mode",
                 "html_url": "https://github.com/octocat/hello-world/pull/1348"}"""));
        github.onGet("/repos/octocat/hello-world/pulls", json(200, """
                [{"id": 2, "number": 1348, "state": "open", "title": "Add dark mode",
                  "html_url": "https://github.com/octocat/hello-world/pull/1348"},
                 {"id": 3, "number": 1290, "state": "open", "title": "Fix typo in README",
                  "html_url": "https://github.com/octocat/hello-world/pull/1290"}]"""));
        return PackContract.of(new GitHubPack())
                .settings(Map.of("base_url", github.baseUrl()))
                .secrets(Map.of(GitHubApi.TOKEN_SLOT, InstalledGitHubPack.TOKEN))
                .workingDirectory(dir)
                .tests();
    }
}
