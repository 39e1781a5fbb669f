import { authenticationFailureBody } from "./atlas-error";
import type { ProjectRole } from "./emulator-identity";
import type { EmulatorState } from "./emulator-state";
import type { Reply } from "./http-reply";
import { prettyJson } from "./pretty-json";
import type { AuthScheme } from "./request-log";

/** An authenticated caller and its roles per project. */
export interface Principal {
  readonly kind: "apiKey" | "serviceAccount";
  /** Public key or client id. */
  readonly name: string;
  readonly roles: Readonly<Record<string, ProjectRole>>;
}

/** Either the caller, or the 401 to send. */
export type Authentication =
  { readonly ok: true; readonly principal: Principal } | { readonly ok: false; readonly reply: Reply };

/** The scheme named by an `Authorization` header, for the request log. */
export function authScheme(header: string | undefined): AuthScheme {
  const scheme = header?.trim().split(/\s+/, 1)[0]?.toLowerCase();
  return scheme === "digest" || scheme === "bearer" || scheme === "basic" ? scheme : "none";
}

/**
 * Authenticates an Atlas API request: digest with an API key, or a bearer token from `/api/oauth/token`. Anything
 * else gets Atlas' digest challenge; a bad bearer token gets a Bearer challenge instead, since a digest challenge
 * would send an OAuth client down the wrong path.
 */
export function authenticate(
  state: EmulatorState,
  method: string,
  requestTarget: string,
  header: string | undefined,
): Authentication {
  const scheme = authScheme(header);
  if (scheme === "digest" && header !== undefined) {
    const verdict = state.digest.verify(
      header,
      method,
      requestTarget,
      (user) => state.identity.apiKeys.get(user)?.privateKey,
    );
    if (!verdict.ok) return { ok: false, reply: challengeReply(state.digest.challenge(verdict.stale)) };
    const key = state.identity.apiKeys.get(verdict.username);
    if (key !== undefined) return { ok: true, principal: { kind: "apiKey", name: key.publicKey, roles: key.roles } };
  }
  if (scheme === "bearer" && header !== undefined) {
    const token = header.trim().slice("bearer".length).trim();
    const found = state.tokens.lookup(token, state.now());
    const account = found.ok ? state.identity.serviceAccounts.get(found.clientId) : undefined;
    if (account === undefined) {
      const description =
        found.ok || found.reason === "unknown" ? "The access token is invalid." : "The access token expired.";
      return { ok: false, reply: challengeReply(`Bearer error="invalid_token", error_description="${description}"`) };
    }
    return { ok: true, principal: { kind: "serviceAccount", name: account.clientId, roles: account.roles } };
  }
  return { ok: false, reply: challengeReply(state.digest.challenge(false)) };
}

/** Atlas' authentication-filter 401, as recorded: pretty body, no `X-Error-Code`, no rate-limit headers. */
function challengeReply(wwwAuthenticate: string): Reply {
  return {
    status: 401,
    headers: { "Content-Type": "application/json", "WWW-Authenticate": wwwAuthenticate },
    body: prettyJson(authenticationFailureBody()),
  };
}
