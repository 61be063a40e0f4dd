// A small MCP server for the CLI tests, speaking newline-delimited JSON-RPC over stdio:
// initialize, tools/list, tools/call and ping.
//
//   node mcp-fixture.mjs <server.json>
//
// server.json: {"version": "1.0.0", "tools": [<MCP tool definitions>], "require_env": ["NAME", ...]}.
// It is read at each start, so a test changes what the server serves by rewriting it. A name of
// require_env missing from the environment makes the server exit with code 2 at once, saying so on stderr.
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";

const server = JSON.parse(readFileSync(process.argv[2], "utf8"));
for (const name of server.require_env ?? []) {
  if (!process.env[name]) {
    process.stderr.write(`mcp-fixture: ${name} is not set\n`);
    process.exit(2);
  }
}

const send = (message) => process.stdout.write(`${JSON.stringify(message)}\n`);
const answer = (id, result) => send({ jsonrpc: "2.0", id, result });

createInterface({ input: process.stdin, crlfDelay: Infinity })
  .on("line", (line) => {
    if (line.trim() === "") {
      return;
    }
    const message = JSON.parse(line);
    if (message.id === undefined || message.method === undefined) {
      return; // a notification, or an answer to nothing we asked
    }
    switch (message.method) {
      case "initialize":
        answer(message.id, {
          protocolVersion: message.params?.protocolVersion ?? "2025-06-18",
          capabilities: { tools: {} },
          serverInfo: { name: "mcp-fixture", version: server.version },
        });
        break;
      case "tools/list":
        answer(message.id, { tools: server.tools });
        break;
      case "tools/call":
        answer(message.id, {
          content: [{ type: "text", text: JSON.stringify({ tool: message.params.name, arguments: message.params.arguments,
            greeting: process.env.GREETING ?? null }) }],
        });
        break;
      case "ping":
        answer(message.id, {});
        break;
      default:
        send({ jsonrpc: "2.0", id: message.id, error: { code: -32601, message: `no method ${message.method}` } });
    }
  })
  .on("close", () => process.exit(0));
