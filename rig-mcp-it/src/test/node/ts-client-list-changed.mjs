// Waits, as the official TypeScript SDK client, for RIG to say its tool list changed.
//
//   node ts-client-list-changed.mjs http <url>
//
// Prints one JSON line per step: {"event":"ready",...} once it is listening (the test then changes
// the tools and reloads the gateway), then {"event":"changed",...} with the notification as received
// and the tools listed after it.
import { ToolListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { connect, disconnect, REQUEST_TIMEOUT_MS, watchdog } from './mcp-connect.mjs';

watchdog(45_000);
const session = await connect(process.argv.slice(2), 'ts-sdk-list-watcher');
const { client, received } = session;
const options = { timeout: REQUEST_TIMEOUT_MS };

let changed;
const notified = new Promise(resolve => { changed = resolve; });
client.setNotificationHandler(ToolListChangedNotificationSchema, notification => changed(notification));

await session.getStream; // the stream notifications come on has been asked for ...
const before = (await client.listTools(undefined, options)).tools.map(t => t.name); // ... before this
console.log(JSON.stringify({ event: 'ready', tools: before, capabilities: client.getServerCapabilities() }));

const timedOut = new Promise((_, reject) => setTimeout(
  () => reject(new Error('no notifications/tools/list_changed within 15 s')), 15_000).unref());
const notification = await Promise.race([notified, timedOut]);
const after = (await client.listTools(undefined, options)).tools.map(t => t.name);
const wire = received.filter(m => m.method === 'notifications/tools/list_changed');
console.log(JSON.stringify({ event: 'changed', notification, onTheWire: wire, tools: after }));
await disconnect(session);
