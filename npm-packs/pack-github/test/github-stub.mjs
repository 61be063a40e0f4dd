// A stand-in for GitHub's REST API on 127.0.0.1, answering as api.github.com does. Not a test
// file itself: the *.test.mjs files start one each.
import { once } from "node:events";
import { createServer } from "node:http";

export const REPO = "octocat/hello-world";
export const TOKEN = "ghp_16C7e42F292c6912E7710c838347Ae178B4a";

/** GET /repos/octocat/hello-world, abridged from GitHub's documented example (for requests the pack must not send). */
export const REPOSITORY = {
  id: 1296269, name: "hello-world", full_name: REPO, private: false,
  html_url: "https://github.com/octocat/hello-world", default_branch: "main",
};

/** A JSON answer with the headers GitHub sends on every answer. */
export function json(status, body, headers = {}) {
  return {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "x-github-api-version-selected": "2022-11-28",
      "x-github-request-id": "CAFE:1234:5678:9ABC:65A1B2C3", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  };
}

/** GitHub's error answer: {"message", "documentation_url", "status"}. */
export function gitHubError(status, message, headers = {}) {
  return json(status, { message, documentation_url: "https://docs.github.com/rest", status: String(status) }, headers);
}

/** Answers that are not an HTTP answer: the connection closes, or nothing comes until the test ends. */
export const DROP = Symbol("drop the connection");
export const HOLD = Symbol("never answer");

export class GitHubStub {
  /** What the stub received: {method, url, headers, body}; body parsed when it is JSON. */
  requests = [];
  baseUrl;
  #answers = new Map();
  #server = createServer((request, response) => this.#answer(request, response));
  #onHeld;
  /** Resolves once a request is being held (HOLD). */
  held = this.#newHeld();

  static async start() {
    const stub = new GitHubStub();
    stub.#server.listen(0, "127.0.0.1");
    await once(stub.#server, "listening");
    stub.baseUrl = `http://127.0.0.1:${stub.#server.address().port}`;
    return stub;
  }

  /** Answers `METHOD /path` (the query ignored) with `answer`. */
  on(method, path, answer) {
    this.#answers.set(`${method} ${path}`, answer);
  }

  /** The requests received, as "METHOD url". */
  requestLines() {
    return this.requests.map(({ method, url }) => `${method} ${url}`);
  }

  reset() {
    this.requests = [];
    this.#answers.clear();
    this.held = this.#newHeld();
  }

  #newHeld() {
    return new Promise((done) => {
      this.#onHeld = done;
    });
  }

  async close() {
    this.#server.closeAllConnections();
    this.#server.close();
    await once(this.#server, "close");
  }

  async #answer(request, response) {
    const chunks = [];
    for await (const chunk of request) {
      chunks.push(chunk);
    }
    const text = Buffer.concat(chunks).toString("utf8");
    let body = text;
    try {
      body = text === "" ? undefined : JSON.parse(text);
    } catch {
      // kept as text
    }
    this.requests.push({ method: request.method, url: request.url, headers: request.headers, body });
    const path = new URL(request.url, this.baseUrl).pathname;
    const answer = this.#answers.get(`${request.method} ${path}`)
        ?? json(404, { message: "Not Found", documentation_url: "https://docs.github.com/rest", status: "404" });
    if (answer === DROP) {
      request.socket.destroy();
      return;
    }
    if (answer === HOLD) {
      this.#onHeld();
      return;
    }
    response.writeHead(answer.status, answer.headers);
    response.end(answer.body);
  }
}

/** The context RIG's runner gives a call: the token (null: none), base_url pointing at the stub, and a signal. */
export function contextFor(baseUrl, { token = TOKEN, signal = new AbortController().signal } = {}) {
  return {
    tenant_id: "acme", request_id: "req-1", correlation_id: "corr-1", actor: "agent:test", idempotency_key: null,
    auth: token === null ? {} : { GITHUB_TOKEN: token },
    settings: baseUrl === undefined ? {} : { base_url: baseUrl },
    signal,
  };
}
