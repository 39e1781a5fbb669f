import { changedSettings, differs, type DiffAnswer } from "../lifecycle/diffs";
import { hasEntry } from "./outputs";

/**
 * Compares the stored state (`olds`: inputs and outputs) with new inputs:
 * - a new project, cluster or set of endpoint ids replaces (a new wait); the order of the ids is no change;
 * - nothing exists in Atlas, so the replacement never has to go first: create before delete, the default;
 * - `timeouts` changes state only, and an entry a refresh found gone is a change (`srvConnectionString`, an output
 *   that the next `update` fills again by waiting for it).
 */
export function diffConnectionStrings(olds: Record<string, unknown>, news: Record<string, unknown>): DiffAnswer {
  const replaces: string[] = [];
  if (differs<string>(olds["projectId"], news["projectId"], (v) => v.toLowerCase())) replaces.push("projectId");
  if (differs<string>(olds["clusterName"], news["clusterName"], (v) => v)) replaces.push("clusterName");
  if (differs<string[]>(olds["endpointIds"], news["endpointIds"], idsKey)) replaces.push("endpointIds");
  const updates = [...changedSettings(olds, news, ["timeouts"]), ...(hasEntry(olds) ? [] : ["srvConnectionString"])];
  return {
    changes: replaces.length > 0 || updates.length > 0,
    replaces,
    deleteBeforeReplace: false,
    updates,
  };
}

/** The ids as a set: sorted, ARM ids without case. */
function idsKey(ids: string[]): string {
  return JSON.stringify(ids.map((id) => (id.startsWith("/") ? id.toLowerCase() : id)).sort());
}
