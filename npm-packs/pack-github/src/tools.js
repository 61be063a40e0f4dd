// The pack's four tools: the ToolDef of each (names, descriptions, schemas, risk classes and
// examples as in RIG's Java github pack) and what it does with one GitHub request.
//
// Unlike the Java pack, which reads the repository first because its library needs the
// repository object, each tool here sends only the request its description names; a 404 therefore
// names everything that may be missing (the repository, or the issue).

import { failure } from "./failure.js";
import { GitHub, REPO_PATTERN, repository } from "./github.js";
import { TOKEN_SLOT } from "./token.js";

const REPO_PROPERTY = { type: "string", pattern: REPO_PATTERN,
  description: "The repository as owner/name, such as octocat/hello-world." };
const REPO_MISSING_HINT = "check repo (owner/name); GitHub also answers 404 for a private repository the token"
    + " cannot read";
const DEFAULT_BASE = "main";
const DEFAULT_STATE = "open";
const DEFAULT_LIMIT = 20;

/** A created issue or pull request: number, web page and state, null where GitHub gives none. */
const CREATED_OUTPUT = (number, url) => ({
  type: "object",
  properties: {
    number: { type: "integer", description: number },
    url: { type: ["string", "null"], description: url },
    state: { type: ["string", "null"], description: "open (or closed)." },
  },
  required: ["number", "url", "state"],
  additionalProperties: false,
});

const createIssue = {
  definition: {
    name: "github.issues.create",
    description: "Opens an issue in a GitHub repository, with an optional Markdown body and labels"
        + " (POST /repos/{owner}/{repo}/issues). Labels need push access; GitHub drops them"
        + " otherwise. Not retried: a repeated call opens a second issue.",
    risk_class: "write",
    auth_slots: [TOKEN_SLOT],
    tags: ["github", "issues"],
    input_schema: {
      type: "object",
      properties: {
        repo: REPO_PROPERTY,
        title: { type: "string", minLength: 1, maxLength: 256 },
        body: { type: "string", maxLength: 65536, description: "Markdown." },
        labels: { type: "array", maxItems: 100, uniqueItems: true,
          items: { type: "string", minLength: 1, maxLength: 50 },
          description: "Label names; missing labels are created." },
      },
      required: ["repo", "title"],
      additionalProperties: false,
    },
    output_schema: CREATED_OUTPUT("The issue number in the repository.", "The issue's web page."),
    examples: [{
      name: "bug", description: "File a bug with a label.",
      input: { repo: "octocat/hello-world", title: "Login fails on Safari", body: "Steps to reproduce: ...",
        labels: ["bug"] },
      output: { number: 1347, url: "https://github.com/octocat/hello-world/issues/1347", state: "open" },
    }],
  },
  async run(args, github) {
    const where = repository(args.repo);
    const issue = await github.ask({
      doing: `create an issue in ${args.repo}`,
      missing: `GitHub has no repository ${args.repo} that ${TOKEN_SLOT} can see`,
      missingHint: REPO_MISSING_HINT,
      permission: "Issues: read and write",
    }, (rest, headers) => rest.issues.create({ ...where, title: text(args, "title"), body: optionalText(args, "body"),
      labels: args.labels, headers }), hasNumber);
    return created(issue);
  },
};

const commentOnIssue = {
  definition: {
    name: "github.issues.comment",
    description: "Adds a Markdown comment to an issue or pull request"
        + " (POST /repos/{owner}/{repo}/issues/{issue_number}/comments). Not retried: a repeated call"
        + " comments twice.",
    risk_class: "write",
    auth_slots: [TOKEN_SLOT],
    tags: ["github", "issues"],
    input_schema: {
      type: "object",
      properties: {
        repo: REPO_PROPERTY,
        issue_number: { type: "integer", minimum: 1, description: "The issue's or pull request's number." },
        body: { type: "string", minLength: 1, maxLength: 65536, description: "Markdown." },
      },
      required: ["repo", "issue_number", "body"],
      additionalProperties: false,
    },
    output_schema: {
      type: "object",
      properties: {
        id: { type: "integer", description: "The comment's id." },
        url: { type: ["string", "null"], description: "The comment's web page." },
      },
      required: ["id", "url"],
      additionalProperties: false,
    },
    examples: [{
      name: "triage", description: "Ask for details on an issue.",
      input: { repo: "octocat/hello-world", issue_number: 1347, body: "Thanks! Which Safari version?" },
      output: { id: 1, url: "https://github.com/octocat/hello-world/issues/1347#issuecomment-1" },
    }],
  },
  async run(args, github) {
    const where = repository(args.repo);
    const number = args.issue_number;
    if (!Number.isInteger(number) || number < 1) {
      throw failure("validation_error", `issue_number must be a whole number from 1, got ${JSON.stringify(number)}`,
          { hints: ["issue_number is the number shown after # on GitHub"] });
    }
    const comment = await github.ask({
      doing: `comment on #${number} of ${args.repo}`,
      missing: `GitHub has no issue or pull request #${number} in ${args.repo} that ${TOKEN_SLOT} can see`,
      missingHint: "check issue_number (the number shown after # on GitHub) and repo; GitHub also answers 404 for a"
          + " private repository the token cannot read",
      permission: "Issues: read and write (Pull requests: read and write for a pull request)",
    }, (rest, headers) => rest.issues.createComment({ ...where, issue_number: number, body: text(args, "body"),
      headers }),
    (data) => isObject(data) && Number.isInteger(data.id));
    return { id: comment.id, url: urlOf(comment) };
  },
};

const createPullRequest = {
  definition: {
    name: "github.pulls.create",
    description: "Opens a pull request that merges head into base (POST /repos/{owner}/{repo}/pulls)."
        + " A pull request that already exists for the branches is a conflict. Not retried.",
    risk_class: "write",
    auth_slots: [TOKEN_SLOT],
    tags: ["github", "pulls"],
    input_schema: {
      type: "object",
      properties: {
        repo: REPO_PROPERTY,
        title: { type: "string", minLength: 1, maxLength: 256 },
        head: { type: "string", minLength: 1, maxLength: 255,
          description: "The branch with the changes; owner:branch for a fork." },
        base: { type: "string", minLength: 1, maxLength: 255, default: DEFAULT_BASE,
          description: "The branch to merge into." },
        body: { type: "string", maxLength: 65536, description: "Markdown." },
      },
      required: ["repo", "title", "head"],
      additionalProperties: false,
    },
    output_schema: CREATED_OUTPUT("The pull request number.", "The pull request's web page."),
    examples: [{
      name: "feature", description: "Propose a feature branch for main.",
      input: { repo: "octocat/hello-world", title: "Add dark mode", head: "dark-mode", body: "Closes #1347" },
      output: { number: 1348, url: "https://github.com/octocat/hello-world/pull/1348", state: "open" },
    }],
  },
  async run(args, github) {
    const where = repository(args.repo);
    const head = text(args, "head");
    const base = optionalText(args, "base") ?? DEFAULT_BASE;
    const pull = await github.ask({
      doing: `open a pull request from ${head} into ${base} in ${args.repo}`,
      missing: `GitHub has no repository ${args.repo} that ${TOKEN_SLOT} can see`,
      missingHint: REPO_MISSING_HINT,
      permission: "Pull requests: read and write",
    }, (rest, headers) => rest.pulls.create({ ...where, title: text(args, "title"), head, base,
      body: optionalText(args, "body"),
      // as the Java pack (and GitHub's web page) does: maintainers may push to a fork's branch
      maintainer_can_modify: true, headers }), hasNumber);
    return created(pull);
  },
};

const listPullRequests = {
  definition: {
    name: "github.pulls.list",
    description: "Lists a repository's pull requests, newest first, at most limit of them"
        + " (GET /repos/{owner}/{repo}/pulls).",
    risk_class: "read",
    auth_slots: [TOKEN_SLOT],
    tags: ["github", "pulls"],
    input_schema: {
      type: "object",
      properties: {
        repo: REPO_PROPERTY,
        state: { enum: ["open", "closed", "all"], default: DEFAULT_STATE },
        limit: { type: "integer", minimum: 1, maximum: 100, default: DEFAULT_LIMIT },
      },
      required: ["repo"],
      additionalProperties: false,
    },
    output_schema: {
      type: "object",
      properties: {
        pull_requests: { type: "array", items: {
          type: "object",
          properties: {
            number: { type: "integer" },
            title: { type: ["string", "null"] },
            state: { type: ["string", "null"], description: "open or closed (merged ones are closed)." },
            url: { type: ["string", "null"], description: "The pull request's web page." },
          },
          required: ["number", "title", "state", "url"],
          additionalProperties: false } },
      },
      required: ["pull_requests"],
      additionalProperties: false,
    },
    examples: [{
      name: "open", description: "The two newest open pull requests.",
      input: { repo: "octocat/hello-world", limit: 2 },
      output: { pull_requests: [
        { number: 1348, title: "Add dark mode", state: "open",
          url: "https://github.com/octocat/hello-world/pull/1348" },
        { number: 1290, title: "Fix typo in README", state: "open",
          url: "https://github.com/octocat/hello-world/pull/1290" }] },
    }],
  },
  async run(args, github) {
    const where = repository(args.repo);
    const state = args.state ?? DEFAULT_STATE;
    if (!["open", "closed", "all"].includes(state)) {
      throw failure("validation_error", `state must be open, closed or all, got ${JSON.stringify(state)}`);
    }
    const limit = args.limit ?? DEFAULT_LIMIT;
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
      throw failure("validation_error", `limit must be a whole number from 1 to 100, got ${JSON.stringify(limit)}`);
    }
    const page = await github.ask({
      doing: `list the pull requests of ${args.repo}`,
      missing: `GitHub has no repository ${args.repo} that ${TOKEN_SLOT} can see`,
      missingHint: REPO_MISSING_HINT,
      permission: "Pull requests: read",
    }, (rest, headers) => rest.pulls.list({ ...where, state, per_page: limit, headers }),
    (data) => Array.isArray(data) && data.every(hasNumber));
    return { pull_requests: page.slice(0, limit).map((pull) => ({
      number: pull.number, title: textOrNull(pull.title), state: stateOf(pull), url: urlOf(pull) })) };
  },
};

/** The tools by name. */
export const TOOLS = new Map([createIssue, commentOnIssue, createPullRequest, listPullRequests]
    .map((tool) => [tool.definition.name, tool]));

/** Runs the tool `name` for one call. */
export async function invoke(name, args, context) {
  const tool = TOOLS.get(name);
  if (tool === undefined) {
    throw failure("not_found", `the github pack has no tool ${name}`,
        { hints: [`its tools are ${[...TOOLS.keys()].join(", ")}`] });
  }
  return tool.run(args ?? {}, new GitHub(context));
}

function text(args, name) {
  const value = args[name];
  if (typeof value !== "string" || value === "") {
    throw failure("validation_error", `${name} must be a non-empty string`);
  }
  return value;
}

function optionalText(args, name) {
  return args[name] === undefined || args[name] === null ? undefined : text(args, name);
}

function isObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function hasNumber(data) {
  return isObject(data) && Number.isInteger(data.number);
}

function created(item) {
  return { number: item.number, url: urlOf(item), state: stateOf(item) };
}

/** The web page of an issue, comment or pull request (html_url), or null. */
function urlOf(item) {
  return textOrNull(item.html_url);
}

/** open or closed, or null when GitHub sent no state it documents. */
function stateOf(item) {
  const state = typeof item.state === "string" ? item.state.toLowerCase() : null;
  return state === "open" || state === "closed" ? state : null;
}

function textOrNull(value) {
  return typeof value === "string" ? value : null;
}
