// Connects the official MCP TypeScript SDK client to RIG, over streamable HTTP or stdio.
//
//   http <url>          RIG's /mcp endpoint, such as http://127.0.0.1:40123/mcp
//   stdio <java> <dir>  starts `<java> -cp $RIG_TEST_CLASSPATH dev.rig.mcp.it.StdioServerMain <dir>`
//
// Every message the server sends is kept (in order) so a script can report the raw initialize
// result and notifications as they were on the wire.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

/** Per request; a script as a whole is also bounded by watchdog(). */
export const REQUEST_TIMEOUT_MS = 15_000;

/** Ends the script with exit code 3 when it runs longer than `ms` (the Java side has its own limit too). */
export function watchdog(ms) {
  setTimeout(() => {
    console.error(`script still running after ${ms} ms: giving up`);
    process.exit(3);
  }, ms).unref();
}

export async function connect(argv, clientName) {
  const [kind, ...rest] = argv;
  let transport;
  let getStreamRequested = () => {};
  const getStream = new Promise(resolve => { getStreamRequested = resolve; });
  if (kind === 'http') {
    // The SDK opens its GET stream (where list_changed arrives) in the background after
    // initialization; note when it asks for it so a script can wait for that before going on.
    const observingFetch = (url, init) => {
      if ((init?.method ?? 'GET') === 'GET') {
        getStreamRequested();
      }
      return fetch(url, init);
    };
    transport = new StreamableHTTPClientTransport(new URL(rest[0]), { fetch: observingFetch });
  } else if (kind === 'stdio') {
    const [java, dir] = rest;
    const classPath = process.env.RIG_TEST_CLASSPATH;
    if (!java || !dir || !classPath) {
      throw new Error('stdio needs <java> <dir> and RIG_TEST_CLASSPATH');
    }
    transport = new StdioClientTransport({
      command: java,
      args: ['-XX:TieredStopAtLevel=1', '--enable-native-access=ALL-UNNAMED', '-cp', classPath,
        'dev.rig.mcp.it.StdioServerMain', dir],
      env: { ...process.env },
      stderr: 'inherit', // the server's log lines join this script's stderr, which the test keeps
    });
    getStreamRequested(); // no separate stream on stdio
  } else {
    throw new Error(`unknown transport ${kind}: expected http <url> or stdio <java> <dir>`);
  }
  const received = [];
  const start = transport.start.bind(transport);
  transport.start = async () => {
    const deliver = transport.onmessage; // set by Client.connect before it starts the transport
    transport.onmessage = (message, extra) => {
      received.push(message);
      deliver?.(message, extra);
    };
    return start();
  };
  const client = new Client({ name: clientName, version: '1.0.0' }, { capabilities: {} });
  await client.connect(transport, { timeout: REQUEST_TIMEOUT_MS });
  const initialize = received.find(m => m.result?.protocolVersion !== undefined)?.result;
  return { kind, client, transport, received, initialize, getStream };
}

/** Ends the session: DELETE of the HTTP session, or closing the server's stdin (it then exits). */
export async function disconnect({ kind, client, transport }) {
  if (kind === 'http') {
    await transport.terminateSession();
  }
  await client.close();
}

/** What `run` gave, or the error it threw (as the SDK reported it). */
export async function outcome(run) {
  try {
    return { returned: await run() };
  } catch (error) {
    return { threw: { name: error?.name, code: error?.code, message: String(error?.message ?? error) } };
  }
}
