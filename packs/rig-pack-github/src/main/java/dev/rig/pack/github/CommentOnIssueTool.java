package dev.rig.pack.github;

import dev.rig.spi.RiskClass;
import dev.rig.spi.Tool;
import dev.rig.spi.ToolCall;
import dev.rig.spi.ToolDef;
import dev.rig.spi.ToolException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.kohsuke.github.GHIssue;
import org.kohsuke.github.GHIssueComment;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.GitHub;

/** {@code github.issues.comment}: adds a comment to an issue or pull request. */
final class CommentOnIssueTool implements Tool {

    private static final ToolDef DEFINITION = ToolDef.builder("github.issues.comment")
            .description("Adds a Markdown comment to an issue or pull request"
                    + " (POST /repos/{owner}/{repo}/issues/{issue_number}/comments). Not retried: a repeated call"
                    + " comments twice.")
            .risk(RiskClass.WRITE)
            .authSlots(GitHubApi.TOKEN_SLOT)
            .tags("github", "issues")
            .inputSchema("""
                    {
                      "type": "object",
                      "properties": {
                        "repo": {"type": "string", "pattern": "%s",
                                 "description": "The repository as owner/name, such as octocat/hello-world."},
                        "issue_number": {"type": "integer", "minimum": 1,
                                         "description": "The issue's or pull request's number."},
                        "body": {"type": "string", "minLength": 1, "maxLength": 65536, "description": "Markdown."}
                      },
                      "required": ["repo", "issue_number", "body"],
                      "additionalProperties": false
                    }""".formatted(GitHubApi.REPO_PATTERN))
            .outputSchema("""
                    {
                      "type": "object",
                      "properties": {
                        "id": {"type": "integer", "description": "The comment's id."},
                        "url": {"type": ["string", "null"], "description": "The comment's web page."}
                      },
                      "required": ["id", "url"],
                      "additionalProperties": false
                    }""")
            .example("triage", "Ask for details on an issue.", """
                    {"repo": "octocat/hello-world", "issue_number": 1347,
                     "body": "Thanks! Which Safari version?"}""", """
                    {"id": 1, "url": "https://github.com/octocat/hello-world/issues/1347#issuecomment-1"}""")
            .build();

    private final GitHubApi api;

    CommentOnIssueTool(GitHubApi api) {
        this.api = api;
    }

    @Override
    public ToolDef definition() {
        return DEFINITION;
    }

    @Override
    public Map<String, Object> invoke(ToolCall call) throws ToolException, InterruptedException {
        String repo = call.string("repo");
        int number = ((Number) call.args().get("issue_number")).intValue();
        GitHub github = api.connect(call);
        GHRepository repository = api.repository(github, repo);
        GHIssue issue = api.run(github, new GitHubErrors.Action("read issue #" + number + " of " + repo,
                        "GitHub has no issue or pull request #" + number + " in " + repo,
                        "check issue_number; it is the number shown after # on GitHub", "Issues: read"),
                client -> repository.getIssue(number));
        GHIssueComment comment = api.run(github, new GitHubErrors.Action("comment on #" + number + " of " + repo,
                        "GitHub answered 404 to commenting on #" + number + " of " + repo,
                        "the token can read " + repo + " but may not write to it",
                        "Issues: read and write (Pull requests: read and write for a pull request)"),
                client -> issue.comment(call.string("body")));
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("id", comment.getId());
        output.put("url", Outputs.url(comment.getHtmlUrl()));
        return output;
    }
}
