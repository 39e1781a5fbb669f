import type { AtlasVersion } from "./atlas-reply";
import type { EmulatorState } from "./emulator-state";

/** What an Atlas operation handler gets: the request, already authenticated and authorised for `projectId`. */
export interface AtlasCall {
  readonly state: EmulatorState;
  readonly projectId: string;
  /** The request path as sent (percent-encoding kept), for `RESOURCE_NOT_FOUND` answers. */
  readonly path: string;
  /** Path parameters by name (`endpointServiceId`, `cloudProvider`), still percent-encoded. */
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly body: string;
  /** The emulator clock when the request arrived; one value per request keeps every answer consistent. */
  readonly now: number;
  /** The API in the path. */
  readonly version: AtlasVersion;
  /** v2: the version date the `Accept` header chose among the route's (`2024-08-05`); v1.0: `null`. */
  readonly versionDate: string | null;
  /** `http://HOST:PORT` as the client addressed the emulator (its `Host` header), for the links in answers. */
  readonly origin: string;
}
