import type { ProviderName } from "../regions/regions";
import type { ClusterSpec } from "./cluster-declaration";
import { createClusterRecord } from "./cluster-record";
import { DigestAuthenticator } from "./digest-auth";
import type { Identity } from "./emulator-identity";
import type { EmulatorSettings } from "./emulator-options";
import { createMemoryStore, type EmulatorStore } from "./emulator-store";
import { ArmedFailures } from "./armed-failures";
import { FaultStore } from "./fault-store";
import { LateWrites } from "./late-writes";
import { OAuthTokenStore } from "./oauth-token-store";
import { drawSample, loadProvisioningSamples, type ProvisioningSamples } from "./provisioning-times";
import { RequestLog } from "./request-log";
import type { ResolvedOptions } from "./resolve-options";
import { TokenBuckets } from "./token-bucket";

/** Everything a running emulator knows; `reset` puts it back to how it started. */
export interface EmulatorState {
  settings: EmulatorSettings;
  readonly initialSettings: EmulatorSettings;
  readonly identity: Identity;
  /** The clusters of the options, declared again by every reset. */
  readonly initialClusters: readonly ClusterSpec[];
  readonly store: EmulatorStore;
  readonly digest: DigestAuthenticator;
  readonly tokens: OAuthTokenStore;
  readonly projectBuckets: TokenBuckets;
  readonly clientBuckets: TokenBuckets;
  readonly faults: FaultStore;
  /** Failures armed for the next creates (`POST /__emulator/failing-creates`). */
  readonly failingCreates: ArmedFailures;
  /** Operations held by `landsAfter` faults until enough later requests were answered. */
  readonly lateWrites: LateWrites;
  /** Cloud endpoint ids (and GCP endpoint names) declared missing: their registrations end `REJECTED`/`FAILED`. */
  readonly missingEndpoints: Set<string>;
  readonly log: RequestLog;
  readonly now: () => number;
  readonly random: () => number;
  /** Seconds a new service of `provider` takes to become `AVAILABLE`, under the current timing. */
  provisionSecondsFor(provider: ProviderName): number;
  /** Milliseconds a cluster stays `UPDATING` after a change (`clusterUpdateSeconds`). */
  clusterUpdateMs(): number;
}

/** A fresh state for `options`. */
export function createEmulatorState(options: ResolvedOptions): EmulatorState {
  let samples: ProvisioningSamples | undefined;
  const state: EmulatorState = {
    settings: options.settings,
    initialSettings: options.settings,
    identity: options.identity,
    initialClusters: options.clusters,
    store: createMemoryStore(),
    digest: new DigestAuthenticator(
      () => state.settings.nonceTtlSeconds,
      options.now,
      () => state.settings.nonceCountPolicy,
    ),
    tokens: new OAuthTokenStore(),
    projectBuckets: new TokenBuckets(),
    clientBuckets: new TokenBuckets(),
    faults: new FaultStore(),
    lateWrites: new LateWrites(),
    failingCreates: new ArmedFailures(),
    missingEndpoints: new Set<string>(),
    log: new RequestLog(),
    now: options.now,
    random: options.random,
    provisionSecondsFor(provider) {
      if (state.settings.timing === "fixed") return state.settings.provisionSeconds;
      // A user's file is read on first use only: most runs never ask for realistic timing.
      samples ??= loadProvisioningSamples(options.provisioningTimesFile);
      return drawSample(samples[provider], options.random);
    },
    clusterUpdateMs: () => Math.round(state.settings.clusterUpdateSeconds * 1000),
  };
  declareInitialClusters(state);
  return state;
}

function declareInitialClusters(state: EmulatorState): void {
  const now = state.now();
  for (const spec of state.initialClusters) state.store.addCluster(createClusterRecord(spec, now));
}

/**
 * Services, registrations, clusters (back to those of the options), regional mode, containers, missing cloud
 * endpoints, faults, late writes, armed failures, nonces, tokens, rate-limit buckets, the request log and settings back
 * to start.
 */
export function resetEmulatorState(state: EmulatorState): void {
  state.store.clear();
  state.faults.clear();
  state.lateWrites.clear();
  state.failingCreates.clear();
  state.missingEndpoints.clear();
  state.digest.clear();
  state.tokens.clear();
  state.projectBuckets.clear();
  state.clientBuckets.clear();
  state.log.clear();
  state.settings = state.initialSettings;
  declareInitialClusters(state);
}
