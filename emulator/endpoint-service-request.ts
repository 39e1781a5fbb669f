import { isProviderName, toAtlasRegion, toNativeRegion, type ProviderName } from "../regions/regions";
import { atlasError } from "./atlas-error";
import type { AtlasResult } from "./atlas-result";

/** A validated create request, regions in Atlas spelling. */
export interface CreateRequest {
  readonly provider: ProviderName;
  readonly regionName: string;
  readonly nativeRegion: string;
  readonly portMappingEnabled: boolean;
  readonly supportedRemoteRegions: readonly string[] | null;
}

/** A validated PATCH request. */
export interface UpdateRequest {
  readonly supportedRemoteRegions: readonly string[] | null;
}

/** Either the parsed request or the Atlas error to answer with. */
export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: AtlasResult };

/** The most remote regions the spec allows. */
const MAX_REMOTE_REGIONS = 35;

/** Validates `POST …/privateEndpoint/endpointService` in the order Atlas reports problems. */
export function parseCreateRequest(text: string): Parsed<CreateRequest> {
  const json = parseObject(text);
  if (!json.ok) return json;
  const { providerName, region, portMappingEnabled, supportedRemoteRegions } = json.value;
  if (providerName === undefined || providerName === null) return fail("MISSING_ATTRIBUTE", ["providerName"]);
  if (!isProviderName(providerName)) return fail("INVALID_PROVIDER", [shown(providerName)]);
  if (region === undefined || region === null) return fail("MISSING_ATTRIBUTE", ["region"]);
  if (typeof region !== "string") return fail("INVALID_JSON_ATTRIBUTE", ["region"]);
  const regionName = toAtlasRegion(providerName, region);
  const nativeRegion = regionName === undefined ? undefined : toNativeRegion(providerName, regionName);
  if (regionName === undefined || nativeRegion === undefined) return fail("INVALID_REGION", [region, providerName]);
  if (portMappingEnabled !== undefined && portMappingEnabled !== null && typeof portMappingEnabled !== "boolean") {
    return fail("INVALID_JSON_ATTRIBUTE", ["portMappingEnabled"]);
  }
  const remote = parseRemoteRegions(supportedRemoteRegions, providerName, regionName);
  if (!remote.ok) return remote;
  return {
    ok: true,
    value: {
      provider: providerName,
      regionName,
      nativeRegion,
      portMappingEnabled: portMappingEnabled === true,
      supportedRemoteRegions: remote.value,
    },
  };
}

/** Validates `PATCH …/endpointService/{id}` for a service of `provider` in `regionName`. */
export function parseUpdateRequest(text: string, provider: ProviderName, regionName: string): Parsed<UpdateRequest> {
  const json = parseObject(text);
  if (!json.ok) return json;
  const { cloudProvider, supportedRemoteRegions } = json.value;
  if (cloudProvider === undefined || cloudProvider === null) return fail("MISSING_ATTRIBUTE", ["cloudProvider"]);
  if (!isProviderName(cloudProvider)) return fail("INVALID_PROVIDER", [shown(cloudProvider)]);
  // Cross-region support exists for AWS only; the PATCH body's enum allows nothing else.
  if (cloudProvider !== "AWS" || provider !== "AWS") {
    return fail("VALIDATION_ERROR", ["only AWS private endpoint services support remote regions"]);
  }
  const remote = parseRemoteRegions(supportedRemoteRegions, provider, regionName);
  return remote.ok ? { ok: true, value: { supportedRemoteRegions: remote.value } } : remote;
}

function parseRemoteRegions(
  value: unknown,
  provider: ProviderName,
  ownRegion: string,
): Parsed<readonly string[] | null> {
  if (value === undefined || value === null) return { ok: true, value: null };
  if (!Array.isArray(value) || value.some((r) => typeof r !== "string")) {
    return fail("INVALID_JSON_ATTRIBUTE", ["supportedRemoteRegions"]);
  }
  if (value.length > 0 && provider !== "AWS") return fail("INVALID_ATTRIBUTE", ["supportedRemoteRegions"]);
  if (value.length > MAX_REMOTE_REGIONS) {
    return fail("VALIDATION_ERROR", [`supportedRemoteRegions has more than ${MAX_REMOTE_REGIONS} regions`]);
  }
  const regions: string[] = [];
  for (const raw of value as string[]) {
    const atlas = toAtlasRegion(provider, raw);
    if (atlas === undefined) return fail("INVALID_REGION", [raw, provider]);
    if (atlas === ownRegion) return fail("CROSS_REGION_PRIVATE_LINK_SELF_REGION", [atlas]);
    if (!regions.includes(atlas)) regions.push(atlas);
  }
  return { ok: true, value: regions };
}

/** A request body that must be a JSON object; anything else is Atlas' 400 `INVALID_JSON`. */
export function parseObject(text: string): Parsed<Record<string, unknown>> {
  if (text.trim() === "") return fail("INVALID_JSON", []);
  try {
    const value: unknown = JSON.parse(text);
    if (value !== null && typeof value === "object" && !Array.isArray(value)) {
      return { ok: true, value: value as Record<string, unknown> };
    }
  } catch {
    // Falls through to the same answer as a non-object.
  }
  return fail("INVALID_JSON", []);
}

/** A request value as an error parameter: strings as they are, anything else as JSON. */
function shown(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

function fail(code: string, parameters: readonly string[]): { ok: false; error: AtlasResult } {
  return { ok: false, error: atlasError(code, parameters) };
}
