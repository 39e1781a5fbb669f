import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** The realm Atlas challenges with. */
export const DIGEST_REALM = "MMS Public API";

/** Outcome of checking a `Digest` Authorization header. */
export type DigestVerdict =
  { readonly ok: true; readonly username: string } | { readonly ok: false; readonly stale: boolean };

/**
 * How the server judges a nonce count (`nc`) on a nonce it issued. `strict`: each count must be higher than every count
 * accepted before on that nonce, so requests sharing a nonce must arrive in the order they were signed. `unique`: any
 * count not accepted before on that nonce, in any order (RFC 7616 only asks a server to detect replays).
 */
export type NonceCountPolicy = "strict" | "unique";

interface NonceState {
  readonly issuedAt: number;
  /** Highest `nc` accepted so far (the `strict` policy). */
  lastNc: number;
  /** Every `nc` accepted so far (the `unique` policy). */
  readonly seen: Set<number>;
}

/** Nonces kept at most; the oldest go first so a flood of challenges cannot grow memory without bound. */
const MAX_NONCES = 10_000;

/**
 * Server side of RFC 7616 digest authentication as Atlas runs it: MD5, `qop="auth"`, nonces issued here that expire
 * after a TTL (then `stale=true`), `nc` checked per nonce by the {@link NonceCountPolicy} (so a client may reuse a
 * nonce), and `uri` equal to the request target including its query string.
 */
export class DigestAuthenticator {
  readonly #nonces = new Map<string, NonceState>();

  constructor(
    private readonly ttlSeconds: () => number,
    private readonly now: () => number,
    private readonly policy: () => NonceCountPolicy = () => "strict",
  ) {}

  /** A fresh `WWW-Authenticate` value, exactly as Atlas words it. */
  challenge(stale: boolean): string {
    const nonce = this.#issueNonce();
    return `Digest realm="${DIGEST_REALM}", domain="", nonce="${nonce}", algorithm=MD5, qop="auth", stale=${stale}`;
  }

  /** Checks `header` for a request `method` on `requestTarget` (path and query as sent). */
  verify(
    header: string,
    method: string,
    requestTarget: string,
    passwordFor: (username: string) => string | undefined,
  ): DigestVerdict {
    const p = parseAuthParams(header.replace(/^Digest\s+/i, ""));
    const { username, realm, nonce, uri, response, qop, nc, cnonce, algorithm } = p;
    if (username === undefined || nonce === undefined || response === undefined || nc === undefined) return REJECT;
    if (cnonce === undefined || qop !== "auth" || realm !== DIGEST_REALM || uri !== requestTarget) return REJECT;
    if (algorithm !== undefined && algorithm.toUpperCase() !== "MD5") return REJECT;
    if (!/^[0-9a-fA-F]{8}$/.test(nc)) return REJECT;
    const password = passwordFor(username);
    const state = this.#nonces.get(nonce);
    if (password === undefined || state === undefined) return REJECT;

    const ha1 = md5(`${username}:${realm}:${password}`);
    const ha2 = md5(`${method}:${uri}`);
    if (!sameText(md5(`${ha1}:${nonce}:${nc}:${cnonce}:${qop}:${ha2}`), response.toLowerCase())) return REJECT;
    // Only a correct answer learns that its nonce is merely old (RFC 7616 §3.3: stale means "retry, same password").
    if (this.now() - state.issuedAt > this.ttlSeconds() * 1000) return { ok: false, stale: true };
    const count = parseInt(nc, 16);
    const refused = this.policy() === "strict" ? count <= state.lastNc : state.seen.has(count);
    if (refused) return REJECT;
    state.lastNc = Math.max(state.lastNc, count);
    state.seen.add(count);
    return { ok: true, username };
  }

  /** Forgets every nonce. */
  clear(): void {
    this.#nonces.clear();
  }

  #issueNonce(): string {
    const now = this.now();
    // Expired nonces are kept for one more TTL so a late client still learns `stale=true`.
    const keepMs = 2 * this.ttlSeconds() * 1000;
    for (const [nonce, state] of this.#nonces) {
      if (now - state.issuedAt <= keepMs && this.#nonces.size < MAX_NONCES) break;
      this.#nonces.delete(nonce);
    }
    // 24 random bytes are 32 base64 characters without padding, the length Atlas uses (and `+`, `/` may appear).
    const nonce = randomBytes(24).toString("base64");
    this.#nonces.set(nonce, { issuedAt: now, lastNc: 0, seen: new Set() });
    return nonce;
  }
}

const REJECT: DigestVerdict = { ok: false, stale: false };

function md5(text: string): string {
  return createHash("md5").update(text, "utf8").digest("hex");
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Parses `name=value, name="quoted \"value\""` lists (RFC 7235 auth-params); later duplicates are ignored. */
export function parseAuthParams(text: string): Partial<Record<string, string>> {
  const params: Record<string, string> = {};
  const pattern = /\s*([A-Za-z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))\s*(?:,|$)/y;
  let match: RegExpExecArray | null;
  while (pattern.lastIndex < text.length && (match = pattern.exec(text)) !== null) {
    const name = (match[1] ?? "").toLowerCase();
    const value = match[2] !== undefined ? match[2].replace(/\\(.)/g, "$1") : (match[3] ?? "");
    if (!(name in params)) params[name] = value;
  }
  return params;
}
