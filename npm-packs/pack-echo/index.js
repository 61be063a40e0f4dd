// The echo pack for RIG's Node runner: one tool that returns its message and the caller's tenant.
// It mirrors RIG's Java echo pack (packs/rig-pack-echo), so the two are interchangeable.
"use strict";

const PACK = Object.freeze({
  id: "echo",
  version: "0.1.0",
  description: "Echoes a message back with the caller's tenant; needs no credentials.",
});

const ECHO = Object.freeze({
  name: "echo",
  description: "Returns the given message unchanged, with the tenant the call was made for.",
  risk_class: "read",
  idempotent: true,
  tags: ["demo", "test"],
  input_schema: {
    type: "object",
    properties: {
      message: { type: "string", description: "The text to echo back." },
    },
    required: ["message"],
    additionalProperties: false,
  },
  output_schema: {
    type: "object",
    properties: {
      message: { type: "string" },
      // null when the call came without a tenant (RIG's gateway always names one, "default" at least)
      tenant_id: { type: ["string", "null"] },
    },
    required: ["message", "tenant_id"],
    additionalProperties: false,
  },
  examples: [
    {
      name: "hello",
      description: "Echo a greeting in the default tenant.",
      input: { message: "hello" },
      output: { message: "hello", tenant_id: "default" },
    },
  ],
});

/** A failure the runner reports as the RTP error `type`. */
function failure(type, message, hints) {
  return Object.assign(new Error(message), { type, remediation_hints: hints });
}

function rigPack() {
  return { ...PACK };
}

function rigTools() {
  return [structuredClone(ECHO)];
}

async function rigInvoke(name, args, context) {
  if (name !== ECHO.name) {
    throw failure("not_found", `the echo pack has no tool ${name}`, ["call echo"]);
  }
  // RIG validates arguments against input_schema first; this guards direct callers
  if (typeof args?.message !== "string") {
    throw failure("validation_error", "message must be a string", ['call echo with {"message": "hello"}']);
  }
  const tenant = context?.tenant_id;
  return { message: args.message, tenant_id: typeof tenant === "string" ? tenant : null };
}

module.exports = { rigPack, rigTools, rigInvoke };
