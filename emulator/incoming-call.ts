import type { IncomingHttpHeaders } from "node:http";

/** A request as the route handlers see it: read in full, URL parsed. */
export interface IncomingCall {
  readonly method: string;
  /** The request target exactly as sent (path and query), which digest `uri` must equal. */
  readonly target: string;
  readonly url: URL;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}
