// One MCP session of the official TypeScript SDK client against RIG; prints one JSON object with
// what the client saw (the Java test asserts on it).
//
//   node ts-client-session.mjs http <url>
//   node ts-client-session.mjs stdio <java> <dir>      (class path in RIG_TEST_CLASSPATH)
//
// Expects the fs workspace to hold doomed.txt (the approval flow asks to delete it).
import { CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js';
import { connect, disconnect, outcome, REQUEST_TIMEOUT_MS, watchdog } from './mcp-connect.mjs';

watchdog(45_000);
const session = await connect(process.argv.slice(2), 'ts-sdk-client');
const { client } = session;
const options = { timeout: REQUEST_TIMEOUT_MS };

// tools/call as sent by the server, without the SDK's client-side checks.
const rawCall = (name, args) =>
  client.request({ method: 'tools/call', params: { name, arguments: args } }, CallToolResultSchema, options);

const report = {
  initialize: session.initialize,
  serverVersion: client.getServerVersion(),
  serverCapabilities: client.getServerCapabilities(),
};
report.tools = (await client.listTools(undefined, options)).tools;
report.echo = await client.callTool({ name: 'echo', arguments: { message: 'hello from TypeScript' } }, undefined,
  options);
report.validationError = await rawCall('echo', { message: 42 });
report.approval = await rawCall('fs.delete_file', { path: 'doomed.txt' });
// The same two failures through the SDK's callTool, as an agent built on the SDK makes them (it
// checks structuredContent against the tool's outputSchema, known from the listTools above).
report.validationErrorViaCallTool = await outcome(() =>
  client.callTool({ name: 'echo', arguments: { message: 42 } }, undefined, options));
report.approvalViaCallTool = await outcome(() =>
  client.callTool({ name: 'fs.delete_file', arguments: { path: 'doomed.txt' } }, undefined, options));
await disconnect(session);
console.log(JSON.stringify(report));
