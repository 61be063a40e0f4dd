package dev.rig.pack.github;

import dev.rig.spi.RiskClass;
import dev.rig.spi.Tool;
import dev.rig.spi.ToolCall;
import dev.rig.spi.ToolDef;
import dev.rig.spi.ToolException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kohsuke.github.GHIssue;
import org.kohsuke.github.GHIssueBuilder;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.GitHub;

/** {@code github.issues.create}: opens an issue in a repository. */
final class CreateIssueTool implements Tool {

    private static final ToolDef DEFINITION = ToolDef.builder("github.issues.create")
            .description("Opens an issue in a GitHub repository, with an optional Markdown body and labels"
                    + " (POST /repos/{owner}/{repo}/issues). Labels need push access; GitHub drops them"
                    + " otherwise. Not retried: a repeated call opens a second issue.")
            .risk(RiskClass.WRITE)
            .authSlots(GitHubApi.TOKEN_SLOT)
            .tags("github", "issues")
            .inputSchema("""
                    {
                      "type": "object",
                      "properties": {
                        "repo": {"type": "string", "pattern": "%s",
                                 "description": "The repository as owner/name, such as octocat/hello-world."},
                        "title": {"type": "string", "minLength": 1, "maxLength": 256},
                        "body": {"type": "string", "maxLength": 65536, "description": "Markdown."},
                        "labels": {"type": "array", "maxItems": 100, "uniqueItems": true,
                                   "items": {"type": "string", "minLength": 1, "maxLength": 50},
                                   "description": "Label names; missing labels are created."}
                      },
                      "required": ["repo", "title"],
                      "additionalProperties": false
                    }""".formatted(GitHubApi.REPO_PATTERN))
            .outputSchema("""
                    {
                      "type": "object",
                      "properties": {
                        "number": {"type": "integer", "description": "The issue number in the repository."},
                        "url": {"type": ["string", "null"], "description": "The issue's web page."},
                        "state": {"type": ["string", "null"], "description": "open (or closed)."}
                      },
                      "required": ["number", "url", "state"],
                      "additionalProperties": false
                    }""")
            .example("bug", "File a bug with a label.", """
                    {"repo": "octocat/hello-world", "title": "Login fails on Safari",
                     "body": "Steps to reproduce: ...", "labels": ["bug"]}""", """
                    {"number": 1347, "url": "https://github.com/octocat/hello-world/issues/1347", "state": "open"}""")
            .build();

    private final GitHubApi api;

    CreateIssueTool(GitHubApi api) {
        this.api = api;
    }

    @Override
    public ToolDef definition() {
        return DEFINITION;
    }

    @Override
    public Map<String, Object> invoke(ToolCall call) throws ToolException, InterruptedException {
        String repo = call.string("repo");
        GitHub github = api.connect(call);
        GHRepository repository = api.repository(github, repo);
        GHIssue issue = api.run(github, new GitHubErrors.Action("create an issue in " + repo,
                        "GitHub answered 404 to creating an issue in " + repo,
                        "the token can read " + repo + " but may not write to it", "Issues: read and write"),
                client -> {
                    GHIssueBuilder builder = repository.createIssue(call.string("title")).body(call.string("body"));
                    if (call.args().get("labels") instanceof List<?> labels) {
                        labels.forEach(label -> builder.label(String.valueOf(label)));
                    }
                    return builder.create();
                });
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("number", issue.getNumber());
        output.put("url", Outputs.url(issue.getHtmlUrl()));
        output.put("state", Outputs.state(issue));
        return output;
    }
}
