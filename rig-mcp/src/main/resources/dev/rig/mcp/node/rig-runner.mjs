#!/usr/bin/env node
// rig-runner: serves one npm pack to RIG as an MCP server over stdio.
//
//   node rig-runner.mjs <packageDir>
//
// A pack is a CommonJS or ES module package exporting rigPack() -> {id, version, description},
// rigTools() -> [RTP ToolDef], and async rigInvoke(name, args, context) -> output object; to fail,
// it throws an Error whose `type` is an RTP error type. The runner loads it once, then answers MCP
// requests as newline-delimited JSON-RPC 2.0: one message per line on stdin and stdout, UTF-8.
// stdout carries nothing but those messages, so everything else (the pack's logging included)
// goes to stderr. The call's RTP context travels in _meta["dev.rig/context"], the ToolDef in each
// tool's _meta["dev.rig/tool_def"], a failure's RTP ToolError in the result's _meta["dev.rig/error"].
//
// Exit codes: 0 when stdin ends or on SIGTERM; 64 for a wrong command line; 78 when the package
// is not a usable pack (the one-line reason is on stderr).
//
// No dependencies beyond Node 18 or later: the runner ships inside RIG's jar.

import { Console } from "node:console";
import { existsSync, readFileSync, statSync } from "node:fs";
import { extname, join, relative, resolve } from "node:path";
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";

const EXIT_USAGE = 64;
const EXIT_NOT_A_PACK = 78;

const PROTOCOL_VERSIONS = ["2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25"];
const LATEST_PROTOCOL_VERSION = "2025-11-25";

const PACK_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const TOOL_NAME = /^[A-Za-z0-9_.-]{1,128}$/;
const RISK_CLASSES = new Set(["read", "write", "infra", "money", "destructive"]);
const ERROR_TYPES = new Set(["validation_error", "auth_error", "permission_error", "not_found", "conflict",
  "rate_limited", "transient", "timeout", "upstream_error", "policy_blocked", "internal_error"]);
const RETRYABLE_BY_DEFAULT = new Set(["rate_limited", "transient", "timeout"]);

const CONTEXT_META = "dev.rig/context";
const TOOL_DEF_META = "dev.rig/tool_def";
const ERROR_META = "dev.rig/error";

// JSON-RPC 2.0 error codes
const PARSE_ERROR = -32700;
const INVALID_REQUEST = -32600;
const METHOD_NOT_FOUND = -32601;
const INVALID_PARAMS = -32602;

/** The package is not a pack RIG can serve; the message says what is missing. */
class NotAPack extends Error {}

/**
 * Keeps stdout for JSON-RPC: console output and direct process.stdout writes go to stderr from
 * here on. Returns the one function that still writes to the real stdout.
 */
function claimStdout() {
  const stdout = process.stdout;
  const writeToStdout = stdout.write.bind(stdout);
  const toStderr = new Console({ stdout: process.stderr, stderr: process.stderr });
  for (const method of ["log", "info", "debug", "warn", "error", "dir", "dirxml", "table", "trace",
    "group", "groupCollapsed", "groupEnd"]) {
    console[method] = toStderr[method];
  }
  // a pack (or one of its libraries) may write to process.stdout without console
  stdout.write = (chunk, encoding, callback) => process.stderr.write(chunk, encoding, callback);
  return writeToStdout;
}

function isPlainObject(value) {
  if (value === null || typeof value !== "object") {
    return false;
  }
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** What a value is, for messages: "null", "an array", "a string", "a Date"... */
function kindOf(value) {
  if (value === null || value === undefined) {
    return String(value);
  }
  if (Array.isArray(value)) {
    return "an array";
  }
  if (typeof value === "object") {
    const name = Object.getPrototypeOf(value)?.constructor?.name;
    return name ? `a ${name}` : "an object";
  }
  return /^[aeiou]/.test(typeof value) ? `an ${typeof value}` : `a ${typeof value}`;
}

/** RIG_PACK_SETTINGS: the pack's settings from rig.yaml, a JSON object ({} when unset). */
function packSettings() {
  const text = process.env.RIG_PACK_SETTINGS;
  if (text === undefined || text.trim() === "") {
    return {};
  }
  let settings;
  try {
    settings = JSON.parse(text);
  } catch (error) {
    throw new NotAPack(`RIG_PACK_SETTINGS is not JSON: ${error.message}`);
  }
  if (!isPlainObject(settings)) {
    throw new NotAPack(`RIG_PACK_SETTINGS must be a JSON object, got ${kindOf(settings)}`);
  }
  return settings;
}

/** The path the package.json `exports` field gives for ".", or undefined. */
function exportTarget(exports) {
  if (typeof exports === "string") {
    return exports;
  }
  if (Array.isArray(exports)) {
    return exports.map(exportTarget).find(Boolean);
  }
  if (!isPlainObject(exports)) {
    return undefined;
  }
  const keys = Object.keys(exports);
  if (keys.some((key) => key.startsWith("."))) {
    return exportTarget(exports["."]);
  }
  // conditions in the package's own order, as Node resolves them for import(); "require" last,
  // because import() loads a CommonJS file too
  const condition = keys.find((key) => key === "import" || key === "node" || key === "default")
      ?? keys.find((key) => key === "require");
  return condition === undefined ? undefined : exportTarget(exports[condition]);
}

/** The file to import: exports ".", else main, else index.js (with CommonJS' extension guesses). */
function entryFile(packageDir, manifest) {
  let target;
  let from;
  if (manifest.exports !== undefined) {
    target = exportTarget(manifest.exports);
    from = "exports";
    if (target === undefined) {
      throw new NotAPack(`package.json "exports" has no "." entry with an import, require or default path`);
    }
  } else if (typeof manifest.main === "string" && manifest.main !== "") {
    target = manifest.main;
    from = "main";
  } else {
    target = "index.js";
    from = "the default entry";
  }
  const path = resolve(packageDir, target);
  const candidates = extname(path) ? [path]
    : [path, `${path}.js`, `${path}.mjs`, `${path}.cjs`, join(path, "index.js")];
  const found = candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
  if (found === undefined) {
    throw new NotAPack(`${target} (${from} in package.json) does not exist`);
  }
  return found;
}

/** A pack function on the module namespace, or on its default export (CommonJS module.exports). */
function packFunction(namespace, name) {
  for (const holder of [namespace, namespace.default]) {
    if (holder != null && typeof holder[name] === "function") {
      return holder[name].bind(holder);
    }
  }
  return undefined;
}

async function callAtStart(name, fn) {
  try {
    return await fn();
  } catch (error) {
    throw new NotAPack(`${name}() threw: ${error?.message ?? error}`);
  }
}

function checkedInfo(info) {
  if (!isPlainObject(info)) {
    throw new NotAPack(`rigPack() returned ${kindOf(info)}, not {id, version, description}`);
  }
  if (typeof info.id !== "string" || !PACK_ID.test(info.id)) {
    throw new NotAPack(`rigPack() id ${JSON.stringify(info.id)} must match ${PACK_ID.source}`);
  }
  if (typeof info.version !== "string" || info.version === "") {
    throw new NotAPack(`rigPack() of ${info.id} has no version string`);
  }
  if (info.description !== undefined && typeof info.description !== "string") {
    throw new NotAPack(`rigPack() description of ${info.id} must be a string`);
  }
  return info;
}

/** The pack's ToolDefs by name, each with risk_class defaulted to read. */
function checkedTools(defs) {
  if (!Array.isArray(defs)) {
    throw new NotAPack(`rigTools() returned ${kindOf(defs)}, not an array of ToolDefs`);
  }
  const tools = new Map();
  defs.forEach((def, index) => {
    const which = typeof def?.name === "string" ? `ToolDef ${JSON.stringify(def.name)}` : `ToolDef #${index}`;
    if (!isPlainObject(def)) {
      throw new NotAPack(`rigTools() item #${index} is ${kindOf(def)}, not a ToolDef object`);
    }
    if (typeof def.name !== "string" || !TOOL_NAME.test(def.name)) {
      throw new NotAPack(`${which} needs a name matching ${TOOL_NAME.source}`);
    }
    for (const schema of ["input_schema", "output_schema"]) {
      if (!isPlainObject(def[schema])) {
        throw new NotAPack(`${which} has no ${schema} (a JSON Schema object)`);
      }
    }
    if (def.risk_class !== undefined && !RISK_CLASSES.has(def.risk_class)) {
      throw new NotAPack(`${which} risk_class ${JSON.stringify(def.risk_class)} is not one of`
          + ` ${[...RISK_CLASSES].join(", ")}`);
    }
    if (def.auth_slots !== undefined
        && !(Array.isArray(def.auth_slots) && def.auth_slots.every((slot) => typeof slot === "string"))) {
      throw new NotAPack(`${which} auth_slots must be an array of names such as ["GITHUB_TOKEN"]`);
    }
    if (tools.has(def.name)) {
      throw new NotAPack(`${which} is defined twice`);
    }
    const full = { ...def, risk_class: def.risk_class ?? "read" };
    try {
      JSON.stringify(full);
    } catch (error) {
      throw new NotAPack(`${which} is not JSON: ${error.message}`);
    }
    tools.set(def.name, full);
  });
  return tools;
}

/** Loads the pack in packageDir: its info, its ToolDefs by name, and its invoke function. */
async function loadPack(packageDir) {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8"));
  } catch (error) {
    throw new NotAPack(error.code === "ENOENT" ? "no package.json" : `package.json cannot be read: ${error.message}`);
  }
  const file = entryFile(packageDir, manifest);
  let namespace;
  try {
    namespace = await import(pathToFileURL(file).href);
  } catch (error) {
    throw new NotAPack(`importing ${relative(packageDir, file)} failed: ${error?.message ?? error}`);
  }
  const rigPack = packFunction(namespace, "rigPack");
  const rigTools = packFunction(namespace, "rigTools");
  const rigInvoke = packFunction(namespace, "rigInvoke");
  const missing = [["rigPack", rigPack], ["rigTools", rigTools], ["rigInvoke", rigInvoke]]
      .filter(([, fn]) => fn === undefined).map(([name]) => `${name}()`);
  if (missing.length > 0) {
    throw new NotAPack(`${relative(packageDir, file)} exports no ${missing.join(", no ")}`
        + " (a pack exports rigPack, rigTools and rigInvoke)");
  }
  const info = checkedInfo(await callAtStart("rigPack", rigPack));
  const tools = checkedTools(await callAtStart("rigTools", rigTools));
  return { info, tools, invoke: rigInvoke };
}

/** A ToolDef as an MCP tool; the full ToolDef travels in _meta for RIG. */
function mcpTool(def) {
  const risk = def.risk_class;
  const tool = { name: def.name };
  if (typeof def.description === "string") {
    tool.description = def.description;
  }
  tool.inputSchema = def.input_schema;
  tool.outputSchema = def.output_schema;
  tool.annotations = {
    readOnlyHint: risk === "read",
    destructiveHint: risk === "destructive" || risk === "infra" || risk === "money",
    idempotentHint: def.idempotent === true || risk === "read",
    openWorldHint: Array.isArray(def.auth_slots) && def.auth_slots.length > 0,
  };
  tool._meta = { [TOOL_DEF_META]: def };
  return tool;
}

/** Replaces every secret value of the call in text, so no secret leaves the runner. */
function redact(text, auth) {
  let safe = text;
  const secrets = Object.entries(auth).filter(([, value]) => typeof value === "string" && value !== "")
      .sort(([, a], [, b]) => b.length - a.length);
  for (const [slot, value] of secrets) {
    safe = safe.split(value).join(`[${slot}]`);
  }
  return safe;
}

/** What a pack threw, as the RTP ToolError; absent fields are left out. */
function toolError(thrown, auth, log) {
  const given = thrown !== null && typeof thrown === "object" ? thrown : { message: String(thrown) };
  let type = given.type;
  if (!ERROR_TYPES.has(type)) {
    if (type !== undefined) {
      log(`error type ${JSON.stringify(type)} is not an RTP error type; sent as internal_error`);
    }
    type = "internal_error";
    // the stack helps the pack's author; it stays on this side of the wire
    log(redact(String(given.stack ?? given.message ?? thrown), auth));
  }
  const message = typeof given.message === "string" && given.message !== "" ? given.message
      : `the tool failed (${type}) without a message`;
  const error = {
    type,
    message: redact(message, auth),
    retryable: typeof given.retryable === "boolean" ? given.retryable : RETRYABLE_BY_DEFAULT.has(type),
  };
  if (typeof given.upstream_code === "string" || typeof given.upstream_code === "number") {
    error.upstream_code = redact(String(given.upstream_code), auth);
  }
  const hints = Array.isArray(given.remediation_hints)
    ? given.remediation_hints.filter((hint) => typeof hint === "string").map((hint) => redact(hint, auth)) : [];
  if (hints.length > 0) {
    error.remediation_hints = hints;
  }
  if (typeof given.retry_after_seconds === "number" && Number.isFinite(given.retry_after_seconds)
      && given.retry_after_seconds >= 0) {
    error.retry_after_seconds = given.retry_after_seconds;
  }
  return error;
}

function errorResult(error) {
  return { isError: true, content: [{ type: "text", text: error.message }], _meta: { [ERROR_META]: error } };
}

/** A failure of the runner's own finding (the pack broke the contract). */
function internalError(message) {
  return errorResult({ type: "internal_error", message, retryable: false });
}

function textOrNull(value) {
  return typeof value === "string" ? value : null;
}

/** The MCP server: one per process, serving one pack. */
class PackServer {
  #pack;
  #tools;
  #settings;
  #send;
  #log;
  /** Calls still running, by request id (as JSON, so 1 and "1" differ). */
  #inFlight = new Map();
  #closing = false;
  #onIdle = null;

  constructor(pack, settings, send, log) {
    this.#pack = pack;
    this.#tools = [...pack.tools.values()].map(mcpTool);
    this.#settings = settings;
    this.#send = send;
    this.#log = log;
  }

  /** Handles one line of stdin. */
  receive(line) {
    if (line.trim() === "") {
      return;
    }
    let message;
    try {
      message = JSON.parse(line);
    } catch (error) {
      this.#error(null, PARSE_ERROR, `not JSON: ${error.message}`);
      return;
    }
    if (!isPlainObject(message)) {
      this.#error(null, INVALID_REQUEST, `a JSON-RPC message must be an object, got ${kindOf(message)}`);
      return;
    }
    const hasId = typeof message.id === "string" || typeof message.id === "number";
    if (typeof message.method !== "string") {
      // a response to a request: the runner sends none, so there is nothing to match it to
      if (!("result" in message || "error" in message)) {
        this.#error(hasId ? message.id : null, INVALID_REQUEST, "a JSON-RPC request needs a method");
      }
      return;
    }
    if (!hasId) {
      this.#notification(message.method, message.params);
      return;
    }
    this.#request(message.id, message.method, message.params ?? {});
  }

  /** Stops reading: calls in flight still answer, then `done` runs. */
  close(done) {
    this.#closing = true;
    this.#onIdle = done;
    if (this.#inFlight.size === 0) {
      done();
    }
  }

  #notification(method, params) {
    if (method === "notifications/cancelled") {
      const call = this.#inFlight.get(JSON.stringify(params?.requestId));
      if (call !== undefined) {
        call.cancelled = true;
        const reason = typeof params.reason === "string" ? params.reason : "the client cancelled the call";
        call.controller.abort(new DOMException(reason, "AbortError"));
      }
    }
    // notifications/initialized and the rest need nothing
  }

  #request(id, method, params) {
    switch (method) {
      case "initialize":
        this.#result(id, this.#initialize(params));
        return;
      case "ping":
        this.#result(id, {});
        return;
      case "tools/list":
        this.#result(id, { tools: this.#tools });
        return;
      case "tools/call":
        this.#call(id, params);
        return;
      default:
        this.#error(id, METHOD_NOT_FOUND, `method not found: ${method}`);
    }
  }

  #initialize(params) {
    const { info } = this.#pack;
    const asked = params?.protocolVersion;
    const result = {
      protocolVersion: PROTOCOL_VERSIONS.includes(asked) ? asked : LATEST_PROTOCOL_VERSION,
      capabilities: { tools: { listChanged: false } },
      serverInfo: { name: `rig-node-runner/${info.id}`, version: info.version },
    };
    if (typeof info.description === "string" && info.description !== "") {
      result.instructions = info.description;
    }
    return result;
  }

  async #call(id, params) {
    const name = params?.name;
    if (!this.#pack.tools.has(name)) {
      this.#error(id, INVALID_PARAMS, `unknown tool: ${name}`);
      return;
    }
    const args = params.arguments ?? {};
    if (!isPlainObject(args)) {
      this.#error(id, INVALID_PARAMS, `arguments of ${name} must be an object, got ${kindOf(args)}`);
      return;
    }
    const key = JSON.stringify(id);
    if (this.#inFlight.has(key)) {
      this.#error(id, INVALID_REQUEST, `request id ${key} is already in use by a call in flight`);
      return;
    }
    const call = { controller: new AbortController(), cancelled: false };
    this.#inFlight.set(key, call);
    const context = this.#context(params._meta?.[CONTEXT_META], call.controller.signal);
    let result;
    try {
      result = this.#success(await this.#pack.invoke(name, args, context));
    } catch (thrown) {
      // a cancelled call failing with its abort reason is no news
      if (!call.cancelled) {
        result = errorResult(toolError(thrown, context.auth, (text) => this.#log(`${name}: ${text}`)));
      }
    } finally {
      this.#inFlight.delete(key);
    }
    // MCP: a cancelled request gets no answer
    if (!call.cancelled) {
      this.#result(id, result);
    }
    if (this.#closing && this.#inFlight.size === 0) {
      this.#onIdle();
    }
  }

  #context(given, signal) {
    const from = isPlainObject(given) ? given : {};
    return {
      tenant_id: textOrNull(from.tenant_id),
      request_id: textOrNull(from.request_id),
      correlation_id: textOrNull(from.correlation_id),
      actor: textOrNull(from.actor),
      idempotency_key: textOrNull(from.idempotency_key),
      auth: isPlainObject(from.auth) ? { ...from.auth } : {},
      // a copy per call, so a pack that changes its settings changes no other call's
      settings: structuredClone(isPlainObject(from.settings) ? from.settings : this.#settings),
      signal,
    };
  }

  #success(output) {
    if (!isPlainObject(output)) {
      return internalError(`rigInvoke returned ${kindOf(output)}, not an object`);
    }
    let text;
    try {
      text = JSON.stringify(output);
    } catch (error) {
      return internalError(`rigInvoke returned an object that is not JSON: ${error.message}`);
    }
    return { content: [{ type: "text", text }], structuredContent: output };
  }

  #result(id, result) {
    this.#send({ jsonrpc: "2.0", id, result });
  }

  #error(id, code, message) {
    this.#send({ jsonrpc: "2.0", id, error: { code, message } });
  }
}

async function main() {
  const writeToStdout = claimStdout();
  const packageDir = process.argv[2];
  if (packageDir === undefined || process.argv.length > 3) {
    process.stderr.write("usage: node rig-runner.mjs <packageDir>\n");
    process.exit(EXIT_USAGE);
  }
  const where = resolve(packageDir);
  let pack;
  let settings;
  try {
    settings = packSettings();
    pack = await loadPack(where);
  } catch (error) {
    if (!(error instanceof NotAPack)) {
      throw error;
    }
    process.stderr.write(`rig-runner: ${where}: ${error.message}\n`);
    process.exit(EXIT_NOT_A_PACK);
  }
  const log = (text) => process.stderr.write(`rig-runner[${pack.info.id}]: ${text}\n`);
  const tools = `${pack.tools.size} tool${pack.tools.size === 1 ? "" : "s"}`;
  log(`serving ${pack.info.id} ${pack.info.version} (${tools}) from ${where}`);

  // the client has gone when stdout breaks: nobody is left to answer
  process.stdout.on("error", () => process.exit(0));
  process.on("SIGTERM", () => process.exit(0));
  // a promise the pack forgot to handle must not end the other calls
  process.on("unhandledRejection", (reason) => log(`unhandled rejection: ${reason?.stack ?? reason}`));

  const send = (message) => writeToStdout(`${JSON.stringify(message)}\n`);
  const server = new PackServer(pack, settings, send, log);
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  lines.on("line", (line) => server.receive(line));
  // the callback of an empty write runs once everything written before it is flushed
  lines.on("close", () => server.close(() => writeToStdout("", () => process.exit(0))));
}

await main();
