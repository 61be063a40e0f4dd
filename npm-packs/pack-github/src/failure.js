// The one way this pack fails: an Error carrying the RTP fields RIG's Node runner reads.

const RETRYABLE = new Set(["rate_limited", "transient", "timeout"]);

/**
 * An Error of RTP error `type` (validation_error, auth_error, ...), retryable as the type is unless
 * said otherwise. `message` and every other field are shown to the caller: never put a secret in them.
 */
export function failure(type, message, { hints = [], upstreamCode, retryAfterSeconds, retryable } = {}) {
  const error = new Error(message);
  error.type = type;
  error.retryable = retryable ?? RETRYABLE.has(type);
  error.remediation_hints = hints;
  if (upstreamCode !== undefined) {
    error.upstream_code = upstreamCode;
  }
  if (retryAfterSeconds !== undefined) {
    error.retry_after_seconds = retryAfterSeconds;
  }
  return error;
}
