import type { ProviderName } from "../../regions/regions";

/** Deadlines of the provider's own waits, as duration strings such as `"45m"`, `"1h30m"` or `"90s"`. */
export interface ServiceTimeouts {
  /** Create, from the POST to a ready service. Default `"60m"`. */
  readonly create?: string;
  /** Update (PATCH of remote regions, or resuming an interrupted create). Default `"60m"`. */
  readonly update?: string;
  /** Delete, from the DELETE to Atlas answering 404. Default `"60m"`. */
  readonly delete?: string;
}

/** The inputs the provider receives, resolved (after `check`). */
export interface ServiceInputs {
  readonly projectId: string;
  readonly providerName: ProviderName;
  /** As the user wrote it; compared by its Atlas spelling. */
  readonly region: string;
  readonly portMappingEnabled?: boolean;
  readonly supportedRemoteRegions?: readonly string[];
  readonly deleteOnCreateTimeout?: boolean;
  readonly adoptExisting?: boolean;
  readonly timeouts?: ServiceTimeouts;
  /** The Pulumi resource name, set by the resource class, so log lines can name the resource. */
  readonly resourceName?: string;
}

/** Every input property name, for the unknown-property check. */
export const INPUT_NAMES: readonly (keyof ServiceInputs)[] = [
  "projectId",
  "providerName",
  "region",
  "portMappingEnabled",
  "supportedRemoteRegions",
  "deleteOnCreateTimeout",
  "adoptExisting",
  "timeouts",
  "resourceName",
];

/** Inputs as the dynamic face hands them over: with the serialized provider, which partial creates must keep. */
export type ProviderInputs = ServiceInputs & { readonly __provider?: unknown };
