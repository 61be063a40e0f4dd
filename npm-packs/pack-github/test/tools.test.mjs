// Each tool against a local stand-in for GitHub's REST API: the exact request Octokit sends, and the output.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, beforeEach, describe, test } from "node:test";
import { rigInvoke, rigPack, rigTools } from "../src/index.js";
import { GitHubStub, REPO, TOKEN, contextFor, json } from "./github-stub.mjs";

const github = await GitHubStub.start();
after(() => github.close());
beforeEach(() => github.reset());

const call = (name, args, baseUrl = github.baseUrl) => rigInvoke(name, args, contextFor(baseUrl));

/** Every request carries the token and pins the API version, as GitHub documents. */
function assertGitHubHeaders(request) {
  assert.equal(request.headers.authorization, `token ${TOKEN}`);
  assert.equal(request.headers.accept, "application/vnd.github+json");
  assert.equal(request.headers["x-github-api-version"], "2022-11-28");
  assert.match(request.headers["user-agent"], /^rig-pack-github\/0\.1\.0 octokit/);
}

describe("the pack's definitions", () => {
  test("rigPack names the github pack", () => {
    const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));

    assert.equal(rigPack().id, "github");
    assert.equal(rigPack().version, manifest.version);
    assert.match(rigPack().description, /GITHUB_TOKEN/);
  });

  test("rigTools gives the Java pack's four tools, with their risks and the GITHUB_TOKEN slot", () => {
    const tools = rigTools();

    assert.deepEqual(tools.map((tool) => [tool.name, tool.risk_class]), [
      ["github.issues.create", "write"], ["github.issues.comment", "write"],
      ["github.pulls.create", "write"], ["github.pulls.list", "read"]]);
    for (const tool of tools) {
      assert.deepEqual(tool.auth_slots, ["GITHUB_TOKEN"], tool.name);
      assert.equal(tool.input_schema.additionalProperties, false, tool.name);
      assert.equal(tool.output_schema.additionalProperties, false, tool.name);
      assert.ok(tool.input_schema.required.includes("repo"), tool.name);
      assert.equal(tool.examples.length, 1, tool.name);
    }
  });

  test("the repo pattern accepts owner/name and nothing else", () => {
    const pattern = new RegExp(rigTools()[0].input_schema.properties.repo.pattern);

    for (const good of ["octocat/hello-world", "a/b", "octo-cat/x.y_z", "o/.github"]) {
      assert.ok(pattern.test(good), good);
    }
    for (const bad of ["octocat", "octocat/hello/world", "octocat/..", "octocat/.", "-octo/x", "octo cat/x", ""]) {
      assert.ok(!pattern.test(bad), bad);
    }
  });

  test("rigTools hands out copies", () => {
    rigTools()[0].input_schema.required.push("changed");

    assert.deepEqual(rigTools()[0].input_schema.required, ["repo", "title"]);
  });
});

describe("github.issues.create", () => {
  test("opens an issue with body and labels in one request", async () => {
    github.on("POST", "/repos/octocat/hello-world/issues", json(201, {
      id: 1, node_id: "MDU6SXNzdWUx", url: "https://api.github.com/repos/octocat/hello-world/issues/1347",
      html_url: "https://github.com/octocat/hello-world/issues/1347", number: 1347, state: "open",
      title: "Found a bug", body: "I'm having a problem with this.", user: { login: "octocat", id: 1 },
      labels: [{ id: 208045946, name: "bug" }], locked: false, comments: 0, created_at: "2011-04-22T13:33:48Z" }));

    const output = await call("github.issues.create", { repo: REPO, title: "Found a bug",
      body: "I'm having a problem with this.", labels: ["bug"] });

    assert.deepEqual(output, { number: 1347, url: "https://github.com/octocat/hello-world/issues/1347", state: "open" });
    assert.deepEqual(github.requestLines(), ["POST /repos/octocat/hello-world/issues"]);
    const [request] = github.requests;
    assertGitHubHeaders(request);
    assert.match(request.headers["content-type"], /^application\/json/);
    assert.deepEqual(request.body, { title: "Found a bug", body: "I'm having a problem with this.", labels: ["bug"] });
  });

  test("sends only the title when that is all it has", async () => {
    github.on("POST", "/repos/octocat/hello-world/issues", json(201, { id: 2, number: 1348, state: "open",
      title: "Just a title", html_url: "https://github.com/octocat/hello-world/issues/1348" }));

    await call("github.issues.create", { repo: REPO, title: "Just a title" });

    assert.deepEqual(github.requests[0].body, { title: "Just a title" });
  });
});

describe("github.issues.comment", () => {
  test("comments on an issue", async () => {
    github.on("POST", "/repos/octocat/hello-world/issues/1347/comments", json(201, {
      id: 1, node_id: "MDEyOklzc3VlQ29tbWVudDE=",
      url: "https://api.github.com/repos/octocat/hello-world/issues/comments/1",
      html_url: "https://github.com/octocat/hello-world/issues/1347#issuecomment-1", body: "Me too",
      user: { login: "octocat", id: 1 }, created_at: "2011-04-14T16:00:49Z", author_association: "COLLABORATOR" }));

    const output = await call("github.issues.comment", { repo: REPO, issue_number: 1347, body: "Me too" });

    assert.deepEqual(output, { id: 1, url: "https://github.com/octocat/hello-world/issues/1347#issuecomment-1" });
    assert.deepEqual(github.requestLines(), ["POST /repos/octocat/hello-world/issues/1347/comments"]);
    assertGitHubHeaders(github.requests[0]);
    assert.deepEqual(github.requests[0].body, { body: "Me too" });
  });
});

describe("github.pulls.create", () => {
  test("opens a pull request into main by default", async () => {
    github.on("POST", "/repos/octocat/hello-world/pulls", json(201, {
      id: 1, url: "https://api.github.com/repos/octocat/hello-world/pulls/1348",
      html_url: "https://github.com/octocat/hello-world/pull/1348", number: 1348, state: "open", locked: false,
      title: "Amazing new feature", body: "Please pull these awesome changes in!", draft: false,
      head: { label: "octocat:new-topic", ref: "new-topic" }, base: { label: "octocat:main", ref: "main" } }));

    const output = await call("github.pulls.create", { repo: REPO, title: "Amazing new feature",
      head: "octocat:new-topic", body: "Please pull these awesome changes in!" });

    assert.deepEqual(output, { number: 1348, url: "https://github.com/octocat/hello-world/pull/1348", state: "open" });
    assert.deepEqual(github.requestLines(), ["POST /repos/octocat/hello-world/pulls"]);
    assertGitHubHeaders(github.requests[0]);
    assert.deepEqual(github.requests[0].body, { title: "Amazing new feature", head: "octocat:new-topic", base: "main",
      body: "Please pull these awesome changes in!", maintainer_can_modify: true });
  });

  test("opens a pull request into the base given, without a body when none is given", async () => {
    github.on("POST", "/repos/octocat/hello-world/pulls", json(201, { id: 2, number: 1349, state: "open",
      title: "Backport", html_url: "https://github.com/octocat/hello-world/pull/1349" }));

    await call("github.pulls.create", { repo: REPO, title: "Backport", head: "fix", base: "release-1.x" });

    assert.equal(github.requests[0].body.base, "release-1.x");
    assert.equal("body" in github.requests[0].body, false);
  });
});

describe("github.pulls.list", () => {
  test("lists the open pull requests in one page of limit", async () => {
    github.on("GET", "/repos/octocat/hello-world/pulls", json(200, [
      { id: 1, number: 1348, state: "open", title: "Amazing new feature",
        html_url: "https://github.com/octocat/hello-world/pull/1348", user: { login: "octocat" } },
      { id: 2, number: 1347, state: "open", title: "Fix the bug",
        html_url: "https://github.com/octocat/hello-world/pull/1347", user: { login: "hubot" } },
    ], { link: `<${github.baseUrl}/repositories/1296269/pulls?state=open&per_page=2&page=2>; rel="next"` }));

    const output = await call("github.pulls.list", { repo: REPO, limit: 2 });

    assert.deepEqual(output, { pull_requests: [
      { number: 1348, title: "Amazing new feature", state: "open", url: "https://github.com/octocat/hello-world/pull/1348" },
      { number: 1347, title: "Fix the bug", state: "open", url: "https://github.com/octocat/hello-world/pull/1347" }] });
    assert.deepEqual(github.requestLines(), ["GET /repos/octocat/hello-world/pulls?state=open&per_page=2"]);
    assertGitHubHeaders(github.requests[0]);
  });

  test("lists twenty by default, and closed ones when asked", async () => {
    github.on("GET", "/repos/octocat/hello-world/pulls", json(200, []));

    assert.deepEqual(await call("github.pulls.list", { repo: REPO }), { pull_requests: [] });
    assert.deepEqual(await call("github.pulls.list", { repo: REPO, state: "closed" }), { pull_requests: [] });

    assert.deepEqual(github.requestLines(), ["GET /repos/octocat/hello-world/pulls?state=open&per_page=20",
      "GET /repos/octocat/hello-world/pulls?state=closed&per_page=20"]);
  });

  test("gives null for what GitHub leaves out, and keeps to limit when GitHub sends more", async () => {
    github.on("GET", "/repos/octocat/hello-world/pulls", json(200, [{ id: 1, number: 7 }, { id: 2, number: 8 }]));

    assert.deepEqual(await call("github.pulls.list", { repo: REPO, limit: 1 }),
        { pull_requests: [{ number: 7, title: null, state: null, url: null }] });
  });
});

describe("settings", () => {
  test("talks to GitHub Enterprise Server under its API path", async () => {
    github.on("GET", "/api/v3/repos/octocat/hello-world/pulls", json(200, []));

    await call("github.pulls.list", { repo: REPO }, `${github.baseUrl}/api/v3/`);

    assert.deepEqual(github.requestLines(), ["GET /api/v3/repos/octocat/hello-world/pulls?state=open&per_page=20"]);
  });

  test("base_url must be https, http only for a loopback host", async () => {
    for (const baseUrl of ["http://github.example.com/api/v3", "ftp://127.0.0.1", "not a url", "https://"]) {
      await assert.rejects(call("github.pulls.list", { repo: REPO }, baseUrl),
          { type: "validation_error", message: new RegExp(`^base_url must be an https URL .* got ${baseUrl}$`) }, baseUrl);
    }
    assert.deepEqual(github.requests, []);
  });

  test("base_url defaults to api.github.com", async () => {
    const { baseUrl } = await import("../src/github.js");

    assert.equal(baseUrl({}), "https://api.github.com");
    assert.equal(baseUrl({ base_url: "https://github.example.com/api/v3/" }), "https://github.example.com/api/v3");
    assert.equal(baseUrl({ base_url: "http://localhost:8080" }), "http://localhost:8080");
  });
});

test("an unknown tool is not_found", async () => {
  await assert.rejects(call("github.repos.delete", { repo: REPO }), { type: "not_found" });
});
