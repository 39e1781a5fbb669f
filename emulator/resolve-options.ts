import { parseClusterDeclaration, type ClusterSpec } from "./cluster-declaration";
import { buildIdentity, EMULATOR_IDENTITY, type Identity } from "./emulator-identity";
import type { EmulatorOptions, EmulatorSettings, RateLimitOptions } from "./emulator-options";

/** Every option with its default applied and validated once. */
export interface ResolvedOptions {
  readonly port: number;
  readonly host: string;
  readonly quiet: boolean;
  readonly provisioningTimesFile: string | undefined;
  readonly settings: EmulatorSettings;
  readonly identity: Identity;
  /** The clusters declared in the options, validated; they exist from the start and again after a reset. */
  readonly clusters: readonly ClusterSpec[];
  readonly now: () => number;
  readonly random: () => number;
  readonly logger: (line: string) => void;
}

/** The defaults of every run-time setting. */
export const DEFAULT_SETTINGS: EmulatorSettings = {
  provisionSeconds: 2,
  timing: "fixed",
  deletingSeconds: 1,
  updateSeconds: 1,
  registrationSeconds: 2,
  registrationDeletingSeconds: 1,
  gcpDeletedSeconds: 0,
  registrationListedAfterGoneSeconds: 0,
  omitCloudProvider: false,
  registrationSuccessCodes: "like-services",
  clusterUpdateSeconds: 2,
  regionalModePatchStatus: 202,
  gcpAttachmentCount: 6,
  nonceTtlSeconds: 300,
  nonceCountPolicy: "strict",
  tokenTtlSeconds: 3600,
  tokenRateLimitPerMinute: 10,
  rateLimit: null,
};

/** Applies defaults and validates; throws a `RangeError`/`TypeError` whose message names the option and value. */
export function resolveOptions(options: EmulatorOptions = {}): ResolvedOptions {
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RangeError(`port must be an integer from 0 to 65535, got ${JSON.stringify(port)}`);
  }
  const host = options.host ?? "127.0.0.1";
  if (typeof host !== "string" || host === "") throw new TypeError(`host must be a non-empty string`);
  const {
    port: _p,
    host: _h,
    config,
    clusters,
    quiet,
    provisioningTimesFile,
    now,
    random,
    logger,
    ...settings
  } = options;
  const identity = buildIdentity(config);
  return {
    port,
    host,
    quiet: quiet ?? true,
    provisioningTimesFile,
    settings: applySettings(DEFAULT_SETTINGS, settings),
    identity,
    clusters: resolveClusters(clusters, identity),
    now: now ?? Date.now,
    random: random ?? Math.random,
    logger: logger ?? ((line: string) => console.log(line)),
  };
}

/**
 * `base` with the fields of `patch` applied after validation; unknown fields are rejected so a typo in a settings
 * patch is an error, not a silent no-op.
 */
export function applySettings(base: EmulatorSettings, patch: Readonly<Record<string, unknown>>): EmulatorSettings {
  const next: Record<string, unknown> = { ...base };
  for (const [name, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    switch (name) {
      case "provisionSeconds":
      case "deletingSeconds":
      case "updateSeconds":
      case "registrationSeconds":
      case "registrationDeletingSeconds":
      case "gcpDeletedSeconds":
      case "registrationListedAfterGoneSeconds":
      case "clusterUpdateSeconds":
        next[name] = nonNegative(name, value);
        break;
      case "nonceTtlSeconds":
      case "tokenTtlSeconds":
      case "tokenRateLimitPerMinute":
        next[name] = positive(name, value);
        break;
      case "timing":
        if (value !== "fixed" && value !== "realistic") {
          throw new TypeError(`timing must be "fixed" or "realistic", got ${JSON.stringify(value)}`);
        }
        next[name] = value;
        break;
      case "registrationSuccessCodes":
        if (value !== "like-services" && value !== "spec") {
          throw new TypeError(
            `registrationSuccessCodes must be "like-services" or "spec", got ${JSON.stringify(value)}`,
          );
        }
        next[name] = value;
        break;
      case "omitCloudProvider":
        if (typeof value !== "boolean")
          throw new TypeError(`omitCloudProvider must be true or false, got ${JSON.stringify(value)}`);
        next[name] = value;
        break;
      case "regionalModePatchStatus":
        if (value !== 200 && value !== 202) {
          throw new TypeError(`regionalModePatchStatus must be 202 or 200, got ${JSON.stringify(value)}`);
        }
        next[name] = value;
        break;
      case "gcpAttachmentCount":
        if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > 100) {
          throw new RangeError(`gcpAttachmentCount must be an integer from 1 to 100, got ${JSON.stringify(value)}`);
        }
        next[name] = value;
        break;
      case "nonceCountPolicy":
        if (value !== "strict" && value !== "unique") {
          throw new TypeError(`nonceCountPolicy must be "strict" or "unique", got ${JSON.stringify(value)}`);
        }
        next[name] = value;
        break;
      case "rateLimit":
        next[name] = value === null ? null : rateLimit(value);
        break;
      default:
        throw new TypeError(`unknown setting ${JSON.stringify(name)}`);
    }
  }
  return next as unknown as EmulatorSettings;
}

/** Validates the `clusters` option: each a valid declaration, names unique per project. */
function resolveClusters(clusters: unknown, identity: Identity): ClusterSpec[] {
  if (clusters === undefined) return [];
  if (!Array.isArray(clusters)) throw new TypeError(`clusters must be an array, got ${JSON.stringify(clusters)}`);
  const specs: ClusterSpec[] = [];
  for (const [i, declaration] of (clusters as unknown[]).entries()) {
    const spec = parseClusterDeclaration(declaration, `clusters[${i}]`, EMULATOR_IDENTITY.projectId, identity.projects);
    if (specs.some((s) => s.projectId === spec.projectId && s.name === spec.name)) {
      throw new RangeError(`clusters[${i}] repeats the name ${spec.name} in project ${spec.projectId}`);
    }
    specs.push(spec);
  }
  return specs;
}

function nonNegative(name: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new RangeError(`${name} must be a number of seconds ≥ 0, got ${JSON.stringify(value)}`);
  }
  return value;
}

function positive(name: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
    throw new RangeError(`${name} must be a number > 0, got ${JSON.stringify(value)}`);
  }
  return value;
}

function rateLimit(value: unknown): RateLimitOptions {
  const v = value as Partial<RateLimitOptions> | null;
  if (v === null || typeof v !== "object") {
    throw new TypeError(`rateLimit must be {capacity, refillPerSecond} or null, got ${JSON.stringify(value)}`);
  }
  const capacity = v.capacity;
  if (typeof capacity !== "number" || !Number.isInteger(capacity) || capacity < 1) {
    throw new RangeError(`rateLimit.capacity must be an integer ≥ 1, got ${JSON.stringify(capacity)}`);
  }
  return { capacity, refillPerSecond: positive("rateLimit.refillPerSecond", v.refillPerSecond) };
}
