package dev.rig.pack.github;

import dev.rig.spi.RiskClass;
import dev.rig.spi.Tool;
import dev.rig.spi.ToolCall;
import dev.rig.spi.ToolDef;
import dev.rig.spi.ToolException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.kohsuke.github.GHIssueState;
import org.kohsuke.github.GHPullRequest;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.GitHub;

/** {@code github.pulls.list}: the newest pull requests of a repository, one page. */
final class ListPullRequestsTool implements Tool {

    static final int DEFAULT_LIMIT = 20;

    private static final ToolDef DEFINITION = ToolDef.builder("github.pulls.list")
            .description("Lists a repository's pull requests, newest first, at most limit of them"
                    + " (GET /repos/{owner}/{repo}/pulls).")
            .risk(RiskClass.READ)
            .authSlots(GitHubApi.TOKEN_SLOT)
            .tags("github", "pulls")
            .inputSchema("""
                    {
                      "type": "object",
                      "properties": {
                        "repo": {"type": "string", "pattern": "%s",
                                 "description": "The repository as owner/name, such as octocat/hello-world."},
                        "state": {"enum": ["open", "closed", "all"], "default": "open"},
                        "limit": {"type": "integer", "minimum": 1, "maximum": 100, "default": 20}
                      },
                      "required": ["repo"],
                      "additionalProperties": false
                    }""".formatted(GitHubApi.REPO_PATTERN))
            .outputSchema("""
                    {
                      "type": "object",
                      "properties": {
                        "pull_requests": {"type": "array", "items": {
                          "type": "object",
                          "properties": {
                            "number": {"type": "integer"},
                            "title": {"type": ["string", "null"]},
                            "state": {"type": ["string", "null"], "description": "open or closed (merged ones are closed)."},
                            "url": {"type": ["string", "null"], "description": "The pull request's web page."}
                          },
                          "required": ["number", "title", "state", "url"],
                          "additionalProperties": false}}
                      },
                      "required": ["pull_requests"],
                      "additionalProperties": false
                    }""")
            .example("open", "The two newest open pull requests.", """
                    {"repo": "octocat/hello-world", "limit": 2}""", """
                    {"pull_requests": [
                      {"number": 1348, "title": "Add dark mode", "state": "open",
                       "url": "https://github.com/octocat/hello-world/pull/1348"},
                      {"number": 1290, "title": "Fix typo in README", "state": "open",
                       "url": "https://github.com/octocat/hello-world/pull/1290"}]}""")
            .build();

    private final GitHubApi api;

    ListPullRequestsTool(GitHubApi api) {
        this.api = api;
    }

    @Override
    public ToolDef definition() {
        return DEFINITION;
    }

    @Override
    public Map<String, Object> invoke(ToolCall call) throws ToolException, InterruptedException {
        String repo = call.string("repo");
        GHIssueState state = call.string("state") == null ? GHIssueState.OPEN
                : GHIssueState.valueOf(call.string("state").toUpperCase(Locale.ROOT));
        int limit = call.args().get("limit") instanceof Number number ? number.intValue() : DEFAULT_LIMIT;
        GitHub github = api.connect(call);
        GHRepository repository = api.repository(github, repo);
        List<GHPullRequest> page = api.run(github, new GitHubErrors.Action("list the pull requests of " + repo,
                        "GitHub answered 404 to listing the pull requests of " + repo,
                        "check that " + repo + " is the repository you mean", "Pull requests: read"),
                client -> repository.queryPullRequests().state(state).list().withPageSize(limit).iterator()
                        .nextPage());
        List<Map<String, Object>> pulls = new ArrayList<>();
        for (GHPullRequest pull : page.subList(0, Math.min(limit, page.size()))) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("number", pull.getNumber());
            item.put("title", pull.getTitle());
            item.put("state", Outputs.state(pull));
            item.put("url", Outputs.url(pull.getHtmlUrl()));
            pulls.add(item);
        }
        return Map.of("pull_requests", pulls);
    }
}
