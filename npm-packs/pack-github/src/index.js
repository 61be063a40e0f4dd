// @rig/pack-github: RIG's github pack for the Node runner. Creates and comments on issues and
// opens and lists pull requests, on github.com or GitHub Enterprise Server, with the token in the
// GITHUB_TOKEN auth slot, through Octokit. A port of RIG's Java github pack: same tools.

import { TOOLS, invoke } from "./tools.js";

export function rigPack() {
  return {
    id: "github",
    version: "0.1.0",
    description: "Creates and comments on GitHub issues and opens and lists pull requests, on github.com or GitHub"
        + " Enterprise Server, with a token (GITHUB_TOKEN), through Octokit (@octokit/rest).",
  };
}

/** The four ToolDefs; copies, so a caller that edits one changes nothing here. */
export function rigTools() {
  return [...TOOLS.values()].map((tool) => structuredClone(tool.definition));
}

/** Runs one call; settings.base_url picks the GitHub, context.signal stops the request. */
export async function rigInvoke(name, args, context) {
  return invoke(name, args, context);
}
