import { createHash, randomBytes } from "node:crypto";

/** What a digest answer is computed from. */
export interface DigestInput {
  readonly username: string;
  readonly password: string;
  readonly realm: string;
  readonly nonce: string;
  readonly method: string;
  /** Request target (path and query) as it will be sent. */
  readonly uri: string;
  readonly nc: number;
  readonly cnonce?: string;
}

const md5 = (text: string): string => createHash("md5").update(text).digest("hex");

/** An RFC 7616 `Authorization: Digest …` value (MD5, qop=auth), computed independently of the emulator's code. */
export function digestAuthorization(input: DigestInput): string {
  const nc = input.nc.toString(16).padStart(8, "0");
  const cnonce = input.cnonce ?? randomBytes(8).toString("hex");
  const ha1 = md5(`${input.username}:${input.realm}:${input.password}`);
  const ha2 = md5(`${input.method}:${input.uri}`);
  const response = md5(`${ha1}:${input.nonce}:${nc}:${cnonce}:auth:${ha2}`);
  return (
    `Digest username="${input.username}", realm="${input.realm}", nonce="${input.nonce}", uri="${input.uri}", ` +
    `algorithm=MD5, response="${response}", qop=auth, nc=${nc}, cnonce="${cnonce}"`
  );
}

/** The parameters of a `WWW-Authenticate: Digest …` challenge. */
export function parseChallenge(header: string | null): Record<string, string> {
  const params: Record<string, string> = {};
  for (const m of (header ?? "").replace(/^Digest\s+/i, "").matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]*))/g)) {
    params[m[1] ?? ""] = m[2] ?? m[3] ?? "";
  }
  return params;
}
