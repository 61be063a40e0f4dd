// GitHub's failures as RTP errors.
//
// GitHub answers an error with a status and {"message", "errors": [...], "documentation_url"}; the
// message becomes upstream_code. A 403 or 429 is a rate limit, not a permission error, when GitHub
// says so: x-ratelimit-remaining 0 (primary: wait until x-ratelimit-reset, epoch seconds, measured
// on GitHub's Date), Retry-After, gh-limited-by, or a "rate limit" message (secondary: wait at
// least a minute). The token is never part of a message: GitHub does not echo it, and Octokit's
// request options (which hold it) are never read here.

import { failure } from "./failure.js";
import { TOKEN_SLOT } from "./token.js";

export const SECONDARY_LIMIT_WAIT_SECONDS = 60;

// fetch's reasons for a connection that could not be made at all
const NOT_CONNECTED = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH",
  "UND_ERR_CONNECT_TIMEOUT"]);

/**
 * What a request doing `action.doing` failed with, as a failure to throw. `action.missing` says
 * what a 404 means there, `action.missingHint` what to check, `action.permission` the fine-grained
 * permission the token needs.
 */
export function gitHubFailure(action, error, { baseUrl, signal }) {
  if (signal?.aborted || error?.name === "AbortError" || error?.name === "TimeoutError") {
    return stopped(action, signal);
  }
  const response = error?.response;
  if (response === undefined || response === null) {
    if (typeof error?.status === "number") {
      // Octokit's RequestError without a response: fetch got no answer
      return unreachable(action, error, baseUrl);
    }
    return failure("upstream_error", `GitHub failed to ${action.doing} (${error?.name ?? typeof error})`);
  }
  const headers = response.headers ?? {};
  const said = gitHubMessage(response.data);
  if (isRateLimit(response.status, headers, said)) {
    return limited(action, response.status, said, headers);
  }
  if (response.status < 400) {
    return failure("upstream_error", `GitHub's answer to ${action.doing} could not be read (HTTP ${response.status})`,
        { hints: [`check packs.github.base_url (now ${baseUrl}): it must point at the GitHub REST API`] });
  }
  return fromStatus(action, response.status, said);
}

/** The RTP error type of an HTTP error status, as RIG's Java packs map it. */
export function typeOfStatus(status) {
  switch (status) {
    case 400: case 422: return "validation_error";
    case 401: return "auth_error";
    case 403: return "permission_error";
    case 404: case 410: return "not_found";
    case 409: case 412: return "conflict";
    case 429: return "rate_limited";
    case 408: return "transient";
    default: return status >= 500 && status <= 599 ? "transient" : "upstream_error";
  }
}

function fromStatus(action, status, said) {
  const text = said.text ?? `HTTP ${status}`;
  const type = status === 422 && said.mentionsExisting() ? "conflict" : typeOfStatus(status);
  const message = status === 404 || status === 410 ? `${action.missing} (${text})`
      : `GitHub could not ${action.doing}: ${text}${said.details()}`;
  const hints = [];
  switch (type) {
    case "auth_error":
      hints.push(`check ${TOKEN_SLOT}: GitHub refused it (expired, revoked or mistyped); create a new token at`
          + " https://github.com/settings/tokens");
      break;
    case "permission_error":
      hints.push(`give ${TOKEN_SLOT} ${action.permission} on the repository (fine-grained token), or the repo scope`
          + " (classic token); an organization may also need to approve the token (SSO)");
      break;
    case "not_found":
      hints.push(action.missingHint);
      break;
    case "transient":
      hints.push("GitHub had a problem; try again shortly (https://www.githubstatus.com)");
      break;
    default:
  }
  if (said.documentation !== null) {
    hints.push(`see ${said.documentation}`);
  }
  return failure(type, message, { hints, upstreamCode: text });
}

function isRateLimit(status, headers, said) {
  if (status !== 403 && status !== 429) {
    return false;
  }
  return status === 429 || remainingIsZero(headers) || headers["retry-after"] !== undefined
      || headers["gh-limited-by"] !== undefined || /rate limit/i.test(said.text ?? "");
}

function remainingIsZero(headers) {
  return String(headers["x-ratelimit-remaining"] ?? "").trim() === "0";
}

function limited(action, status, said, headers) {
  const primary = remainingIsZero(headers);
  const text = said.text ?? `rate limit exceeded (HTTP ${status})`;
  const retryAfterSeconds = secondsOfRetryAfter(headers["retry-after"])
      ?? (primary && headers["x-ratelimit-reset"] !== undefined
        ? secondsUntilReset(headers["x-ratelimit-reset"], headers.date) : SECONDARY_LIMIT_WAIT_SECONDS);
  return failure("rate_limited", `GitHub rate limit reached while trying to ${action.doing}: ${text}`, {
    upstreamCode: text,
    retryAfterSeconds,
    hints: [primary ? "the token's hourly request quota is used up; it resets at x-ratelimit-reset"
      : "GitHub limits bursts of requests (secondary rate limit); slow down"],
  });
}

/** Retry-After in seconds: a number of seconds or an HTTP date; undefined when absent or unreadable. */
function secondsOfRetryAfter(value) {
  if (value === undefined || String(value).trim() === "") {
    return undefined;
  }
  const text = String(value).trim();
  if (/^\d+$/.test(text)) {
    return Number(text);
  }
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

/** The seconds until `reset` (epoch seconds), on GitHub's clock when it sent a Date. */
function secondsUntilReset(reset, date) {
  const resetAt = Number(String(reset).trim());
  if (!Number.isFinite(resetAt)) {
    return SECONDARY_LIMIT_WAIT_SECONDS;
  }
  const gitHubNow = date === undefined ? Number.NaN : Date.parse(date);
  const now = Number.isNaN(gitHubNow) ? Date.now() : gitHubNow;
  return Math.max(0, Math.ceil(resetAt - now / 1000));
}

function stopped(action, signal) {
  if (signal?.reason?.name === "TimeoutError" || !signal?.aborted) {
    return failure("timeout", `GitHub did not answer in time to ${action.doing}`,
        { hints: ["try again; GitHub may be slow (https://www.githubstatus.com)"] });
  }
  // the caller gave up (RIG cancelled the call): GitHub may still have done it
  return failure("timeout", `the call was cancelled before GitHub answered to ${action.doing}`,
      { hints: ["GitHub may have done it anyway: check before calling again"], retryable: false });
}

function unreachable(action, error, baseUrl) {
  const code = error.cause?.cause?.code ?? error.cause?.code;
  const why = NOT_CONNECTED.has(code) ? "the connection was refused or could not be made"
      : `the connection failed (${code ?? error.message})`;
  return failure("transient", `could not reach GitHub at ${baseUrl} to ${action.doing}: ${why}`,
      { hints: [`check the network and packs.github.base_url (now ${baseUrl})`] });
}

/** GitHub's error body, read leniently: the message, the details of `errors`, the docs link. */
function gitHubMessage(data) {
  const body = data !== null && typeof data === "object" && !Array.isArray(data) ? data : {};
  const errors = [];
  for (const item of Array.isArray(body.errors) ? body.errors : []) {
    if (typeof item === "string") {
      errors.push(item);
    } else if (item !== null && typeof item === "object") {
      const field = typeof item.field === "string" ? item.field : "";
      const code = typeof item.code === "string" ? item.code : "";
      const text = typeof item.message === "string" ? item.message : "";
      const detail = text !== "" ? text : code;
      errors.push(field === "" ? detail
          : `${field}: ${detail}${text !== "" && code !== "" && code !== "custom" ? ` (${code})` : ""}`);
    }
  }
  return {
    text: typeof body.message === "string" ? body.message : null,
    documentation: typeof body.documentation_url === "string" ? body.documentation_url : null,
    details: () => errors.length === 0 ? "" : ` (${errors.join("; ")})`,
    mentionsExisting: () => errors.some((error) => error.includes("already_exists")
        || error.toLowerCase().includes("already exists")),
  };
}
