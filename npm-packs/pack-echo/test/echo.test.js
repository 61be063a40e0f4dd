// The echo pack through its exports, as RIG's Node runner calls them.
"use strict";

const assert = require("node:assert/strict");
const { test } = require("node:test");
const { rigPack, rigTools, rigInvoke } = require("..");

const context = (tenant) => ({ tenant_id: tenant, request_id: "req-1", auth: {}, settings: {},
  signal: new AbortController().signal });

test("rigPack names the echo pack", () => {
  assert.deepEqual(rigPack(), { id: "echo", version: "0.1.0",
    description: "Echoes a message back with the caller's tenant; needs no credentials." });
  assert.equal(rigPack().version, require("../package.json").version);
});

test("rigTools gives the one read tool, with the Java pack's schemas", () => {
  const [echo, ...others] = rigTools();

  assert.deepEqual(others, []);
  assert.equal(echo.name, "echo");
  assert.equal(echo.risk_class, "read");
  assert.equal(echo.idempotent, true);
  assert.deepEqual(echo.tags, ["demo", "test"]);
  assert.deepEqual(echo.input_schema, {
    type: "object",
    properties: { message: { type: "string", description: "The text to echo back." } },
    required: ["message"],
    additionalProperties: false,
  });
  assert.deepEqual(echo.output_schema.required, ["message", "tenant_id"]);
  assert.deepEqual(echo.output_schema.properties.tenant_id, { type: ["string", "null"] });
  assert.equal(echo.output_schema.additionalProperties, false);
});

test("the example is what the tool answers", async () => {
  const [{ examples }] = rigTools();

  for (const example of examples) {
    assert.deepEqual(await rigInvoke("echo", example.input, context("default")), example.output, example.name);
  }
});

test("echo returns the message and the tenant; null when there is no tenant", async () => {
  assert.deepEqual(await rigInvoke("echo", { message: "hé ☃" }, context("acme")), { message: "hé ☃", tenant_id: "acme" });
  assert.deepEqual(await rigInvoke("echo", { message: "" }, context(null)), { message: "", tenant_id: null });
  assert.deepEqual(await rigInvoke("echo", { message: "x" }, {}), { message: "x", tenant_id: null });
});

test("a message that is not a string is a validation_error", async () => {
  await assert.rejects(rigInvoke("echo", { message: 42 }, context("acme")),
      { type: "validation_error", message: "message must be a string" });
  await assert.rejects(rigInvoke("echo", {}, context("acme")), { type: "validation_error" });
});

test("another tool name is not_found", async () => {
  await assert.rejects(rigInvoke("shout", { message: "x" }, context("acme")), { type: "not_found" });
});

test("rigTools hands out copies: a caller that edits one changes no other", () => {
  rigTools()[0].input_schema.properties.message.type = "number";

  assert.equal(rigTools()[0].input_schema.properties.message.type, "string");
});
