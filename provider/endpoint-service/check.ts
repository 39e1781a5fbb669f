import { PROVIDER_NAMES, isProviderName, suggestRegions, toAtlasRegion, type ProviderName } from "../atlas/regions";
import { INPUT_NAMES, parseDurationMs, type ServiceInputs } from "./inputs";

/** The value the engine sends for an input not known yet (during preview). */
export const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** One rejected input: the property and a sentence naming the value and the fix. */
export interface CheckFailure {
  readonly property: string;
  readonly reason: string;
}

/** At most this many remote regions per AWS service (Atlas' limit). */
export const MAX_REMOTE_REGIONS = 35;

const TIMEOUT_KEYS = ["create", "update", "delete"] as const;

/**
 * Validates and normalises inputs without any network call (it also runs in preview). The provider name is
 * upper-cased; the region keeps the user's spelling (diff compares Atlas spellings). Unknown values pass through.
 */
export function checkInputs(news: Record<string, unknown>): {
  inputs: Record<string, unknown>;
  failures: CheckFailure[];
} {
  const failures: CheckFailure[] = [];
  const fail = (property: string, reason: string): void => {
    failures.push({ property, reason });
  };
  const inputs: Record<string, unknown> = { ...news };

  for (const key of Object.keys(news)) {
    if (key === "__provider" || (INPUT_NAMES as readonly string[]).includes(key)) continue;
    fail(
      key,
      `unknown property "${key}"; PrivateEndpointService takes ${INPUT_NAMES.filter((n) => n !== "resourceName").join(", ")}`,
    );
  }

  checkProjectId(news["projectId"], inputs, fail);
  const provider = checkProviderName(news["providerName"], inputs, fail);
  const homeRegion = checkRegion(news["region"], provider, fail);
  checkPortMapping(news["portMappingEnabled"], provider, fail);
  checkRemoteRegions(news["supportedRemoteRegions"], provider, homeRegion, fail);
  for (const flag of ["deleteOnCreateTimeout", "adoptExisting"] as const) {
    const value = news[flag];
    if (value !== undefined && value !== UNKNOWN_VALUE && typeof value !== "boolean") {
      fail(flag, `${flag} must be true or false, got ${show(value)}`);
    }
  }
  checkTimeouts(news["timeouts"], fail);
  const resourceName = news["resourceName"];
  if (resourceName !== undefined && typeof resourceName !== "string") {
    fail("resourceName", `resourceName is set by the resource itself; remove ${show(resourceName)} from the inputs`);
  }
  return { inputs, failures };
}

type Fail = (property: string, reason: string) => void;

function checkProjectId(value: unknown, inputs: Record<string, unknown>, fail: Fail): void {
  if (value === UNKNOWN_VALUE) return;
  if (value === undefined || value === "") {
    fail(
      "projectId",
      "projectId is required: the 24-digit hex id of the Atlas project (Project Settings in Atlas, or mongodbatlas.Project's id)",
    );
    return;
  }
  if (typeof value !== "string" || !/^[0-9a-fA-F]{24}$/.test(value.trim())) {
    fail(
      "projectId",
      `projectId ${show(value)} is not an Atlas project id; use the 24-digit hex id, e.g. 0123456789abcdef01234567`,
    );
    return;
  }
  inputs["projectId"] = value.trim().toLowerCase();
}

function checkProviderName(value: unknown, inputs: Record<string, unknown>, fail: Fail): ProviderName | undefined {
  if (value === UNKNOWN_VALUE) return undefined;
  const upper = typeof value === "string" ? value.trim().toUpperCase() : undefined;
  if (isProviderName(upper)) {
    inputs["providerName"] = upper;
    return upper;
  }
  fail(
    "providerName",
    value === undefined
      ? `providerName is required; use one of ${PROVIDER_NAMES.join(", ")}`
      : `providerName ${show(value)} is not a provider Atlas offers private endpoints for; use one of ${PROVIDER_NAMES.join(", ")}`,
  );
  return undefined;
}

function checkRegion(value: unknown, provider: ProviderName | undefined, fail: Fail): string | undefined {
  if (value === UNKNOWN_VALUE) return undefined;
  if (typeof value !== "string" || value.trim() === "") {
    fail("region", `region is required and must be a string (e.g. "us-east-1" or "US_EAST_1"), got ${show(value)}`);
    return undefined;
  }
  if (provider === undefined) return undefined;
  const atlas = toAtlasRegion(provider, value);
  if (atlas !== undefined) return atlas;
  fail("region", unknownRegionReason("region", value, provider));
  return undefined;
}

function unknownRegionReason(property: string, region: string, provider: ProviderName): string {
  const owners = PROVIDER_NAMES.filter((other) => other !== provider && toAtlasRegion(other, region) !== undefined);
  if (owners.length > 0) {
    return `${property} "${region}" is a region of ${owners.join(" and ")}, not of ${provider}; pick a ${provider} region or change providerName`;
  }
  const suggestions = suggestRegions(provider, region);
  const hint = suggestions.length > 0 ? `; did you mean ${suggestions.map((s) => `"${s}"`).join(" or ")}?` : "";
  return `${property} "${region}" is not a ${provider} region Atlas knows${hint} Use the cloud's name (e.g. ${example(provider)}) or the Atlas name`;
}

function example(provider: ProviderName): string {
  return { AWS: '"us-east-1" / "US_EAST_1"', AZURE: '"eastus2" / "US_EAST_2"', GCP: '"us-central1" / "CENTRAL_US"' }[
    provider
  ];
}

function checkPortMapping(value: unknown, provider: ProviderName | undefined, fail: Fail): void {
  if (value === undefined || value === UNKNOWN_VALUE) return;
  if (typeof value !== "boolean") {
    fail("portMappingEnabled", `portMappingEnabled must be true or false, got ${show(value)}`);
  } else if (provider !== undefined && provider !== "GCP") {
    fail("portMappingEnabled", `portMappingEnabled applies to GCP only; remove it for ${provider}`);
  }
}

function checkRemoteRegions(
  value: unknown,
  provider: ProviderName | undefined,
  homeRegion: string | undefined,
  fail: Fail,
): void {
  const property = "supportedRemoteRegions";
  if (value === undefined || value === UNKNOWN_VALUE) return;
  if (provider !== undefined && provider !== "AWS") {
    fail(property, `${property} applies to AWS only; remove it for ${provider}`);
    return;
  }
  if (!Array.isArray(value)) {
    fail(property, `${property} must be a list of AWS regions (e.g. ["us-west-2"]), got ${show(value)}`);
    return;
  }
  if (value.length > MAX_REMOTE_REGIONS) {
    fail(
      property,
      `${property} lists ${value.length} regions; Atlas allows at most ${MAX_REMOTE_REGIONS}. Remove ${value.length - MAX_REMOTE_REGIONS}`,
    );
  }
  const seen = new Set<string>();
  value.forEach((region: unknown, index) => {
    const at = `${property}[${index}]`;
    if (region === UNKNOWN_VALUE) return;
    if (typeof region !== "string") {
      fail(at, `${at} must be a region name string, got ${show(region)}`);
      return;
    }
    const atlas = toAtlasRegion("AWS", region);
    if (atlas === undefined) {
      fail(at, unknownRegionReason(at, region, "AWS"));
    } else if (atlas === homeRegion) {
      fail(
        at,
        `${at} "${region}" is the service's own region; list only other regions (Atlas refuses CROSS_REGION_PRIVATE_LINK_SELF_REGION)`,
      );
    } else if (seen.has(atlas)) {
      fail(at, `${at} "${region}" is listed twice; remove the duplicate`);
    }
    if (atlas !== undefined) seen.add(atlas);
  });
}

function checkTimeouts(value: unknown, fail: Fail): void {
  if (value === undefined || value === UNKNOWN_VALUE) return;
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    fail("timeouts", `timeouts must be an object such as { create: "45m", delete: "20m" }, got ${show(value)}`);
    return;
  }
  for (const [key, duration] of Object.entries(value)) {
    const at = `timeouts.${key}`;
    if (!(TIMEOUT_KEYS as readonly string[]).includes(key)) {
      fail(at, `unknown timeout "${key}"; use create, update or delete`);
    } else if (duration !== undefined && duration !== UNKNOWN_VALUE) {
      if (typeof duration !== "string" || parseDurationMs(duration) === undefined) {
        fail(at, `${at} ${show(duration)} is not a duration; write it like "45m", "1h30m" or "90s"`);
      }
    }
  }
}

function show(value: unknown): string {
  if (value === undefined) return "nothing";
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** The inputs after a successful check, typed. */
export function asServiceInputs(inputs: Record<string, unknown>): ServiceInputs {
  return inputs as unknown as ServiceInputs;
}
