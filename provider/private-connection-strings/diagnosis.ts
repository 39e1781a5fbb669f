import type { AtlasCluster } from "../atlas/types";
import { sameEndpointId } from "../lifecycle/endpoint-ids";
import { IDLE, clusterRegionsOf, entriesOf, holds, idsOf, pickEntry, type ClusterRegion } from "./entry";
import type { RegisteredEndpoint } from "./registered-endpoints";

/** Endpoint ids longer than this are shortened (an Azure ARM id is long; its end names the endpoint). */
const SHOWN_ID_MAX_CHARS = 60;

/**
 * What stands between the cluster's answer and the entry of `endpointIds`, in the user's terms: the ids not yet linked,
 * the regions of the cluster that still have no endpoint ("orders has nodes in US_EAST_1 and EU_WEST_1; endpoints are
 * registered in US_EAST_1 only: register one in EU_WEST_1 as well"), ids registered nowhere or where the cluster has
 * no nodes, and the cluster's state. `registered` (the project's registrations) is what tells which region an
 * unlinked endpoint is in; without it, the regions are judged from the entries alone.
 */
export function diagnose(
  cluster: AtlasCluster,
  endpointIds: readonly string[],
  registered: readonly RegisteredEndpoint[] | undefined,
): string {
  const name = cluster.name;
  const state = cluster.stateName ?? "in no known state";
  if (pickEntry(cluster, endpointIds) !== undefined) {
    return `${name} lists the entry of ${list(endpointIds.map(shown))}; waiting for ${name} to be ${IDLE} (it is ${state})`;
  }
  const entries = entriesOf(cluster);
  const notLinked = endpointIds.filter((id) => !entries.some((entry) => holds(idsOf(entry), id)));
  const sentences: string[] = [
    notLinked.length === 0
      ? `${list(endpointIds.map(shown))} are linked to ${name} but in different entries (regional mode gives one per region): give the ids of one entry`
      : `${list(notLinked.map(shown))} ${notLinked.length === 1 ? "is" : "are"} not linked to ${name} yet`,
  ];
  if (cluster.paused === true)
    sentences.push(`${name} is paused: Atlas publishes its private strings once it is resumed`);
  else if (cluster.stateName !== IDLE) sentences.push(`${name} is ${state}`);

  const regions = clusterRegionsOf(cluster);
  const regionLabel = regionNamer(regions);
  if (registered === undefined) {
    if (entries.length === 0 && regions.length > 0) {
      sentences.push(
        `${name} has nodes in ${list(regions.map(regionLabel))}; Atlas lists entries only once each of them has an AVAILABLE endpoint`,
      );
    }
    return sentences.join("; ");
  }

  const covered = (r: ClusterRegion): boolean =>
    registered.some((e) => e.providerName === r.providerName && e.region === r.region);
  const present = regions.filter(covered);
  const missing = regions.filter((r) => !covered(r));
  if (regions.length > 0 && missing.length > 0) {
    const where = `${name} has nodes in ${list(regions.map(regionLabel))}`;
    sentences.push(
      present.length > 0
        ? `${where}; endpoints are registered in ${list(present.map(regionLabel))} only: register one in ${list(missing.map(regionLabel))} as well`
        : regions.length === 1
          ? `${where}, where no endpoint is registered: register one there`
          : `${where}; no endpoint is registered in any of them: register one in each`,
    );
  }
  let misplaced = false;
  for (const id of notLinked) {
    const found = registered.filter((e) => sameEndpointId(e.endpointId, id));
    if (found.length === 0) {
      misplaced = true;
      sentences.push(
        `${shown(id)} is not registered with any endpoint service of the project: register it (PrivateEndpoint)`,
      );
    } else if (!found.some((e) => regions.some((r) => r.providerName === e.providerName && r.region === e.region))) {
      misplaced = true;
      sentences.push(
        `${shown(id)} is registered in ${list(found.map((e) => `${e.providerName} ${e.region}`))}, where ${name} has no nodes`,
      );
    }
  }
  if (missing.length === 0 && !misplaced && cluster.stateName === IDLE && cluster.paused !== true) {
    sentences.push(
      `every region of ${name} has a registered endpoint: Atlas publishes the strings once the endpoints are AVAILABLE, some minutes after linking`,
    );
  }
  return sentences.join("; ");
}

/** How regions are named: `US_EAST_1` when the cluster is on one cloud, `AWS US_EAST_1` when on several. */
function regionNamer(regions: readonly ClusterRegion[]): (region: ClusterRegion) => string {
  const oneCloud = new Set(regions.map((r) => r.providerName)).size <= 1;
  return (r) => (oneCloud ? r.region : `${r.providerName} ${r.region}`);
}

/** An endpoint id as messages show it: ARM ids longer than 60 characters by their end. */
export function shown(id: string): string {
  return id.length > SHOWN_ID_MAX_CHARS ? `…${id.slice(-40)}` : id;
}

/** "A", "A and B", "A, B and C". */
function list(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1] ?? ""}`;
}
