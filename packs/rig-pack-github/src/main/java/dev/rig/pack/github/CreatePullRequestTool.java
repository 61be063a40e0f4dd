package dev.rig.pack.github;

import dev.rig.spi.RiskClass;
import dev.rig.spi.Tool;
import dev.rig.spi.ToolCall;
import dev.rig.spi.ToolDef;
import dev.rig.spi.ToolException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.kohsuke.github.GHPullRequest;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.GitHub;

/** {@code github.pulls.create}: opens a pull request from one branch into another. */
final class CreatePullRequestTool implements Tool {

    static final String DEFAULT_BASE = "main";

    private static final ToolDef DEFINITION = ToolDef.builder("github.pulls.create")
            .description("Opens a pull request that merges head into base (POST /repos/{owner}/{repo}/pulls)."
                    + " A pull request that already exists for the branches is a conflict. Not retried.")
            .risk(RiskClass.WRITE)
            .authSlots(GitHubApi.TOKEN_SLOT)
            .tags("github", "pulls")
            .inputSchema("""
                    {
                      "type": "object",
                      "properties": {
                        "repo": {"type": "string", "pattern": "%s",
                                 "description": "The repository as owner/name, such as octocat/hello-world."},
                        "title": {"type": "string", "minLength": 1, "maxLength": 256},
                        "head": {"type": "string", "minLength": 1, "maxLength": 255,
                                 "description": "The branch with the changes; owner:branch for a fork."},
                        "base": {"type": "string", "minLength": 1, "maxLength": 255, "default": "main",
                                 "description": "The branch to merge into."},
                        "body": {"type": "string", "maxLength": 65536, "description": "Markdown."}
                      },
                      "required": ["repo", "title", "head"],
                      "additionalProperties": false
                    }""".formatted(GitHubApi.REPO_PATTERN))
            .outputSchema("""
                    {
                      "type": "object",
                      "properties": {
                        "number": {"type": "integer", "description": "The pull request number."},
                        "url": {"type": ["string", "null"], "description": "The pull request's web page."},
                        "state": {"type": ["string", "null"], "description": "open (or closed)."}
                      },
                      "required": ["number", "url", "state"],
                      "additionalProperties": false
                    }""")
            .example("feature", "Propose a feature branch for main.", """
                    {"repo": "octocat/hello-world", "title": "Add dark mode", "head": "dark-mode",
                     "body": "Closes #1347"}""", """
                    {"number": 1348, "url": "https://github.com/octocat/hello-world/pull/1348", "state": "open"}""")
            .build();

    private final GitHubApi api;

    CreatePullRequestTool(GitHubApi api) {
        this.api = api;
    }

    @Override
    public ToolDef definition() {
        return DEFINITION;
    }

    @Override
    public Map<String, Object> invoke(ToolCall call) throws ToolException, InterruptedException {
        String repo = call.string("repo");
        String head = call.string("head");
        String base = call.string("base") == null ? DEFAULT_BASE : call.string("base");
        GitHub github = api.connect(call);
        GHRepository repository = api.repository(github, repo);
        GHPullRequest pull = api.run(github, new GitHubErrors.Action(
                        "open a pull request from " + head + " into " + base + " in " + repo,
                        "GitHub answered 404 to opening a pull request in " + repo,
                        "the token can read " + repo + " but may not write to it", "Pull requests: read and write"),
                client -> repository.createPullRequest(call.string("title"), head, base, call.string("body")));
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("number", pull.getNumber());
        output.put("url", Outputs.url(pull.getHtmlUrl()));
        output.put("state", Outputs.state(pull));
        return output;
    }
}
