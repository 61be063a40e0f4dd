// The Node runner (rig-runner.mjs) as RIG runs it: a child process speaking MCP over stdio,
// serving the fixture packs under fixtures/. Run with: node --test rig-mcp/src/test/node/
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));
const RUNNER = resolve(HERE, "../../main/resources/dev/rig/mcp/node/rig-runner.mjs");
const FIXTURES = join(HERE, "fixtures");
const SECRET = "ghp_fixtureSecretValue123";
const LIMIT = { timeout: 5_000 };

/** One runner process on a pack directory, with its stdout read as JSON-RPC lines. */
class Runner {
  /** Every stdout line, parsed; a line that is not JSON is kept as {notJson: line}. */
  lines = [];
  stderr = "";
  #nextId = 1;
  #responses = new Map();
  #waitingForResponse = new Map();
  #waitingForStderr = [];

  constructor(packDir, env = {}) {
    this.child = spawn(process.execPath, [RUNNER, packDir], {
      env: { ...process.env, RIG_PACK_SETTINGS: "", ...env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    // 'close' comes after stdout and stderr have been read to the end
    this.closed = new Promise((done) => this.child.on("close", (code, signal) => done({ code, signal })));
    createInterface({ input: this.child.stdout }).on("line", (line) => this.#onStdout(line));
    this.child.stderr.setEncoding("utf8");
    this.child.stderr.on("data", (chunk) => this.#onStderr(chunk));
  }

  static of(fixture, env) {
    return new Runner(join(FIXTURES, fixture), env);
  }

  send(line) {
    this.child.stdin.write(typeof line === "string" ? `${line}\n` : `${JSON.stringify(line)}\n`);
  }

  /** Sends a request; resolves with its response message. */
  request(method, params, id = this.#nextId++) {
    this.send({ jsonrpc: "2.0", id, method, ...(params === undefined ? {} : { params }) });
    return this.response(id);
  }

  notify(method, params) {
    this.send({ jsonrpc: "2.0", method, params });
  }

  call(name, args, context) {
    return this.request("tools/call", { name, arguments: args, ...(context ? { _meta: { "dev.rig/context": context } } : {}) });
  }

  response(id) {
    if (this.#responses.has(id)) {
      return Promise.resolve(this.#responses.get(id));
    }
    return new Promise((done) => this.#waitingForResponse.set(id, done));
  }

  /** Resolves once stderr contains text. */
  stderrShows(text) {
    if (this.stderr.includes(text)) {
      return Promise.resolve();
    }
    return new Promise((done) => this.#waitingForStderr.push({ text, done }));
  }

  /** Ends stdin, waits for the exit, and checks that stdout held JSON-RPC only. */
  async finish() {
    this.child.stdin.end();
    const { code } = await this.closed;
    assert.deepEqual(this.lines.filter((line) => line.notJson !== undefined), [], "stdout must hold JSON lines only");
    assert.equal(code, 0, `exit code; stderr:\n${this.stderr}`);
  }

  kill() {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill("SIGKILL");
    }
  }

  #onStdout(line) {
    let message;
    try {
      message = JSON.parse(line);
    } catch {
      this.lines.push({ notJson: line });
      return;
    }
    this.lines.push(message);
    if ("id" in message && ("result" in message || "error" in message)) {
      this.#responses.set(message.id, message);
      this.#waitingForResponse.get(message.id)?.(message);
      this.#waitingForResponse.delete(message.id);
    }
  }

  #onStderr(chunk) {
    this.stderr += chunk;
    this.#waitingForStderr = this.#waitingForStderr.filter(({ text, done }) => {
      if (this.stderr.includes(text)) {
        done();
        return false;
      }
      return true;
    });
  }
}

/** A runner on fixture, killed after the test whatever happens. */
function runnerFor(t, fixture, env) {
  const runner = Runner.of(fixture, env);
  t.after(() => runner.kill());
  return runner;
}

const PACKS = [
  { fixture: "cjs-pack", id: "fixture_cjs", version: "1.2.3", description: "CommonJS fixture pack for the runner's tests." },
  { fixture: "esm-pack", id: "fixture-esm", version: "2.0.0", description: "ES module fixture pack for the runner's tests." },
];

for (const pack of PACKS) {
  // one runner for the flavour's tests (a Node start costs more than all of them); the last test ends it
  describe(`a ${pack.fixture}`, () => {
    const env = { RIG_PACK_SETTINGS: '{"base_url": "https://example.test"}' };
    let runner;
    before(() => {
      runner = Runner.of(pack.fixture, env);
    });
    after(() => runner.kill());

    test("initialize names the pack and keeps a protocol version the runner knows", LIMIT, async () => {
      const known = await runner.request("initialize", {
        protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "test", version: "0" } });
      const unknown = await runner.request("initialize", { protocolVersion: "1999-01-01" });
      runner.notify("notifications/initialized");
      const pong = await runner.request("ping");

      assert.deepEqual(known.result, {
        protocolVersion: "2025-06-18",
        capabilities: { tools: { listChanged: false } },
        serverInfo: { name: `rig-node-runner/${pack.id}`, version: pack.version },
        instructions: pack.description,
      });
      assert.equal(known.jsonrpc, "2.0");
      assert.equal(unknown.result.protocolVersion, "2025-11-25");
      assert.deepEqual(pong.result, {});
    });

    test("tools/list gives each ToolDef as an MCP tool with annotations and the ToolDef in _meta", LIMIT, async () => {
      const { result } = await runner.request("tools/list");

      const byName = Object.fromEntries(result.tools.map((tool) => [tool.name, tool]));
      assert.deepEqual(Object.keys(byName),
          ["echo", "auth_present", "fail_typed", "fail_plain", "not_object", "hang", "later", "chatty", "leak"]);
      assert.deepEqual(byName.echo, {
        name: "echo",
        description: "Returns its arguments and the call's context (auth left out).",
        inputSchema: { type: "object" },
        outputSchema: { type: "object" },
        annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
        _meta: { "dev.rig/tool_def": {
          name: "echo", description: "Returns its arguments and the call's context (auth left out).",
          input_schema: { type: "object" }, output_schema: { type: "object" }, risk_class: "read" } },
      });
      assert.deepEqual(byName.auth_present._meta["dev.rig/tool_def"].auth_slots, ["GITHUB_TOKEN", "OTHER_TOKEN"]);
      const hints = (name) => byName[name].annotations;
      assert.deepEqual(hints("auth_present"),
          { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true });
      for (const [name, risk] of [["fail_typed", "money"], ["fail_plain", "infra"], ["hang", "destructive"]]) {
        assert.equal(byName[name]._meta["dev.rig/tool_def"].risk_class, risk);
        assert.deepEqual(hints(name),
            { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: false }, name);
      }
    });

    test("a call gets its arguments, the context from _meta, and the settings from the environment", LIMIT, async () => {
      const context = { tenant_id: "acme", request_id: "req-1", correlation_id: "corr-1", actor: "agent:7",
        idempotency_key: "idem-1", auth: { GITHUB_TOKEN: SECRET } };

      const { result } = await runner.call("echo", { message: "hé ☃" }, context);

      const output = {
        args: { message: "hé ☃" },
        context: { tenant_id: "acme", request_id: "req-1", correlation_id: "corr-1", actor: "agent:7",
          idempotency_key: "idem-1", settings: { base_url: "https://example.test" } },
        signal_is_abort_signal: true,
      };
      assert.deepEqual(result, { content: [{ type: "text", text: JSON.stringify(output) }], structuredContent: output });
    });

    test("settings in the call's _meta win over the environment; no _meta gives nulls", LIMIT, async () => {
      const overridden = await runner.call("echo", {}, { tenant_id: "t", settings: { from: "meta" } });
      const bare = await runner.request("tools/call", { name: "echo" });

      assert.deepEqual(overridden.result.structuredContent.context.settings, { from: "meta" });
      assert.deepEqual(bare.result.structuredContent, {
        args: {},
        context: { tenant_id: null, request_id: null, correlation_id: null, actor: null, idempotency_key: null,
          settings: { base_url: "https://example.test" } },
        signal_is_abort_signal: true,
      });
    });

    test("a typed error becomes isError with the RTP ToolError in _meta", LIMIT, async () => {
      const limited = await runner.call("fail_typed", { message: "slow down", fields: {
        type: "rate_limited", upstream_code: "secondary_rate_limit", remediation_hints: ["wait a minute"],
        retry_after_seconds: 60 } });
      const missing = await runner.call("fail_typed", { message: "no such issue", fields: { type: "not_found" } });
      const notRetryable = await runner.call("fail_typed", { message: "flaky", fields: { type: "transient", retryable: false } });

      assert.deepEqual(limited.result, {
        isError: true,
        content: [{ type: "text", text: "slow down" }],
        _meta: { "dev.rig/error": { type: "rate_limited", message: "slow down", retryable: true,
          upstream_code: "secondary_rate_limit", remediation_hints: ["wait a minute"], retry_after_seconds: 60 } },
      });
      assert.deepEqual(missing.result._meta["dev.rig/error"], { type: "not_found", message: "no such issue", retryable: false });
      assert.deepEqual(notRetryable.result._meta["dev.rig/error"], { type: "transient", message: "flaky", retryable: false });
    });

    test("a plain Error is an internal_error whose stack goes to stderr only", LIMIT, async () => {
      const { result } = await runner.call("fail_plain", {});
      const unknownType = await runner.call("fail_typed", { message: "odd", fields: { type: "teapot" } });

      assert.deepEqual(result._meta["dev.rig/error"],
          { type: "internal_error", message: "plain failure from the fixture", retryable: false });
      assert.equal(result.isError, true);
      assert.equal(unknownType.result._meta["dev.rig/error"].type, "internal_error");
      // stderr is another pipe: it may come after the answer
      await runner.stderrShows('"teapot" is not an RTP error type');
      assert.match(runner.stderr, /Error: plain failure from the fixture\n\s+at /);
      assert.doesNotMatch(JSON.stringify(runner.lines), /\bat .*tools\.cjs/);
    });

    test("an output that is not a plain object is an internal_error naming what came back", LIMIT, async () => {
      const messages = [];
      for (const value of ["text", [1, 2], null, 42]) {
        const { result } = await runner.call("not_object", { value });
        assert.equal(result.isError, true);
        messages.push(result._meta["dev.rig/error"].message);
      }

      assert.deepEqual(messages, ["rigInvoke returned a string, not an object", "rigInvoke returned an array, not an object",
        "rigInvoke returned null, not an object", "rigInvoke returned a number, not an object"]);
    });

    test("the pack's logging never reaches stdout", LIMIT, async () => {
      const { result } = await runner.call("chatty", {});

      assert.deepEqual(result.structuredContent, { said: "everything" });
      await runner.stderrShows("chatty: process.stdout.write");
      for (const said of ["log", "info", "debug", "warn", "error", "table"]) {
        assert.match(runner.stderr, new RegExp(`chatty: ${said}`));
      }
      if (pack.fixture === "esm-pack") {
        assert.match(runner.stderr, /fixture-esm: loading \(console.log\)\nfixture-esm: loading \(process.stdout.write\)/);
      }
    });

    test("stdout held JSON-RPC lines only, and the end of stdin exits 0", LIMIT, async () => {
      await runner.finish();
    });
  });
}

describe("the JSON-RPC edges", { concurrency: true }, () => {
  // these runners are never sent initialize: the runner serves requests before it, leniently
  test("a line that is not JSON gets -32700 with id null, and the runner keeps serving", LIMIT, async (t) => {
    const runner = runnerFor(t, "esm-pack");

    runner.send("{this is not json");
    const pong = await runner.request("ping", undefined, "after-garbage");

    const parseError = runner.lines.find((line) => line.error);
    assert.equal(parseError.id, null);
    assert.equal(parseError.error.code, -32700);
    assert.deepEqual(pong.result, {});
    await runner.finish();
  });

  test("an unknown method gets -32601; an unknown tool gets -32602", LIMIT, async (t) => {
    const runner = runnerFor(t, "cjs-pack");

    const method = await runner.request("resources/list", {});
    const tool = await runner.call("nope", {});

    assert.equal(method.error.code, -32601);
    assert.deepEqual(tool.error, { code: -32602, message: "unknown tool: nope" });
    await runner.finish();
  });

  test("notifications/cancelled aborts the call's signal and the call gets no answer", LIMIT, async (t) => {
    const runner = runnerFor(t, "esm-pack");

    runner.send({ jsonrpc: "2.0", id: "hang-1", method: "tools/call",
      params: { name: "hang", arguments: {}, _meta: { "dev.rig/context": { request_id: "req-hang" } } } });
    // calls run side by side: this one answers while the first hangs
    const echo = await runner.call("echo", { while: "hanging" });
    runner.notify("notifications/cancelled", { requestId: "hang-1", reason: "the user gave up" });
    await runner.stderrShows("hang: aborted req-hang: the user gave up");
    await runner.request("ping");

    assert.deepEqual(echo.result.structuredContent.args, { while: "hanging" });
    assert.deepEqual(runner.lines.filter((line) => line.id === "hang-1"), [], "no line for the cancelled call");
    await runner.finish();
    assert.doesNotMatch(runner.stderr, /rig-runner\[fixture-esm\]: hang:/, "a cancelled call's failure is not logged");
  });

  test("auth values reach the pack but never stdout or stderr", LIMIT, async (t) => {
    const runner = runnerFor(t, "cjs-pack");
    const context = { tenant_id: "acme", auth: { GITHUB_TOKEN: SECRET } };

    const present = await runner.call("auth_present", {}, context);
    const leaked = await runner.call("leak", {}, context);

    assert.deepEqual(present.result.structuredContent, { GITHUB_TOKEN: true, OTHER_TOKEN: false });
    assert.equal(leaked.result._meta["dev.rig/error"].message, "token [GITHUB_TOKEN] was refused");
    await runner.finish();
    assert.equal(JSON.stringify(runner.lines).includes(SECRET), false);
    assert.equal(runner.stderr.includes(SECRET), false);
    assert.match(runner.stderr, /token \[GITHUB_TOKEN\] was refused/);
  });
});

describe("the runner's life", { concurrency: true }, () => {
  test("the end of stdin lets calls in flight answer, then exits 0", LIMIT, async (t) => {
    const runner = runnerFor(t, "esm-pack");

    runner.child.stdin.end([
      JSON.stringify({ jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-11-25" } }),
      JSON.stringify({ jsonrpc: "2.0", id: 2, method: "tools/call", params: { name: "later", arguments: { ms: 200 } } }),
      "",
    ].join("\n"));
    const { code } = await runner.closed;

    assert.equal(code, 0);
    assert.deepEqual(runner.lines.map((line) => line.id), [1, 2]);
    assert.deepEqual(runner.lines[1].result.structuredContent, { waited: 200 });
  });

  test("SIGTERM exits 0, even with a call in flight", LIMIT, async (t) => {
    const runner = runnerFor(t, "cjs-pack");

    runner.send({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "hang", arguments: {} } });
    await runner.request("ping");
    runner.child.kill("SIGTERM");

    assert.deepEqual(await runner.closed, { code: 0, signal: null });
  });

  const notAPack = [
    { fixture: "no-tools-pack", says: "index.js exports no rigTools()" },
    { fixture: "no-output-schema-pack", says: 'ToolDef "half" has no output_schema' },
    { fixture: "no-such-pack", says: "no package.json" },
    { fixture: "cjs-pack", env: { RIG_PACK_SETTINGS: "[1]" }, says: "RIG_PACK_SETTINGS must be a JSON object, got an array" },
  ];
  for (const { fixture, env, says } of notAPack) {
    test(`${fixture}${env ? " with bad settings" : ""} exits 78 naming the package and the problem`, LIMIT, async (t) => {
      const runner = runnerFor(t, fixture, env);

      const { code } = await runner.closed;

      assert.equal(code, 78);
      assert.deepEqual(runner.lines, []);
      const line = runner.stderr.trim();
      assert.equal(line.split("\n").length, 1, line);
      assert.ok(line.startsWith(`rig-runner: ${join(FIXTURES, fixture)}: `), line);
      assert.ok(line.includes(says), line);
    });
  }
});
