// The GitHub REST API as the tools use it: an Octokit client per call, holding the call's token,
// base URL and abort signal. Nothing is shared between calls, so one tenant's token never serves
// another's request.
//
// Octokit is kept from acting on its own: @octokit/rest brings no retry or throttling plugin (and
// `retries: 0` keeps it so if one is added), so each tool sends exactly the one request it names and
// the gateway's retry policy is the only one.

import { Octokit } from "@octokit/rest";
import { failure } from "./failure.js";
import { gitHubFailure } from "./errors.js";
import { tokenOf } from "./token.js";

export const DEFAULT_BASE_URL = "https://api.github.com";

/** `owner/name`: an account of up to 39 letters, digits and hyphens, and a repository name (not . or ..). */
export const REPO_PATTERN = "^[A-Za-z0-9][A-Za-z0-9-]{0,38}/(?![.]{1,2}$)[A-Za-z0-9._-]{1,100}$";

const REPO = new RegExp(REPO_PATTERN);
const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);
const USER_AGENT = "rig-pack-github/0.1.0";
// the media type and API version GitHub documents, rather than Octokit's older v3 media type
const API_HEADERS = Object.freeze({ accept: "application/vnd.github+json", "x-github-api-version": "2022-11-28" });
// Octokit logs each failed request on console.error; the failure reaches the caller anyway
const QUIET = { debug() {}, info() {}, warn: (...args) => console.warn(...args), error() {} };

/**
 * The `base_url` setting without a trailing slash: https://api.github.com, or
 * https://HOST/api/v3 for GitHub Enterprise Server. http only for a loopback host (tests), so the
 * token never travels in the clear.
 */
export function baseUrl(settings) {
  const value = String(settings?.base_url ?? DEFAULT_BASE_URL).trim();
  let url;
  try {
    url = new URL(value);
  } catch {
    url = null;
  }
  const allowed = url !== null && url.hostname !== ""
      && (url.protocol === "https:" || url.protocol === "http:" && LOOPBACK_HOSTS.has(url.hostname));
  if (!allowed) {
    throw failure("validation_error", `base_url must be an https URL such as ${DEFAULT_BASE_URL}`
        + ` or https://github.example.com/api/v3 (http only for localhost), got ${value}`,
    { hints: ["fix packs.github.base_url in rig.yaml"] });
  }
  return value.endsWith("/") ? value.slice(0, -1) : value;
}

/** The repository `owner/name` as Octokit's {owner, repo}, refused before anything is sent when malformed. */
export function repository(repo) {
  if (typeof repo !== "string" || !REPO.test(repo)) {
    throw failure("validation_error", `repo must be owner/name, got ${repo}`, { hints: [
      "pass the repository as it appears in its URL, such as octocat/hello-world"] });
  }
  const [owner, name] = repo.split("/");
  return { owner, repo: name };
}

/** GitHub for one call: its token, base URL and abort signal. */
export class GitHub {
  #octokit;
  #baseUrl;
  #signal;

  constructor(context) {
    this.#baseUrl = baseUrl(context?.settings);
    this.#signal = context?.signal;
    this.#octokit = new Octokit({
      auth: tokenOf(context),
      baseUrl: this.#baseUrl,
      userAgent: USER_AGENT,
      log: QUIET,
      request: { signal: this.#signal, retries: 0 },
    });
  }

  /**
   * Sends one request with `send(octokit.rest, headers)`; what GitHub refuses becomes a failure
   * described by `action`. Resolves with GitHub's parsed answer, checked by `readable`.
   */
  async ask(action, send, readable) {
    let response;
    try {
      response = await send(this.#octokit.rest, API_HEADERS);
    } catch (error) {
      throw gitHubFailure(action, error, { baseUrl: this.#baseUrl, signal: this.#signal });
    }
    if (!readable(response.data)) {
      throw failure("upstream_error", `GitHub's answer to ${action.doing} could not be read (HTTP ${response.status})`,
          { hints: [`check packs.github.base_url (now ${this.#baseUrl}): it must point at the GitHub REST API`] });
    }
    return response.data;
  }
}
