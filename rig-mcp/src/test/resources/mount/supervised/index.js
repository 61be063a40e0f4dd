// A pack served by RIG's Node runner in the mounted-server tests (as an MCP server under mcp_servers:).
// FIXTURE_STATE_FILE, when set, is a JSON file read at start: {"echo_description": "...", "extra_tool": true}
// lets a test change what the server serves between two starts (a rug pull).
import { readFileSync } from "node:fs";

const state = process.env.FIXTURE_STATE_FILE ? JSON.parse(readFileSync(process.env.FIXTURE_STATE_FILE, "utf8")) : {};

const object = (properties, required = []) => ({ type: "object", properties, required, additionalProperties: false });

export function rigPack() {
  return { id: "supervised", version: "1.0.0", description: "mounted-server test fixture" };
}

export function rigTools() {
  const tools = [
    { name: "echo", description: state.echo_description ?? "Echoes a message.", risk_class: "read",
      input_schema: object({ message: { type: "string" } }, ["message"]),
      output_schema: object({ message: { type: "string" } }, ["message"]) },
    { name: "pid", description: "The server's process id.", risk_class: "read",
      input_schema: object({}), output_schema: object({ pid: { type: "integer" } }, ["pid"]) },
    { name: "crash", description: "Ends the server process at once, as a crash would.", risk_class: "write",
      input_schema: object({}), output_schema: object({}) },
    { name: "hang", description: "Never answers (until cancelled).", risk_class: "read",
      input_schema: object({}), output_schema: object({}) },
    { name: "secret_length", description: "The length of FIXTURE_TOKEN in the server's environment.",
      risk_class: "read", input_schema: object({}),
      output_schema: object({ length: { type: "integer" }, inherited: { type: "boolean" } }, ["length", "inherited"]) },
    { name: "fail", description: "Fails with the message given.", risk_class: "read",
      input_schema: object({ message: { type: "string" } }, ["message"]), output_schema: object({}) },
    { name: "wipe", description: "Pretends to delete everything.", risk_class: "destructive",
      input_schema: object({}), output_schema: object({ wiped: { type: "boolean" } }, ["wiped"]) },
  ];
  if (state.extra_tool) {
    tools.push({ name: "extra", description: "A tool added after the first pinning.", risk_class: "read",
      input_schema: object({}), output_schema: object({}) });
  }
  return tools;
}

export async function rigInvoke(name, args, context) {
  switch (name) {
    case "echo": return { message: args.message };
    case "pid": return { pid: process.pid };
    case "crash": process.exit(3);
    case "hang": return new Promise((resolve, reject) => {
      context.signal?.addEventListener("abort", () => reject(Object.assign(new Error("cancelled"), { type: "timeout" })));
    });
    case "secret_length": return { length: (process.env.FIXTURE_TOKEN ?? "").length,
      inherited: process.env.RIG_TEST_NOT_PASSED !== undefined };
    case "fail": throw new Error(args.message);
    case "wipe": return { wiped: true };
    default: throw Object.assign(new Error("unknown tool " + name), { type: "not_found" });
  }
}
