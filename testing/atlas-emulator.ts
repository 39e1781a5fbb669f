import { EMULATOR_IDENTITY, startEmulator, type EmulatorOptions } from "../emulator";
import { PLUGIN_PACKAGE } from "../provider/faces/plugin/config";
import {
  control,
  type ClusterDeclaration,
  type EmulatorClusterEntry,
  type EmulatorControl,
  type EmulatorRegistrationEntry,
  type EmulatorServiceEntry,
} from "./emulator-control";
import {
  failNextService,
  rejectNextRegistration,
  serviceUnavailable,
  type FailNextServiceOptions,
  type FailingService,
} from "./faults";
import type { ServiceUnavailableOptions } from "./faults";

/** One stack configuration value, in the shape of the Automation API's `ConfigValue` (`stack.setAllConfig`). */
export interface StackConfigValue {
  readonly value: string;
  readonly secret?: boolean;
}

/** Options of {@link startAtlasEmulator}: the emulator's own options, plus how fast the provider polls it. */
export interface AtlasEmulatorOptions extends EmulatorOptions {
  /**
   * Multiplier of the provider's poll times, written to the stack config as `atlasPrivateEndpoint:pollTimeScale`.
   * Default 0.01: a create that polls after 30 s in real Atlas polls after 0.3 s.
   */
  readonly pollTimeScale?: number;
}

/** A running emulator for one test file, with the stack settings that point a program at it. */
export interface AtlasEmulator {
  /** `http://127.0.0.1:PORT`. */
  readonly baseUrl: string;
  /** The project the emulator's API key owns; use it as the program's `projectId`. */
  readonly projectId: string;
  /**
   * Stack configuration for a program under test: `mongodbatlas:baseUrl`, `mongodbatlas:publicKey`,
   * `mongodbatlas:privateKey` (secret) and `atlasPrivateEndpoint:pollTimeScale`. Pass it to the Automation API's
   * `stack.setAllConfig(...)`, or to `pulumi config set` one key at a time.
   */
  readonly stackConfig: Readonly<Record<string, StackConfigValue>>;
  /**
   * The same settings in the provider plugin's namespace, for YAML, Python and Go programs:
   * `atlas-private-endpoint:baseUrl`, `:publicKey`, `:privateKey` (secret) and `:pollTimeScale`.
   */
  readonly pluginStackConfig: Readonly<Record<string, StackConfigValue>>;
  /** The whole control API, typed, for what the helpers below do not cover. */
  readonly control: EmulatorControl;
  /** Every service the emulator holds now, with its status. */
  services(): Promise<EmulatorServiceEntry[]>;
  /** Every registration of a cloud endpoint the emulator holds now, with its status. */
  registrations(): Promise<EmulatorRegistrationEntry[]>;
  /**
   * Declares a cluster in the emulator's project (or `projectId`): its name, `REPLICASET` or `SHARDED`, and the
   * regions it has nodes in. Its private connection strings appear once every region has an `AVAILABLE` endpoint.
   *
   * ```ts
   * await atlas.declareCluster({ name: "orders", clusterType: "REPLICASET", regions: [{ providerName: "AWS", regionName: "us-east-1" }] });
   * ```
   */
  declareCluster(cluster: ClusterDeclaration): Promise<EmulatorClusterEntry>;
  /** Every cluster, with its state, when that changes next, and the private endpoint entries it has now. */
  clusters(): Promise<EmulatorClusterEntry[]>;
  /** Makes the next service created (only that one) end `FAILED`; see {@link failNextService}. */
  failNextService(options?: FailNextServiceOptions): Promise<FailingService>;
  /** Makes the next registration created (only that one) end `REJECTED`/`FAILED`; see {@link rejectNextRegistration}. */
  rejectNextRegistration(): Promise<void>;
  /** Answers the next Atlas calls with 503; see {@link serviceUnavailable}. */
  serviceUnavailable(options?: ServiceUnavailableOptions): Promise<void>;
  /**
   * Forgets every service, registration, fault and setting change, and every cluster declared after the start (for a
   * `beforeEach`); the clusters of the options are declared again.
   */
  reset(): Promise<void>;
  /** Stops the emulator: the port is closed and open connections are dropped. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Timings of a test emulator: services ready in half a second, gone a fifth of a second after a delete; clusters
 * `UPDATING` for a fifth of a second after an endpoint change.
 */
const TEST_TIMINGS = {
  provisionSeconds: 0.5,
  deletingSeconds: 0.2,
  updateSeconds: 0.2,
  clusterUpdateSeconds: 0.2,
} as const;

/**
 * Starts the Atlas emulator in this process on a free loopback port, for integration tests of a program (the
 * Automation API, or the CLI). Services are ready in 0.5 s unless `options` say otherwise; `clusters` declares the
 * clusters a program connects to.
 *
 * ```ts
 * const atlas = await startAtlasEmulator();
 * await stack.setAllConfig(atlas.stackConfig);
 * await stack.up();
 * await atlas.stop();
 * ```
 */
export async function startAtlasEmulator(options: AtlasEmulatorOptions = {}): Promise<AtlasEmulator> {
  const { pollTimeScale = 0.01, ...emulatorOptions } = options;
  if (!Number.isFinite(pollTimeScale) || pollTimeScale <= 0 || pollTimeScale > 1) {
    throw new RangeError(`pollTimeScale must be above 0 and at most 1, got ${String(pollTimeScale)}`);
  }
  const startSettings = { ...TEST_TIMINGS, ...emulatorOptions };
  const running = await startEmulator(startSettings);
  const ctl = control(running.baseUrl);
  const pending = new Set<FailingService>();
  const settings = {
    baseUrl: { value: running.baseUrl },
    publicKey: { value: EMULATOR_IDENTITY.apiKey.publicKey },
    privateKey: { value: EMULATOR_IDENTITY.apiKey.privateKey, secret: true },
    pollTimeScale: { value: String(pollTimeScale) },
  };
  return {
    baseUrl: running.baseUrl,
    projectId: EMULATOR_IDENTITY.projectId,
    stackConfig: {
      "mongodbatlas:baseUrl": settings.baseUrl,
      "mongodbatlas:publicKey": settings.publicKey,
      "mongodbatlas:privateKey": settings.privateKey,
      "atlasPrivateEndpoint:pollTimeScale": settings.pollTimeScale,
    },
    pluginStackConfig: Object.fromEntries(
      Object.entries(settings).map(([key, value]) => [`${PLUGIN_PACKAGE}:${key}`, value]),
    ),
    control: ctl,
    services: () => ctl.services(),
    registrations: () => ctl.registrations(),
    rejectNextRegistration: () => rejectNextRegistration(ctl),
    declareCluster: (cluster) => ctl.declareCluster(cluster),
    clusters: () => ctl.clusters(),
    async failNextService(failOptions) {
      const failing = await failNextService(ctl, failOptions);
      pending.add(failing);
      void failing.failed.then(
        () => pending.delete(failing),
        () => pending.delete(failing),
      );
      return failing;
    },
    serviceUnavailable: (faultOptions) => serviceUnavailable(ctl, faultOptions),
    async reset() {
      for (const failing of pending) failing.cancel();
      await ctl.reset();
      // A reset goes back to the emulator's defaults; a test emulator keeps the timings it started with.
      await ctl.settings(
        pick(startSettings, ["provisionSeconds", "deletingSeconds", "updateSeconds", "clusterUpdateSeconds"]),
      );
    },
    async stop() {
      for (const failing of pending) failing.cancel();
      await running.close();
    },
  };
}

function pick<T extends object, K extends keyof T>(from: T, keys: readonly K[]): Pick<T, K> {
  return Object.fromEntries(keys.filter((k) => from[k] !== undefined).map((k) => [k, from[k]])) as Pick<T, K>;
}
