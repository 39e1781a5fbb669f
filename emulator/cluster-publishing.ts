import type { ClusterRecord } from "./cluster-record";
import type { EmulatorStore } from "./emulator-store";
import { availabilityWindow, isAvailableAt, type EndpointLink } from "./endpoint-link";
import { isRegionalModeAffected, privateEndpointEntries, type PrivateEndpointEntry } from "./private-endpoint-entries";
import { regionalModeAt } from "./regional-mode";

/** A cluster's state and published entries at one moment. */
export interface ClusterPhase {
  /** `IDLE` or `UPDATING` as derived, or the state pinned through the control API. */
  readonly stateName: string;
  /** When the derived state changes next (end of `UPDATING`, or the start of a known future change); `null`: never. */
  readonly stateChangesAt: number | null;
  readonly privateEndpoint: readonly PrivateEndpointEntry[];
}

/**
 * Derives a cluster's phase at `now` without timers. A change that touches the cluster (a registration in one of its
 * regions becoming `AVAILABLE` or being deleted; regional mode turned on or off, for the clusters whose strings it
 * changes) puts it in `UPDATING` for `updateMs`; each change shows in the entries once its `updateMs` have passed.
 * Changes before the cluster was declared show at once.
 */
export function clusterPhase(
  store: EmulatorStore,
  cluster: ClusterRecord,
  now: number,
  updateMs: number,
): ClusterPhase {
  const links = store
    .endpointLinks(cluster.projectId)
    .filter((l) => cluster.regions.some((r) => r.provider === l.provider && r.regionName === l.regionName));
  const modeChanges = store.regionalModeChanges(cluster.projectId);
  const changes = changeTimes(links, isRegionalModeAffected(cluster) ? modeChanges.map((c) => c.at) : []).filter(
    (at) => at > cluster.createdAt,
  );

  const settledAt = Math.max(cluster.createdAt, ...changes.filter((at) => at + updateMs <= now));
  const available = links.filter((l) => isAvailableAt(l, settledAt));
  const privateEndpoint = privateEndpointEntries(cluster, available, regionalModeAt(modeChanges, settledAt));

  const updating = changes.some((at) => at <= now && now < at + updateMs);
  if (cluster.pinnedState !== null) return { stateName: cluster.pinnedState, stateChangesAt: null, privateEndpoint };
  if (!updating) {
    const next = changes.filter((at) => at > now);
    return { stateName: "IDLE", stateChangesAt: next.length === 0 ? null : Math.min(...next), privateEndpoint };
  }
  // Changes that start before the current run of UPDATING ends extend it.
  let end = now;
  for (;;) {
    const extended = Math.max(end, ...changes.filter((at) => at <= end).map((at) => at + updateMs));
    if (extended === end) break;
    end = extended;
  }
  return { stateName: "UPDATING", stateChangesAt: end, privateEndpoint };
}

/** When the cluster's inputs change: links becoming `AVAILABLE` or deleted once available, and regional-mode flips. */
function changeTimes(links: readonly EndpointLink[], modeFlips: readonly number[]): number[] {
  const times = new Set<number>(modeFlips);
  for (const link of links) {
    const window = availabilityWindow(link);
    if (window === null) continue;
    times.add(window.from);
    if (window.until !== null) times.add(window.until);
  }
  return [...times].sort((a, b) => a - b);
}
