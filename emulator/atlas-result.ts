/**
 * What an Atlas operation produced, before it is turned into HTTP (media type, envelope, pretty printing and rate-limit
 * headers are added in one place, {@link formatAtlasReply}).
 */
export interface AtlasResult {
  /** HTTP status. */
  readonly status: number;
  /** The JSON body, with keys already in the order Atlas sends them; `undefined` for an answer without a body (204). */
  readonly body: unknown;
  /** Set on errors: sent as `X-Error-Code` and makes the answer `application/json`. */
  readonly errorCode?: string;
  /** Extra headers (for example `Retry-After`). */
  readonly headers?: Readonly<Record<string, string>>;
}

/** A successful Atlas answer. */
export function atlasOk(status: number, body: unknown): AtlasResult {
  return { status, body };
}
