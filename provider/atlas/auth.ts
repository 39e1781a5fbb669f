import { createDigestSigner, parseDigestChallenge } from "./digest";
import { DigestLanes } from "./digest-lanes";

/**
 * How a call proves who it is. Exactly one kind is used per client:
 * API keys (HTTP Digest), a service account (OAuth 2.0 client credentials), or a bearer token obtained elsewhere.
 */
export type AtlasCredentials =
  | { readonly kind: "api-key"; readonly publicKey: string; readonly privateKey: string }
  | { readonly kind: "service-account"; readonly clientId: string; readonly clientSecret: string }
  | { readonly kind: "access-token"; readonly accessToken: string };

/** The answer of the token endpoint. */
export interface TokenGrant {
  readonly accessToken: string;
  readonly expiresInS: number;
}

/** Signs requests and reacts to 401s; owned by one client. */
export interface Authenticator {
  /** `digest` or `bearer`, for logs. */
  readonly scheme: "digest" | "bearer";
  /**
   * Resolves with what one attempt of a request signs with, held by that attempt alone (for digest: a nonce lane),
   * through any challenge and re-send, until {@link AuthorizationHold.release}.
   */
  hold(): Promise<AuthorizationHold>;
}

/** One attempt's hold on the authenticator. */
export interface AuthorizationHold {
  /** The `Authorization` header for this request (`undefined` for digest before its lane has a challenge). */
  header(method: string, uri: string): Promise<string | undefined>;
  /**
   * Told of a 401: returns true when sending the same request again with fresh authentication may succeed.
   * `retried` counts how often this attempt already did so.
   */
  onUnauthorized(wwwAuthenticate: string | undefined, retried: number): boolean;
  /** The attempt is over, answered or not: let the next one have what it held. Call exactly once. */
  release(): void;
}

/**
 * Digest lanes per client. Each lane draws one challenge, and a rate-limited fan-out needs few requests (waits share
 * their reads), so two keep challenges under 2 % of a 50-service fan-out's requests; two requests in flight at once
 * still outpace a project's rate limit (100 a minute) at any realistic round-trip time.
 */
export const MAX_DIGEST_LANES = 2;

/** How often one attempt signs again after its nonce is refused as stale. */
const MAX_STALE_RESIGNS = 3;

/**
 * HTTP Digest for API keys on {@link DigestLanes}: each attempt holds one lane, which draws one challenge when first
 * used and then signs with rising counts on its own nonce, so the cost does not depend on the order in which
 * concurrent requests reach the server.
 */
export function digestAuthenticator(
  publicKey: string,
  privateKey: string,
  maxLanes: number = MAX_DIGEST_LANES,
): Authenticator {
  const lanes = new DigestLanes(() => createDigestSigner(publicKey, privateKey), maxLanes);
  return {
    scheme: "digest",
    async hold() {
      const lane = await lanes.acquire();
      let released = false;
      return {
        header: (method, uri) => Promise.resolve(lane.sign(method, uri)),
        onUnauthorized(wwwAuthenticate, retried) {
          const challenge = parseDigestChallenge(wwwAuthenticate);
          if (challenge === undefined) return false;
          // A first 401 means "no nonce yet, or one the server no longer knows": sign with the new one. A later one is
          // worth answering only when the server says the nonce went stale (the password was right; a slow network can
          // outlive a short nonce lifetime more than once); otherwise the key itself was refused. Counts on a lane never
          // race, so no other refusal needs a re-send.
          const worthAnswering = retried === 0 || (challenge.stale && retried < MAX_STALE_RESIGNS);
          if (worthAnswering) lane.accept(challenge);
          return worthAnswering;
        },
        release() {
          if (released) return;
          released = true;
          lanes.release(lane);
        },
      };
    },
  };
}

/** A hold that needs no release: bearer schemes share their token freely. */
function bearerHold(
  header: () => Promise<string>,
  onUnauthorized: AuthorizationHold["onUnauthorized"],
): AuthorizationHold {
  return { header, onUnauthorized, release: () => undefined };
}

/** A fixed bearer token (`accessToken`): nothing to renew, so a 401 is final. */
export function accessTokenAuthenticator(accessToken: string): Authenticator {
  const hold = bearerHold(
    () => Promise.resolve(`Bearer ${accessToken}`),
    () => false,
  );
  return { scheme: "bearer", hold: () => Promise.resolve(hold) };
}

/** Service-account tokens, cached and renewed before they expire; concurrent calls share one fetch. */
export function serviceAccountAuthenticator(
  fetchToken: () => Promise<TokenGrant>,
  now: () => number,
  renewBeforeExpiryMs = 60_000,
): Authenticator {
  let current: { token: string; renewAtMs: number } | undefined;
  let inFlight: Promise<string> | undefined;

  const token = (): Promise<string> => {
    if (current !== undefined && now() < current.renewAtMs) return Promise.resolve(current.token);
    inFlight ??= fetchToken()
      .then((grant) => {
        const lifetimeMs = grant.expiresInS * 1000;
        // Renew a minute early, or at 90% of a short lifetime, so a token never expires in flight.
        const marginMs = Math.min(renewBeforeExpiryMs, lifetimeMs * 0.1);
        current = { token: grant.accessToken, renewAtMs: now() + lifetimeMs - marginMs };
        return grant.accessToken;
      })
      .finally(() => {
        inFlight = undefined;
      });
    return inFlight;
  };

  const hold = bearerHold(
    async () => `Bearer ${await token()}`,
    (_wwwAuthenticate, retried) => {
      // The token may have been revoked or expired early: fetch a new one once.
      current = undefined;
      return retried === 0;
    },
  );
  return { scheme: "bearer", hold: () => Promise.resolve(hold) };
}
