import * as crypto from "node:crypto";

/** A parsed `WWW-Authenticate: Digest …` challenge. */
export interface DigestChallenge {
  readonly realm: string;
  readonly nonce: string;
  readonly qop: string | undefined;
  readonly algorithm: string | undefined;
  readonly opaque: string | undefined;
  /** The server knew our nonce but it has expired: sign again with the new one, the password was fine. */
  readonly stale: boolean;
}

/** Reads a Digest challenge; `undefined` when the header is absent or of another scheme. */
export function parseDigestChallenge(header: string | undefined): DigestChallenge | undefined {
  if (header === undefined || !/^\s*digest\s/i.test(header)) return undefined;
  const params = new Map<string, string>();
  // key=value or key="quoted value"; quoted values may hold commas, and Atlas nonces hold + and /.
  const pattern = /([a-z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))/gi;
  for (const match of header.replace(/^\s*digest\s/i, "").matchAll(pattern)) {
    const key = match[1]?.toLowerCase();
    if (key !== undefined) params.set(key, match[2] ?? match[3] ?? "");
  }
  const realm = params.get("realm");
  const nonce = params.get("nonce");
  if (realm === undefined || nonce === undefined) return undefined;
  return {
    realm,
    nonce,
    qop: params.get("qop"),
    algorithm: params.get("algorithm"),
    opaque: params.get("opaque"),
    stale: params.get("stale")?.toLowerCase() === "true",
  };
}

/**
 * Signs requests with HTTP Digest (RFC 7616, MD5, `qop=auth`), reusing the last challenge's nonce with an
 * increasing nonce count, so that after the first challenge a call costs one request instead of two.
 * The password lives only in this closure: the signer object has no field that prints or serializes it.
 */
export interface DigestSigner {
  /** The `Authorization` header for a request, or `undefined` before the first challenge. */
  sign(method: string, uri: string): string | undefined;
  /** Adopts a new challenge (nonce count restarts at 1). */
  accept(challenge: DigestChallenge): void;
  /** The nonce being reused, if any (for tests and diagnostics; not a secret). */
  readonly nonce: string | undefined;
}

/** Creates a {@link DigestSigner} for one API key. */
export function createDigestSigner(username: string, password: string): DigestSigner {
  let challenge: DigestChallenge | undefined;
  let nonceCount = 0;
  const md5 = (text: string): string => crypto.createHash("md5").update(text).digest("hex");
  return {
    get nonce() {
      return challenge?.nonce;
    },
    accept(next) {
      challenge = next;
      nonceCount = 0;
    },
    sign(method, uri) {
      if (challenge === undefined) return undefined;
      nonceCount += 1;
      const nc = nonceCount.toString(16).padStart(8, "0");
      const cnonce = crypto.randomBytes(8).toString("hex");
      const ha1 = md5(`${username}:${challenge.realm}:${password}`);
      const ha2 = md5(`${method.toUpperCase()}:${uri}`);
      const useQop = challenge.qop === undefined ? undefined : "auth";
      const response =
        useQop === undefined
          ? md5(`${ha1}:${challenge.nonce}:${ha2}`)
          : md5(`${ha1}:${challenge.nonce}:${nc}:${cnonce}:${useQop}:${ha2}`);
      const parts = [
        `username="${username}"`,
        `realm="${challenge.realm}"`,
        `nonce="${challenge.nonce}"`,
        `uri="${uri}"`,
        `algorithm=MD5`,
        `response="${response}"`,
      ];
      if (useQop !== undefined) parts.push(`qop=${useQop}`, `nc=${nc}`, `cnonce="${cnonce}"`);
      if (challenge.opaque !== undefined) parts.push(`opaque="${challenge.opaque}"`);
      return `Digest ${parts.join(", ")}`;
    },
  };
}
