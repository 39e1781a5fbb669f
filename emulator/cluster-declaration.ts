import { isProviderName, toAtlasRegion, toNativeRegion, type ProviderName } from "../regions/regions";

/** A cluster's topology as Atlas names it. */
export type ClusterType = "REPLICASET" | "SHARDED";

/** One region a declared cluster has nodes in. */
export interface ClusterRegionDeclaration {
  /** `AWS`, `AZURE` or `GCP`. */
  readonly providerName: string;
  /** Atlas or cloud spelling (`US_EAST_1` or `us-east-1`); answers use the Atlas spelling. */
  readonly regionName: string;
  /**
   * Electable nodes in the region (1–7), each its own port in the private endpoint strings. Default 3 for the first
   * region and 2 for every other one, so the total is odd as Atlas requires.
   */
  readonly nodeCount?: number;
}

/** A cluster declared through the options, the CLI, the control API or the testing kit. */
export interface ClusterDeclaration {
  /** 24 lower-case hex digits of a project the emulator knows. Default: the built-in project. */
  readonly projectId?: string;
  /** Atlas' rule: `^[a-zA-Z0-9][a-zA-Z0-9-]*$`, at most 64 characters; unique in its project. */
  readonly name: string;
  readonly clusterType: ClusterType;
  /** One region or several (a multi-region cluster), each once, highest priority first. */
  readonly regions: readonly ClusterRegionDeclaration[];
  /**
   * What the cluster's id, host names and replica set name are derived from. Default `<projectId>/<name>`: the same
   * declaration gets the same names in every run.
   */
  readonly seed?: string;
  /** Shown as `paused`. Default false. */
  readonly paused?: boolean;
  /**
   * How long this cluster stays `UPDATING` after a change to its private endpoints, in seconds. Default: the
   * emulator's `clusterUpdateSeconds` (Atlas' update times differ per cluster; a bench draws one per cluster).
   */
  readonly updateSeconds?: number;
}

/** A region of a validated declaration. */
export interface ClusterRegion {
  readonly provider: ProviderName;
  /** Atlas spelling (`US_EAST_1`). */
  readonly regionName: string;
  /** The cloud's spelling (`us-east-1`), used in host names. */
  readonly nativeRegion: string;
  readonly nodeCount: number;
}

/** A validated, normalised {@link ClusterDeclaration}. */
export interface ClusterSpec {
  readonly projectId: string;
  readonly name: string;
  readonly clusterType: ClusterType;
  readonly regions: readonly ClusterRegion[];
  readonly seed: string;
  readonly paused: boolean;
  /** `UPDATING` time after a change, in milliseconds; `null`: the emulator's `clusterUpdateSeconds`. */
  readonly updateMs: number | null;
}

const NAME = /^[a-zA-Z0-9][a-zA-Z0-9-]*$/;
const PROJECT_ID = /^[0-9a-f]{24}$/;
const KEYS = new Set(["projectId", "name", "clusterType", "regions", "seed", "paused", "updateSeconds"]);
const REGION_KEYS = new Set(["providerName", "regionName", "nodeCount"]);

/**
 * Validates a declaration; throws a `TypeError`/`RangeError` whose message starts with `where` (`clusters[0]`) and
 * names the field, the value and what is allowed. `projects` are the project ids the emulator knows.
 */
export function parseClusterDeclaration(
  value: unknown,
  where: string,
  defaultProjectId: string,
  projects: ReadonlySet<string>,
): ClusterSpec {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new TypeError(`${where} must be an object {name, clusterType, regions}, got ${JSON.stringify(value)}`);
  }
  const d = value as Record<string, unknown>;
  for (const key of Object.keys(d)) {
    if (!KEYS.has(key)) throw new TypeError(`${where} has unknown field "${key}" (allowed: ${[...KEYS].join(", ")})`);
  }
  const projectId = d.projectId ?? defaultProjectId;
  if (typeof projectId !== "string" || !PROJECT_ID.test(projectId)) {
    throw new TypeError(`${where}.projectId must be 24 lower-case hex digits, got ${JSON.stringify(projectId)}`);
  }
  if (!projects.has(projectId)) {
    throw new RangeError(`${where}.projectId ${projectId} is not a project of the emulator: add it to config.projects`);
  }
  const { name } = d;
  if (typeof name !== "string" || !NAME.test(name) || name.length > 64) {
    throw new TypeError(
      `${where}.name must match ^[a-zA-Z0-9][a-zA-Z0-9-]*$ (at most 64 characters), got ${JSON.stringify(name)}`,
    );
  }
  const { clusterType } = d;
  if (clusterType !== "REPLICASET" && clusterType !== "SHARDED") {
    throw new TypeError(`${where}.clusterType must be "REPLICASET" or "SHARDED", got ${JSON.stringify(clusterType)}`);
  }
  if (!Array.isArray(d.regions) || d.regions.length === 0) {
    throw new TypeError(`${where}.regions must be a non-empty array of {providerName, regionName}`);
  }
  const regions = (d.regions as unknown[]).map((r, i) => parseRegion(r, `${where}.regions[${i}]`, i));
  regions.forEach((r, i) => {
    const first = regions.findIndex((o) => o.provider === r.provider && o.regionName === r.regionName);
    if (first !== i) throw new RangeError(`${where}.regions[${i}] repeats ${r.provider} ${r.regionName}`);
  });
  const seed = d.seed ?? `${projectId}/${name}`;
  if (typeof seed !== "string" || seed === "") {
    throw new TypeError(`${where}.seed must be a non-empty string, got ${JSON.stringify(seed)}`);
  }
  const paused = d.paused ?? false;
  if (typeof paused !== "boolean")
    throw new TypeError(`${where}.paused must be a boolean, got ${JSON.stringify(paused)}`);
  const { updateSeconds } = d;
  if (updateSeconds !== undefined && (typeof updateSeconds !== "number" || !(updateSeconds >= 0))) {
    throw new RangeError(
      `${where}.updateSeconds must be a number of seconds ≥ 0, got ${JSON.stringify(updateSeconds)}`,
    );
  }
  const updateMs = updateSeconds === undefined ? null : Math.round(updateSeconds * 1000);
  return { projectId, name, clusterType, regions, seed, paused, updateMs };
}

function parseRegion(value: unknown, where: string, index: number): ClusterRegion {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new TypeError(`${where} must be an object {providerName, regionName}, got ${JSON.stringify(value)}`);
  }
  const r = value as Record<string, unknown>;
  for (const key of Object.keys(r)) {
    if (!REGION_KEYS.has(key)) throw new TypeError(`${where} has unknown field "${key}"`);
  }
  const provider = r.providerName;
  if (!isProviderName(provider)) {
    throw new TypeError(`${where}.providerName must be "AWS", "AZURE" or "GCP", got ${JSON.stringify(provider)}`);
  }
  const raw = r.regionName;
  const regionName = typeof raw === "string" ? toAtlasRegion(provider, raw) : undefined;
  const nativeRegion = regionName === undefined ? undefined : toNativeRegion(provider, regionName);
  if (regionName === undefined || nativeRegion === undefined) {
    throw new RangeError(`${where}.regionName ${JSON.stringify(raw)} is not a region Atlas knows for ${provider}`);
  }
  const nodeCount = r.nodeCount ?? (index === 0 ? 3 : 2);
  if (typeof nodeCount !== "number" || !Number.isInteger(nodeCount) || nodeCount < 1 || nodeCount > 7) {
    throw new RangeError(`${where}.nodeCount must be an integer from 1 to 7, got ${JSON.stringify(nodeCount)}`);
  }
  return { provider, regionName, nativeRegion, nodeCount };
}
