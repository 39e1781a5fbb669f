import { isProviderName, toAtlasRegion, type ProviderName } from "../../regions/regions";
import { changedSettings, differs, type DiffAnswer } from "../lifecycle/diffs";
import { isUnfinishedCreate, UNFINISHED_CREATE, UNFINISHED_CREATE_NOTE } from "../lifecycle/unfinished-create";

/**
 * Compares the stored state (`olds`: inputs and outputs) with new inputs.
 * - A new project, provider or region (by Atlas spelling: `us-east-1` ≡ `US_EAST_1`), or a GCP port-mapping change,
 *   replaces the service; so does a service Atlas reported `FAILED`.
 * - The replacement is deleted first exactly when both would hold the same project+provider+region (Atlas allows one
 *   per region, so creating first would fail with 409); otherwise the new one is created before the old is deleted.
 * - Remote regions (AWS) change in place; deadlines and flags are updated in state only.
 * - A create marked unfinished (an interrupted or unconfirmed create) is a change, named by a note, so `update` resumes
 *   it; a status a refresh stored is not. (The engine updates a partial create recorded by 0.1.0, which has no mark,
 *   all the same: it carries initialization errors.)
 */
export function diffService(olds: Record<string, unknown>, news: Record<string, unknown>): DiffAnswer {
  const replaces: string[] = [];
  let sameSlot = true;

  if (differs<string>(olds["projectId"], news["projectId"], (v) => v.toLowerCase())) {
    replaces.push("projectId");
    sameSlot = false;
  }
  if (differs<string>(olds["providerName"], news["providerName"], (v) => v.toUpperCase())) {
    replaces.push("providerName");
    sameSlot = false;
  }
  const provider = providerOf(news["providerName"]) ?? providerOf(olds["providerName"]);
  const atlasSpelling = (region: string): string =>
    (provider === undefined ? undefined : toAtlasRegion(provider, region)) ?? region.toUpperCase().replace(/-/g, "_");
  if (differs(olds["region"], news["region"], atlasSpelling)) {
    replaces.push("region");
    sameSlot = false;
  }
  if (provider === "GCP" && differs(olds["portMappingEnabled"] ?? false, news["portMappingEnabled"] ?? false, String)) {
    replaces.push("portMappingEnabled");
  }
  if (olds["status"] === "FAILED") replaces.push("status");

  const remoteRegionsChanged =
    provider === "AWS" &&
    differs<string[]>(olds["supportedRemoteRegions"] ?? [], news["supportedRemoteRegions"] ?? [], (list) =>
      JSON.stringify([...list].map(atlasSpelling).sort()),
    );
  const unfinished = replaces.length === 0 && isUnfinishedCreate(olds);
  const updates = [
    ...(remoteRegionsChanged ? ["supportedRemoteRegions"] : []),
    ...changedSettings(olds, news, ["timeouts", "deleteOnCreateTimeout", "adoptExisting"]),
    ...(unfinished ? [UNFINISHED_CREATE] : []),
  ];

  return {
    changes: replaces.length > 0 || updates.length > 0,
    replaces,
    deleteBeforeReplace: replaces.length > 0 && sameSlot,
    updates,
    ...(unfinished ? { notes: [UNFINISHED_CREATE_NOTE] } : {}),
  };
}

function providerOf(value: unknown): ProviderName | undefined {
  const upper = typeof value === "string" ? value.toUpperCase() : undefined;
  return isProviderName(upper) ? upper : undefined;
}
