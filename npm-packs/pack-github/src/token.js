// The pack's one credential: a GitHub token in the call's auth slot GITHUB_TOKEN.

import { failure } from "./failure.js";

export const TOKEN_SLOT = "GITHUB_TOKEN";

// what an HTTP header can carry: no space, line break or control character
const HEADER_SAFE = /^[\x21-\x7E]+$/;

/** The call's token, refused before anything is sent when it is missing or cannot be a header. */
export function tokenOf(context) {
  const token = context?.auth?.[TOKEN_SLOT];
  if (typeof token !== "string" || token === "") {
    throw failure("auth_error", `secret ${TOKEN_SLOT} is not set`, { hints: [
      `set ${TOKEN_SLOT} in the environment or in .rig/secrets.env (per tenant: ACME__${TOKEN_SLOT});`
          + " create a token at https://github.com/settings/personal-access-tokens/new"] });
  }
  if (!HEADER_SAFE.test(token)) {
    throw failure("auth_error", `${TOKEN_SLOT} cannot be sent: it contains a space, a line break or another`
        + " character an HTTP header cannot carry", { hints: [
      `set ${TOKEN_SLOT} to the token alone (ghp_..., github_pat_...), without quotes or newlines`] });
  }
  return token;
}
