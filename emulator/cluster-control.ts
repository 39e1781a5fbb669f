import type { ProviderName } from "../regions/regions";
import { parseClusterDeclaration, type ClusterType } from "./cluster-declaration";
import { clusterPhase } from "./cluster-publishing";
import { createClusterRecord, type ClusterRecord } from "./cluster-record";
import { toClusterView } from "./cluster-view";
import { EMULATOR_IDENTITY } from "./emulator-identity";
import type { EmulatorState } from "./emulator-state";
import { jsonReply, type Reply } from "./http-reply";
import type { PrivateEndpointEntry } from "./private-endpoint-entries";
import { regionalModeAt } from "./regional-mode";

/** A cluster as `GET /__emulator/clusters` shows it: what was declared, its state with timing, the whole body. */
export interface EmulatorClusterEntry {
  readonly projectId: string;
  readonly name: string;
  readonly id: string;
  readonly clusterType: ClusterType;
  readonly regions: readonly { providerName: ProviderName; regionName: string; nodeCount: number }[];
  /** The host name part after the cluster name (`<name>.<subdomain>.mongodb.net`). */
  readonly subdomain: string;
  readonly paused: boolean;
  /** The state Atlas would answer with now. */
  readonly stateName: string;
  /** True when the state was set through `PATCH /__emulator/clusters/…` and no longer follows the endpoints. */
  readonly pinned: boolean;
  /**
   * ISO time the state changes next on its own: the end of `UPDATING`, or when a known change (a registration
   * becoming `AVAILABLE`) starts the next one; `null` when nothing is scheduled.
   */
  readonly stateChangesAt: string | null;
  /** ISO time it was declared. */
  readonly createdAt: string;
  /** The `connectionStrings.privateEndpoint` entries Atlas would answer with now. */
  readonly privateEndpoint: readonly PrivateEndpointEntry[];
  /** The body `GET …/clusters/{name}` answers now with Accept 2024-08-05. */
  readonly cluster: Readonly<Record<string, unknown>>;
}

/** A change of a cluster behind Atlas' back (`PATCH /__emulator/clusters/{projectId}/{name}`). */
export interface ClusterPatch {
  /** A state to show from now on (`IDLE`, `CREATING`, `UPDATING`, `DELETING`, `REPAIRING`); `null` goes back to the derived one. */
  readonly stateName?: string | null;
  readonly paused?: boolean;
}

/** A project's regional mode as `GET /__emulator/regional-mode` shows it. */
export interface EmulatorRegionalModeEntry {
  readonly projectId: string;
  readonly enabled: boolean;
  /** ISO time of the last change; `null` when never changed. */
  readonly changedAt: string | null;
}

const STATES = ["IDLE", "CREATING", "UPDATING", "DELETING", "REPAIRING"];

/** Thrown for a control call whose body is wrong (answered 400). */
export class ClusterControlError extends Error {
  override readonly name = "ClusterControlError";
}

/** `GET /__emulator/clusters`. */
export function listClusterEntries(state: EmulatorState, origin: string): Reply {
  const now = state.now();
  return jsonReply(
    200,
    state.store.clusters().map((c) => clusterEntry(state, c, now, origin)),
  );
}

/** `POST /__emulator/clusters` with a declaration → 201 entry; 409 when the project has a cluster of that name. */
export function declareCluster(state: EmulatorState, body: unknown, origin: string): Reply {
  const spec = parseClusterDeclaration(body, "cluster", EMULATOR_IDENTITY.projectId, state.identity.projects);
  if (state.store.cluster(spec.projectId, spec.name) !== undefined) {
    return jsonReply(409, { error: `project ${spec.projectId} already has a cluster named ${spec.name}` });
  }
  const now = state.now();
  const record = createClusterRecord(spec, now);
  state.store.addCluster(record);
  return jsonReply(201, clusterEntry(state, record, now, origin));
}

/** `PATCH /__emulator/clusters/{projectId}/{name}` → 200 entry, 404 unknown. */
export function patchCluster(
  state: EmulatorState,
  projectId: string,
  name: string,
  body: unknown,
  origin: string,
): Reply {
  const record = state.store.cluster(projectId, name);
  if (record === undefined) return jsonReply(404, { error: `no cluster ${name} in project ${projectId}` });
  const patch = parseClusterPatch(body);
  if (patch.stateName !== undefined) record.pinnedState = patch.stateName;
  if (patch.paused !== undefined) record.paused = patch.paused;
  return jsonReply(200, clusterEntry(state, record, state.now(), origin));
}

/** `DELETE /__emulator/clusters/{projectId}/{name}` → 200 with the entry it had; then 404 `CLUSTER_NOT_FOUND`. */
export function removeCluster(state: EmulatorState, projectId: string, name: string, origin: string): Reply {
  const record = state.store.cluster(projectId, name);
  if (record === undefined) return jsonReply(404, { error: `no cluster ${name} in project ${projectId}` });
  const entry = clusterEntry(state, record, state.now(), origin);
  state.store.removeCluster(projectId, name);
  return jsonReply(200, entry);
}

/** `GET /__emulator/regional-mode`: every project the emulator knows. */
export function listRegionalModes(state: EmulatorState): Reply {
  const now = state.now();
  return jsonReply(
    200,
    [...state.identity.projects].map((id) => regionalModeEntry(state, id, now)),
  );
}

/**
 * `PATCH /__emulator/regional-mode/{projectId}` `{enabled}`: sets it without Atlas' checks (replica sets, endpoint
 * layout), with Atlas' effects (affected clusters go `UPDATING`).
 */
export function setRegionalMode(state: EmulatorState, projectId: string, body: unknown): Reply {
  if (!state.identity.projects.has(projectId)) return jsonReply(404, { error: `no project ${projectId}` });
  const fields = asRecord(body);
  for (const key of Object.keys(fields)) if (key !== "enabled") throw new ClusterControlError(`unknown field "${key}"`);
  const { enabled } = fields;
  if (typeof enabled !== "boolean") throw new ClusterControlError("enabled must be a boolean");
  const now = state.now();
  if (regionalModeAt(state.store.regionalModeChanges(projectId), now) !== enabled) {
    state.store.addRegionalModeChange(projectId, { at: now, enabled });
  }
  return jsonReply(200, regionalModeEntry(state, projectId, now));
}

function clusterEntry(state: EmulatorState, record: ClusterRecord, now: number, origin: string): EmulatorClusterEntry {
  const phase = clusterPhase(state.store, record, now, record.updateMs ?? state.clusterUpdateMs());
  return {
    projectId: record.projectId,
    name: record.name,
    id: record.id,
    clusterType: record.clusterType,
    regions: record.regions.map((r) => ({
      providerName: r.provider,
      regionName: r.regionName,
      nodeCount: r.nodeCount,
    })),
    subdomain: record.subdomain,
    paused: record.paused,
    stateName: phase.stateName,
    pinned: record.pinnedState !== null,
    stateChangesAt: phase.stateChangesAt === null ? null : new Date(phase.stateChangesAt).toISOString(),
    createdAt: new Date(record.createdAt).toISOString(),
    privateEndpoint: phase.privateEndpoint,
    cluster: toClusterView("2024-08-05", record, phase, { origin, apiPrefix: "/api/atlas/v2" }),
  };
}

function regionalModeEntry(state: EmulatorState, projectId: string, now: number): EmulatorRegionalModeEntry {
  const changes = state.store.regionalModeChanges(projectId).filter((c) => c.at <= now);
  const last = changes[changes.length - 1];
  return {
    projectId,
    enabled: regionalModeAt(changes, now),
    changedAt: last === undefined ? null : new Date(last.at).toISOString(),
  };
}

function parseClusterPatch(body: unknown): ClusterPatch {
  const fields = asRecord(body);
  for (const key of Object.keys(fields)) {
    if (key !== "stateName" && key !== "paused") throw new ClusterControlError(`unknown field "${key}"`);
  }
  const { stateName, paused } = fields;
  if (stateName !== undefined && stateName !== null && (typeof stateName !== "string" || !STATES.includes(stateName))) {
    throw new ClusterControlError(
      `stateName must be one of ${STATES.join(", ")} or null, got ${JSON.stringify(stateName)}`,
    );
  }
  if (paused !== undefined && typeof paused !== "boolean") throw new ClusterControlError("paused must be a boolean");
  return {
    ...(stateName === undefined ? {} : { stateName }),
    ...(paused === undefined ? {} : { paused }),
  };
}

function asRecord(value: unknown): Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new ClusterControlError("body must be a JSON object");
  }
  return value as Record<string, unknown>;
}
