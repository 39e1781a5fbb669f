import { randomBytes } from "node:crypto";

/** What a bearer token resolves to. */
export type TokenLookup =
  { readonly ok: true; readonly clientId: string } | { readonly ok: false; readonly reason: "unknown" | "expired" };

/** Access tokens issued by `/api/oauth/token`: opaque random strings with an expiry. */
export class OAuthTokenStore {
  readonly #tokens = new Map<string, { readonly clientId: string; readonly expiresAt: number }>();

  /** A new token for `clientId`, valid `ttlSeconds` from `now`. */
  issue(clientId: string, ttlSeconds: number, now: number): string {
    this.#dropExpired(now);
    const token = randomBytes(32).toString("base64url");
    this.#tokens.set(token, { clientId, expiresAt: now + ttlSeconds * 1000 });
    return token;
  }

  /** Who `token` belongs to, if it is known and not expired at `now`. */
  lookup(token: string, now: number): TokenLookup {
    const entry = this.#tokens.get(token);
    if (entry === undefined) return { ok: false, reason: "unknown" };
    if (now >= entry.expiresAt) return { ok: false, reason: "expired" };
    return { ok: true, clientId: entry.clientId };
  }

  /** Forgets `token` (unknown tokens are fine, as RFC 7009 asks). */
  revoke(token: string): void {
    this.#tokens.delete(token);
  }

  /** Forgets every token. */
  clear(): void {
    this.#tokens.clear();
  }

  #dropExpired(now: number): void {
    for (const [token, entry] of this.#tokens) if (now >= entry.expiresAt) this.#tokens.delete(token);
  }
}
