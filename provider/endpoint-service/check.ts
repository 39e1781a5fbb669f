import { PROVIDER_NAMES, suggestRegions, toAtlasRegion, type ProviderName } from "../../regions/regions";
import {
  UNKNOWN_VALUE,
  checkProviderName,
  show,
  withArticle,
  type Fail,
  checkResourceInputs,
  type InputRules,
} from "../lifecycle/checks";
import type { CheckAnswer } from "../lifecycle/description";
import { INPUT_NAMES, type ServiceInputs } from "./inputs";

/** At most this many remote regions per AWS service (Atlas' limit). */
export const MAX_REMOTE_REGIONS = 35;

const TIMEOUT_KEYS = ["create", "update", "delete"] as const;

const RULES: InputRules = {
  resourceType: "PrivateEndpointService",
  inputNames: INPUT_NAMES,
  flags: ["deleteOnCreateTimeout", "adoptExisting"],
  timeoutKeys: TIMEOUT_KEYS,
};

/**
 * Validates and normalises inputs without any network call (it also runs in preview). The provider name is
 * upper-cased; the region keeps the user's spelling (diff compares Atlas spellings). Unknown values pass through.
 */
export function checkInputs(news: Record<string, unknown>): CheckAnswer {
  return checkResourceInputs(news, RULES, (inputs, fail) => {
    const provider = checkProviderName(news["providerName"], inputs, fail);
    const homeRegion = checkRegion(news["region"], provider, fail);
    checkPortMapping(news["portMappingEnabled"], provider, fail);
    checkRemoteRegions(news["supportedRemoteRegions"], provider, homeRegion, fail);
  });
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
    return `${property} ${show(region)} is a region of ${owners.join(" and ")}, not of ${provider}; pick ${withArticle(provider)} region or change providerName`;
  }
  // A long text is no misspelling of a region name; comparing it with each would only cost time.
  const suggestions = region.length <= 60 ? suggestRegions(provider, region) : [];
  const hint = suggestions.length > 0 ? `; did you mean ${suggestions.map((s) => `"${s}"`).join(" or ")}?` : "";
  return `${property} ${show(region)} is not ${withArticle(provider)} region Atlas knows${hint} Use the cloud's name (e.g. ${example(provider)}) or the Atlas name`;
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
        `${at} ${show(region)} is the service's own region; list only other regions (Atlas refuses CROSS_REGION_PRIVATE_LINK_SELF_REGION)`,
      );
    } else if (seen.has(atlas)) {
      fail(at, `${at} ${show(region)} is listed twice; remove the duplicate`);
    }
    if (atlas !== undefined) seen.add(atlas);
  });
}

/** The inputs after a successful check, typed. */
export function asServiceInputs(inputs: Record<string, unknown>): ServiceInputs {
  return inputs as unknown as ServiceInputs;
}
