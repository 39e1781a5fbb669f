import { atlasError } from "./atlas-error";
import { formatAtlasReply } from "./atlas-reply";
import type { EmulatorState } from "./emulator-state";
import { jsonReply, type Reply } from "./http-reply";
import type { IncomingCall } from "./incoming-call";

/** The OAuth 2.0 endpoints of Atlas service accounts. */
export const OAUTH_PATHS = { token: "/api/oauth/token", revoke: "/api/oauth/revoke" } as const;

/** True for paths this module answers. */
export function isOAuthPath(pathname: string): boolean {
  return pathname === OAUTH_PATHS.token || pathname === OAUTH_PATHS.revoke;
}

/**
 * `POST /api/oauth/token` (client credentials, `Authorization: Basic`, rate limited per client) and
 * `POST /api/oauth/revoke`. Errors here use OAuth's `{error, error_description}` shape (RFC 6749 §5.2), except the
 * rate limit, which Atlas answers with its own error body.
 */
export function handleOAuthCall(state: EmulatorState, call: IncomingCall): Reply {
  if (call.method !== "POST") return formatAtlasReply(atlasError("RESOURCE_NOT_FOUND", [call.url.pathname]), PLAIN);
  const form = new URLSearchParams(call.body);
  const client = clientCredentials(call.headers.authorization, form);
  return call.url.pathname === OAUTH_PATHS.token ? issueToken(state, client, form) : revokeToken(state, client, form);
}

const PLAIN = { version: "v1.0", envelope: false, pretty: false } as const;

interface ClientCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
}

function issueToken(state: EmulatorState, client: ClientCredentials | undefined, form: URLSearchParams): Reply {
  const now = state.now();
  if (client !== undefined) {
    const perMinute = state.settings.tokenRateLimitPerMinute;
    const take = state.clientBuckets.take(
      client.clientId,
      { capacity: perMinute, refillPerSecond: perMinute / 60 },
      now,
    );
    if (!take.allowed) {
      const limited = atlasError("RATE_LIMITED", [OAUTH_PATHS.token, perMinute, 1], {
        headers: { "Retry-After": String(take.retryAfterSeconds) },
      });
      return formatAtlasReply(limited, PLAIN);
    }
  }
  if (!isKnownClient(state, client)) return invalidClient();
  if (form.get("grant_type") !== "client_credentials") {
    return oauthError(400, "unsupported_grant_type", "Only grant_type=client_credentials is supported.");
  }
  const ttl = state.settings.tokenTtlSeconds;
  const token = state.tokens.issue(client.clientId, ttl, now);
  return jsonReply(
    200,
    { access_token: token, expires_in: ttl, token_type: "Bearer" },
    { "Cache-Control": "no-store", Pragma: "no-cache" },
  );
}

function revokeToken(state: EmulatorState, client: ClientCredentials | undefined, form: URLSearchParams): Reply {
  // Client authentication is optional here, but wrong credentials are still refused.
  if (client !== undefined && !isKnownClient(state, client)) return invalidClient();
  const token = form.get("token");
  if (token === null || token === "") return oauthError(400, "invalid_request", "The token parameter is required.");
  state.tokens.revoke(token);
  return { status: 200, headers: { "Content-Type": "application/json" }, body: "{}" };
}

function isKnownClient(state: EmulatorState, client: ClientCredentials | undefined): client is ClientCredentials {
  return (
    client !== undefined && state.identity.serviceAccounts.get(client.clientId)?.clientSecret === client.clientSecret
  );
}

/** From `Authorization: Basic base64(id:secret)`, or else the `client_id`/`client_secret` form fields. */
function clientCredentials(header: string | undefined, form: URLSearchParams): ClientCredentials | undefined {
  const basic = /^Basic\s+(\S+)$/i.exec(header?.trim() ?? "");
  if (basic !== null) {
    const decoded = Buffer.from(basic[1] ?? "", "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon < 0) return undefined;
    // Taken as is: the clients in use send the raw id and secret, not form-encoded ones.
    return { clientId: decoded.slice(0, colon), clientSecret: decoded.slice(colon + 1) };
  }
  const clientId = form.get("client_id");
  const clientSecret = form.get("client_secret");
  return clientId !== null && clientSecret !== null ? { clientId, clientSecret } : undefined;
}

function invalidClient(): Reply {
  return oauthError(401, "invalid_client", "Invalid client credentials.", {
    "WWW-Authenticate": 'Basic realm="oauth"',
  });
}

function oauthError(status: number, error: string, description: string, headers: Record<string, string> = {}): Reply {
  return jsonReply(status, { error, error_description: description }, { "Cache-Control": "no-store", ...headers });
}
