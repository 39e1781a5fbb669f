import type { ProviderName } from "../atlas/regions";

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

/** What the provider stores: the inputs plus everything Atlas answered (names as the official resource). */
export interface ServiceOutputs extends Omit<ServiceInputs, "supportedRemoteRegions" | "portMappingEnabled"> {
  readonly privateLinkId: string;
  readonly status: string;
  readonly errorMessage: string | null;
  readonly regionName: string;
  readonly endpointServiceName: string | null;
  readonly interfaceEndpoints: string[];
  readonly supportedRemoteRegions: string[];
  readonly privateEndpoints: string[];
  readonly privateLinkServiceName: string | null;
  readonly privateLinkServiceResourceId: string | null;
  readonly endpointGroupNames: string[];
  readonly serviceAttachmentNames: string[];
  readonly portMappingEnabled: boolean | null;
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

/** The default deadline of each wait: one hour, as the official provider. */
export const DEFAULT_TIMEOUT_MS = 60 * 60 * 1000;

const DURATION_UNITS_MS: Readonly<Record<string, number>> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 };

/**
 * Parses a duration such as `"45m"`, `"1h30m"`, `"90s"` or `"1500ms"` to milliseconds;
 * `undefined` when the text is not a positive duration.
 */
export function parseDurationMs(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^(\d+(\.\d+)?(ms|h|m|s))+$/.test(trimmed)) return undefined;
  let totalMs = 0;
  for (const match of trimmed.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)) {
    totalMs += Number(match[1]) * (DURATION_UNITS_MS[match[2] ?? ""] ?? Number.NaN);
  }
  return Number.isFinite(totalMs) && totalMs > 0 ? totalMs : undefined;
}

/** The deadline of one wait, in milliseconds (inputs were checked, so an unparseable value falls back to the default). */
export function timeoutMs(inputs: Pick<ServiceInputs, "timeouts">, which: keyof ServiceTimeouts): number {
  const text = inputs.timeouts?.[which];
  return (text === undefined ? undefined : parseDurationMs(text)) ?? DEFAULT_TIMEOUT_MS;
}
