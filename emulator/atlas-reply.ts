import type { AtlasResult } from "./atlas-result";
import type { Reply } from "./http-reply";
import { prettyJson } from "./pretty-json";

/** The API versions served, as they appear in the path. */
export type AtlasVersion = "v1.0" | "v2";

/** The version date of the private endpoint operations, the only one most routes have. */
export const DEFAULT_VERSION_DATE = "2023-01-01";

/** The versioned media type of a v2 version date (`application/vnd.atlas.2023-01-01+json`). */
export function atlasMediaType(versionDate: string): string {
  return `application/vnd.atlas.${versionDate}+json`;
}

/** The version dates an `Accept` header asks for, in its order (`application/vnd.atlas.<date>+json`). */
export function acceptedVersionDates(accept: string): string[] {
  return [...accept.toLowerCase().matchAll(/application\/vnd\.atlas\.(\d{4}-\d{2}-\d{2})\+json/g)].map(
    (m) => m[1] ?? "",
  );
}

/** How to print one Atlas answer. */
export interface AtlasReplyFormat {
  readonly version: AtlasVersion;
  /** v2: the version date answered with. Default {@link DEFAULT_VERSION_DATE}. */
  readonly versionDate?: string;
  /** `envelope=true`: HTTP 200 with `{status, content}`. */
  readonly envelope: boolean;
  /** `pretty=true`: indented JSON. */
  readonly pretty: boolean;
  /** `RateLimit-Limit` / `RateLimit-Remaining`, when a project bucket was consulted. */
  readonly rateLimitHeaders?: Readonly<Record<string, string>>;
}

/** Turns an {@link AtlasResult} into HTTP the way Atlas does: media type by version, errors as plain JSON. */
export function formatAtlasReply(result: AtlasResult, format: AtlasReplyFormat): Reply {
  const isError = result.errorCode !== undefined;
  const contentType =
    isError || format.version === "v1.0"
      ? "application/json"
      : `${atlasMediaType(format.versionDate ?? DEFAULT_VERSION_DATE)};charset=utf-8`;
  const body = format.envelope ? { status: result.status, content: result.body } : result.body;
  return {
    status: format.envelope ? 200 : result.status,
    headers: {
      "Content-Type": contentType,
      ...format.rateLimitHeaders,
      ...(isError ? { "X-Error-Code": result.errorCode } : {}),
      ...result.headers,
    },
    body: body === undefined ? "" : format.pretty ? prettyJson(body) : JSON.stringify(body),
  };
}

/** True when a query flag (`envelope`, `pretty`) is set to `true`. */
export function queryFlag(query: URLSearchParams, name: string): boolean {
  return query.get(name)?.toLowerCase() === "true";
}
