package dev.rig.pack.github;

import dev.rig.spi.Pack;
import dev.rig.spi.PackEnvironment;
import dev.rig.spi.Tool;
import java.util.List;

/** The {@code github} pack: create issues, comment on them, open and list pull requests. */
public final class GitHubPack implements Pack {

    @Override
    public String id() {
        return "github";
    }

    @Override
    public String version() {
        return "0.1.0";
    }

    @Override
    public String description() {
        return "Creates and comments on GitHub issues and opens and lists pull requests, on github.com or GitHub"
                + " Enterprise Server, with a token (GITHUB_TOKEN), through the github-api library.";
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException when {@code base_url} is not an https URL (http only for a
     *     loopback host)
     */
    @Override
    public List<Tool> tools(PackEnvironment environment) {
        GitHubApi github = new GitHubApi(GitHubApi.baseUrl(environment));
        return List.of(
                new CreateIssueTool(github),
                new CommentOnIssueTool(github),
                new CreatePullRequestTool(github),
                new ListPullRequestsTool(github));
    }
}
