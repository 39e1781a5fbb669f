import { createDigestSigner, parseDigestChallenge } from "./digest";

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
  /** The `Authorization` header for this request (may be `undefined` before a digest challenge). */
  authorize(method: string, uri: string): Promise<string | undefined>;
  /** Told that a signed request succeeded: the credentials are good. */
  onAccepted(): void;
  /** Told that a request sent without `Authorization` got its answer (or none), after any challenge was adopted. */
  onUnsignedExchangeEnd(): void;
  /**
   * Told of a 401: returns true when sending the same request again with fresh authentication may succeed.
   * `retried` counts how often this call already did so.
   */
  onUnauthorized(wwwAuthenticate: string | undefined, retried: number): Promise<boolean>;
}

/** HTTP Digest for API keys: one challenge, then the nonce is reused with a rising count. */
export function digestAuthenticator(publicKey: string, privateKey: string): Authenticator {
  const signer = createDigestSigner(publicKey, privateKey);
  // Once a signed request has succeeded the key is known to be good. A later refusal is then about the nonce: expired,
  // or a nonce count overtaken by a concurrent request that reached the server first.
  let keyAccepted = false;
  // Before the first challenge one request goes out unsigned to draw it; concurrent calls wait for it rather than each
  // drawing a challenge of their own (fifty resources in one `up` would otherwise cost fifty extra requests).
  let drawing: { done: Promise<void>; release: () => void } | undefined;
  return {
    scheme: "digest",
    async authorize(method, uri) {
      while (signer.nonce === undefined && drawing !== undefined) await drawing.done;
      if (signer.nonce === undefined) {
        let release = (): void => undefined;
        const done = new Promise<void>((resolve) => (release = resolve));
        drawing = { done, release };
        return undefined;
      }
      return signer.sign(method, uri);
    },
    onAccepted() {
      keyAccepted = true;
    },
    onUnsignedExchangeEnd() {
      const finished = drawing;
      drawing = undefined;
      finished?.release();
    },
    onUnauthorized(wwwAuthenticate, retried) {
      const challenge = parseDigestChallenge(wwwAuthenticate);
      if (challenge === undefined) return Promise.resolve(false);
      // A first 401 means "no or old nonce": sign with the new one. After that, answer again only when the server says
      // the nonce went stale, or (a few times) when the key is known to be good; otherwise the key itself was refused.
      if (keyAccepted && !challenge.stale && retried === 0) {
        // Most likely a concurrent request with a higher count got there first and our nonce is still good: sign again
        // with it (the count only rises) rather than adopt the new one, which would restart every other call's count.
        return Promise.resolve(true);
      }
      const worthAnswering =
        retried === 0 || (retried === 1 && challenge.stale) || (keyAccepted && retried < MAX_NONCE_RACES);
      if (worthAnswering) signer.accept(challenge);
      return Promise.resolve(worthAnswering);
    },
  };
}

/** How often one request may be re-signed after losing a nonce-count race, with a key known to be good. */
const MAX_NONCE_RACES = 4;

/** A fixed bearer token (`accessToken`): nothing to renew, so a 401 is final. */
export function accessTokenAuthenticator(accessToken: string): Authenticator {
  return {
    scheme: "bearer",
    authorize: () => Promise.resolve(`Bearer ${accessToken}`),
    onAccepted: () => undefined,
    onUnsignedExchangeEnd: () => undefined,
    onUnauthorized: () => Promise.resolve(false),
  };
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

  return {
    scheme: "bearer",
    authorize: async () => `Bearer ${await token()}`,
    onAccepted: () => undefined,
    onUnsignedExchangeEnd: () => undefined,
    onUnauthorized(_wwwAuthenticate, retried) {
      // The token may have been revoked or expired early: fetch a new one once.
      current = undefined;
      return Promise.resolve(retried === 0);
    },
  };
}
