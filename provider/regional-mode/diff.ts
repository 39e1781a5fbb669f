import { changedSettings, differs, type DiffAnswer } from "../lifecycle/diffs";
import { storedState } from "./outputs";

/**
 * Compares the stored state (`olds`: inputs and outputs) with new inputs.
 * - Another project replaces the resource (each project has its own setting); the new one is made first.
 * - `enabled` changes in place, compared with the setting Atlas had at the last read (a change made outside the
 *   program shows as a change). Absent means off.
 * - Deadlines change state only; clusters left not `IDLE` by the last wait are a change (`pendingClusters`, an
 *   output), so `update` waits again.
 */
export function diffRegionalMode(olds: Record<string, unknown>, news: Record<string, unknown>): DiffAnswer {
  const replaces: string[] = [];
  if (differs<string>(olds["projectId"], news["projectId"], (v) => v.toLowerCase())) replaces.push("projectId");
  const enabledChanged = differs(olds["enabled"] ?? false, news["enabled"] ?? false, String);
  const unsettled = storedState(olds).pendingClusters.length > 0;
  const updates = [
    ...(enabledChanged ? ["enabled"] : []),
    ...changedSettings(olds, news, ["timeouts"]),
    ...(unsettled ? ["pendingClusters"] : []),
  ];
  return {
    changes: replaces.length > 0 || updates.length > 0,
    replaces,
    deleteBeforeReplace: false,
    updates,
  };
}
