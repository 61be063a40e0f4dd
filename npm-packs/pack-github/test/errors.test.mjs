// GitHub's failures, as the local stand-in answers them the way GitHub does, become the right RTP errors.
import assert from "node:assert/strict";
import { once } from "node:events";
import { createServer } from "node:net";
import { after, beforeEach, test } from "node:test";
import { rigInvoke } from "../src/index.js";
import { DROP, GitHubStub, HOLD, REPO, TOKEN, contextFor, gitHubError, json } from "./github-stub.mjs";

const github = await GitHubStub.start();
after(() => github.close());
beforeEach(() => github.reset());

const ISSUE = { repo: REPO, title: "Found a bug" };
const PULL = { repo: REPO, title: "Feature", head: "feature" };
const LIST = { repo: REPO };
const ISSUES = "/repos/octocat/hello-world/issues";
const PULLS = "/repos/octocat/hello-world/pulls";
// a request the stub holds must not hang the run when the pack fails to stop it
const HELD = { timeout: 5_000 };

/** The error a call fails with; it must be typed, and must not carry the token anywhere. */
async function failureOf(name, args, context = contextFor(github.baseUrl)) {
  try {
    await rigInvoke(name, args, context);
  } catch (error) {
    assert.equal(typeof error.type, "string", `an RTP error, not ${error.stack}`);
    const shown = JSON.stringify({ message: error.message, ...error });
    assert.equal(shown.includes(TOKEN), false, "the token must not be in the error");
    return error;
  }
  assert.fail(`${name} should have failed`);
}

test("Validation Failed is a validation_error naming the field", async () => {
  github.on("POST", ISSUES, json(422, { message: "Validation Failed",
    errors: [{ resource: "Issue", field: "title", code: "missing_field" }],
    documentation_url: "https://docs.github.com/rest/issues/issues#create-an-issue", status: "422" }));

  const failure = await failureOf("github.issues.create", ISSUE);

  assert.equal(failure.type, "validation_error");
  assert.equal(failure.retryable, false);
  assert.equal(failure.upstream_code, "Validation Failed");
  assert.equal(failure.message,
      "GitHub could not create an issue in octocat/hello-world: Validation Failed (title: missing_field)");
  assert.deepEqual(failure.remediation_hints, ["see https://docs.github.com/rest/issues/issues#create-an-issue"]);
});

test("a pull request that already exists is a conflict", async () => {
  github.on("POST", PULLS, json(422, { message: "Validation Failed",
    errors: [{ resource: "PullRequest", code: "custom", message: "A pull request already exists for octocat:feature." }],
    documentation_url: "https://docs.github.com/rest/pulls/pulls#create-a-pull-request", status: "422" }));

  const failure = await failureOf("github.pulls.create", PULL);

  assert.equal(failure.type, "conflict");
  assert.match(failure.message, /A pull request already exists for octocat:feature\./);
});

test("no commits between the branches is a validation_error", async () => {
  github.on("POST", PULLS, json(422, { message: "Validation Failed",
    errors: [{ resource: "PullRequest", code: "custom", message: "No commits between main and feature" }], status: "422" }));

  assert.equal((await failureOf("github.pulls.create", PULL)).type, "validation_error");
});

test("an empty repository is a conflict", async () => {
  github.on("POST", PULLS, gitHubError(409, "Git Repository is empty."));

  const failure = await failureOf("github.pulls.create", PULL);

  assert.equal(failure.type, "conflict");
  assert.equal(failure.upstream_code, "Git Repository is empty.");
});

test("Bad credentials is an auth_error that is never retried", async () => {
  github.on("GET", PULLS, gitHubError(401, "Bad credentials"));

  const failure = await failureOf("github.pulls.list", LIST);

  assert.equal(failure.type, "auth_error");
  assert.equal(failure.retryable, false);
  assert.equal(failure.upstream_code, "Bad credentials");
  assert.ok(failure.remediation_hints.some((hint) => hint.includes("GITHUB_TOKEN")));
  assert.equal(github.requests.length, 1);
});

test("a 403 without rate-limit signs is a permission_error naming the permission", async () => {
  github.on("POST", ISSUES, gitHubError(403, "Resource not accessible by personal access token",
      { "x-ratelimit-limit": "5000", "x-ratelimit-remaining": "4999", "x-ratelimit-reset": "1700000000" }));

  const failure = await failureOf("github.issues.create", ISSUE);

  assert.equal(failure.type, "permission_error");
  assert.equal(failure.retryable, false);
  assert.equal(failure.upstream_code, "Resource not accessible by personal access token");
  assert.ok(failure.remediation_hints.some((hint) => hint.includes("GITHUB_TOKEN") && hint.includes("Issues: read and write")));
});

test("a 403 with no requests remaining is a primary rate limit until the reset, on GitHub's clock", async () => {
  // Date and reset two minutes apart
  github.on("GET", PULLS, gitHubError(403, "API rate limit exceeded for user ID 1.", {
    "x-ratelimit-limit": "5000", "x-ratelimit-remaining": "0", "x-ratelimit-used": "5000",
    "x-ratelimit-reset": "1700000120", date: "Tue, 14 Nov 2023 22:13:20 GMT" }));

  const failure = await failureOf("github.pulls.list", LIST);

  assert.equal(failure.type, "rate_limited");
  assert.equal(failure.retryable, true);
  assert.equal(failure.retry_after_seconds, 120);
  assert.equal(failure.upstream_code, "API rate limit exceeded for user ID 1.");
  assert.match(failure.remediation_hints[0], /hourly request quota/);
  assert.equal(github.requests.length, 1, "Octokit must not wait and send again");
});

test("a 403 with no requests remaining is a rate limit whatever its body says", async () => {
  github.on("GET", PULLS, { status: 403, headers: { "content-type": "text/plain", "x-ratelimit-remaining": "0",
    "x-ratelimit-reset": "1700000030", date: "Tue, 14 Nov 2023 22:13:20 GMT" }, body: "Forbidden" });

  const failure = await failureOf("github.pulls.list", LIST);

  assert.equal(failure.type, "rate_limited");
  assert.equal(failure.retry_after_seconds, 30);
  assert.equal(failure.upstream_code, "rate limit exceeded (HTTP 403)");
});

test("a 429 with Retry-After is a secondary rate limit", async () => {
  github.on("POST", ISSUES, gitHubError(429, "You have exceeded a secondary rate limit.", { "retry-after": "30" }));

  const failure = await failureOf("github.issues.create", ISSUE);

  assert.equal(failure.type, "rate_limited");
  assert.equal(failure.retry_after_seconds, 30);
  assert.deepEqual(github.requestLines(), [`POST ${ISSUES}`]);
});

test("a 403 with Retry-After is a secondary rate limit", async () => {
  github.on("GET", PULLS, gitHubError(403, "You have exceeded a secondary rate limit. Please wait a few minutes.",
      { "retry-after": "60" }));

  const failure = await failureOf("github.pulls.list", LIST);

  assert.equal(failure.type, "rate_limited");
  assert.equal(failure.retry_after_seconds, 60);
});

test("a secondary rate limit without headers waits a minute", async () => {
  github.on("GET", PULLS, gitHubError(403, "You have exceeded a secondary rate limit. Please wait a few minutes."));

  const failure = await failureOf("github.pulls.list", LIST);

  assert.equal(failure.type, "rate_limited");
  assert.equal(failure.retry_after_seconds, 60);
  assert.match(failure.remediation_hints[0], /secondary rate limit/);
});

test("an unknown repository is not_found naming it", async () => {
  const failure = await failureOf("github.issues.create", { repo: "octocat/nope", title: "x" });

  assert.equal(failure.type, "not_found");
  assert.equal(failure.retryable, false);
  assert.equal(failure.upstream_code, "Not Found");
  assert.equal(failure.message, "GitHub has no repository octocat/nope that GITHUB_TOKEN can see (Not Found)");
  assert.ok(failure.remediation_hints.some((hint) => hint.includes("private repository")));
  assert.deepEqual(github.requestLines(), ["POST /repos/octocat/nope/issues"]);
});

test("an unknown issue is not_found naming it", async () => {
  github.on("POST", `${ISSUES}/999/comments`, gitHubError(404, "Not Found"));

  const failure = await failureOf("github.issues.comment", { repo: REPO, issue_number: 999, body: "hi" });

  assert.equal(failure.type, "not_found");
  assert.match(failure.message, /#999 in octocat\/hello-world/);
});

test("disabled issues are not_found", async () => {
  github.on("POST", ISSUES, gitHubError(410, "Issues are disabled for this repo"));

  const failure = await failureOf("github.issues.create", ISSUE);

  assert.equal(failure.type, "not_found");
  assert.equal(failure.upstream_code, "Issues are disabled for this repo");
});

test("server errors are transient", async () => {
  github.on("GET", PULLS, { status: 502, headers: { "content-type": "text/html" },
    body: "<html><head><title>Unicorn! &middot; GitHub</title></head></html>" });
  const badGateway = await failureOf("github.pulls.list", LIST);
  assert.equal(badGateway.type, "transient");
  assert.equal(badGateway.retryable, true);
  assert.equal(badGateway.upstream_code, "HTTP 502");

  github.on("GET", PULLS, gitHubError(500, "Server Error"));
  assert.equal((await failureOf("github.pulls.list", LIST)).type, "transient");
});

test("a refused connection is transient and names where it went", async () => {
  const closed = createServer();
  closed.listen(0, "127.0.0.1");
  await once(closed, "listening");
  const { port } = closed.address();
  closed.close();
  await once(closed, "close");

  const failure = await failureOf("github.pulls.list", LIST, contextFor(`http://127.0.0.1:${port}`));

  assert.equal(failure.type, "transient");
  assert.equal(failure.retryable, true);
  assert.equal(failure.message, `could not reach GitHub at http://127.0.0.1:${port} to list the pull requests of`
      + " octocat/hello-world: the connection was refused or could not be made");
});

test("a dropped connection is transient and the issue is posted once", async () => {
  github.on("POST", ISSUES, DROP);

  const failure = await failureOf("github.issues.create", ISSUE);

  assert.equal(failure.type, "transient");
  assert.deepEqual(github.requestLines(), [`POST ${ISSUES}`]);
});

test("a call whose deadline passes while GitHub is silent is a timeout", HELD, async () => {
  github.on("GET", PULLS, HOLD);
  const deadline = new AbortController();

  const pending = failureOf("github.pulls.list", LIST, contextFor(github.baseUrl, { signal: deadline.signal }));
  await github.held;
  deadline.abort(new DOMException("the call's deadline passed", "TimeoutError"));
  const failure = await pending;

  assert.equal(failure.type, "timeout");
  assert.equal(failure.message, "GitHub did not answer in time to list the pull requests of octocat/hello-world");
  assert.equal(github.requests.length, 1);
});

test("a cancelled call stops its request", HELD, async () => {
  github.on("POST", ISSUES, HOLD);
  const cancel = new AbortController();

  const pending = failureOf("github.issues.create", ISSUE, contextFor(github.baseUrl, { signal: cancel.signal }));
  await github.held;
  cancel.abort();
  const failure = await pending;

  assert.equal(failure.type, "timeout");
  assert.match(failure.message, /cancelled/);
  assert.equal(failure.retryable, false);
});

test("an answer that is not GitHub's JSON is an upstream_error", async () => {
  github.on("GET", PULLS, { status: 200, headers: { "content-type": "text/html" }, body: "<html>captive portal</html>" });

  const failure = await failureOf("github.pulls.list", LIST);

  assert.equal(failure.type, "upstream_error");
  assert.match(failure.remediation_hints[0], /base_url/);
});

test("a missing token is an auth_error naming GITHUB_TOKEN, before anything is sent", async () => {
  const failure = await failureOf("github.pulls.list", LIST, contextFor(github.baseUrl, { token: null }));

  assert.equal(failure.type, "auth_error");
  assert.equal(failure.message, "secret GITHUB_TOKEN is not set");
  assert.match(failure.remediation_hints[0], /set GITHUB_TOKEN in the environment or in \.rig\/secrets\.env/);
  assert.deepEqual(github.requests, []);
});

test("a token with a line break is an auth_error, before anything is sent", async () => {
  const failure = await failureOf("github.pulls.list", LIST, contextFor(github.baseUrl, { token: `${TOKEN}\nX-Injected: 1` }));

  assert.equal(failure.type, "auth_error");
  assert.ok(failure.remediation_hints.some((hint) => hint.includes("GITHUB_TOKEN")));
  assert.deepEqual(github.requests, []);
});

test("a repo that is not owner/name is refused before anything is sent", async () => {
  for (const repo of ["octocat", "octocat/hello/world", "octocat/..", "-octo/x", undefined]) {
    assert.equal((await failureOf("github.pulls.list", { repo })).type, "validation_error", String(repo));
  }
  assert.deepEqual(github.requests, []);
});
