import type { ClusterDeclaration } from "./cluster-declaration";
import type { NonceCountPolicy } from "./digest-auth";
import type { EmulatorConfig } from "./emulator-identity";

/** `fixed`: every service takes `provisionSeconds`. `realistic`: a time drawn from real Atlas measurements. */
export type TimingMode = "fixed" | "realistic";

/**
 * Success statuses of registration create and delete. `like-services`: 201 with the body, 202 with `{}` (what Atlas
 * answers for the sibling service operations). `spec`: 200 with the body, 204 without one (what the spec documents).
 * Real answers were never recorded, so clients must accept any 2xx.
 */
export type RegistrationSuccessCodes = "like-services" | "spec";

/**
 * Status of a successful `PATCH …/privateEndpoint/regionalMode`: 202 is what Atlas was recorded answering, 200 what the
 * spec documents. Clients must accept both.
 */
export type RegionalModePatchStatus = 200 | 202;

/** A token bucket: `capacity` requests at once, refilled by `refillPerSecond` requests every second. */
export interface RateLimitOptions {
  readonly capacity: number;
  readonly refillPerSecond: number;
}

/** The settings that can also be changed at run time through `PATCH /__emulator/settings`. */
export interface EmulatorSettings {
  /** Seconds from create to `AVAILABLE` with `timing: "fixed"`. Default 2; fractions allowed. */
  readonly provisionSeconds: number;
  /**
   * `fixed` (default) or `realistic`: each service takes a time drawn at random from the recorded samples shipped
   * with the emulator, or from `provisioningTimesFile` when one is given (see there).
   */
  readonly timing: TimingMode;
  /** Seconds a deleted service shows `DELETING` before answering 404. Default 1; fractions allowed. */
  readonly deletingSeconds: number;
  /** Seconds an AWS service shows `INITIATING` again after a PATCH of its remote regions. Default 1. */
  readonly updateSeconds: number;
  /**
   * Seconds from registering a cloud endpoint to `AVAILABLE` (AWS spends the first half in `PENDING_ACCEPTANCE`, the
   * second in `PENDING`; GCP endpoints become `AVAILABLE` one by one before their group). Default 2; fractions allowed.
   * Real times were never recorded, so `timing: "realistic"` does not change it.
   */
  readonly registrationSeconds: number;
  /** Seconds a deleted registration shows `DELETING` (and stays in its service's list) before answering 404. Default 1. */
  readonly registrationDeletingSeconds: number;
  /**
   * Seconds a deleted GCP endpoint group shows `DELETED` (the spec lists it for groups) after `DELETING`, before it
   * answers 404. Default 0: straight to 404.
   */
  readonly gcpDeletedSeconds: number;
  /**
   * Seconds a deleted registration stays in its service's list after it answers 404, so the service still cannot be
   * deleted (nobody has measured this on Atlas). Default 0.
   */
  readonly registrationListedAfterGoneSeconds: number;
  /**
   * Registration answers leave out `cloudProvider`, as the one v1.0 registration answer on record does (the spec
   * requires it). Default false.
   */
  readonly omitCloudProvider: boolean;
  /** See {@link RegistrationSuccessCodes}. Default `like-services`. */
  readonly registrationSuccessCodes: RegistrationSuccessCodes;
  /**
   * Seconds a cluster stays `UPDATING` after a change that touches its private endpoint connection strings (a
   * registration in one of its regions becoming `AVAILABLE` or deleted, regional mode turned on or off); the new
   * strings show when it is `IDLE` again. Default 2; fractions allowed. Atlas' real delay was never recorded (a 2021
   * report: 3–5 minutes).
   */
  readonly clusterUpdateSeconds: number;
  /** See {@link RegionalModePatchStatus}. Default 202, as recorded. */
  readonly regionalModePatchStatus: RegionalModePatchStatus;
  /** Service attachments of a new GCP service without port mapping. Default 6, as recorded; the Atlas docs say 50. */
  readonly gcpAttachmentCount: number;
  /** Seconds a digest nonce stays valid; afterwards the server answers `stale=true`. Default 300. */
  readonly nonceTtlSeconds: number;
  /**
   * How nonce counts are checked: `strict` (default), each count on a nonce must exceed every earlier one; `unique`,
   * only a count already seen on that nonce is refused. Real Atlas' policy is not documented; clients must cope with both.
   */
  readonly nonceCountPolicy: NonceCountPolicy;
  /** Lifetime of OAuth access tokens (`expires_in`). Default 3600. */
  readonly tokenTtlSeconds: number;
  /** Token requests allowed per minute per client id on `/api/oauth/token`. Default 10. */
  readonly tokenRateLimitPerMinute: number;
  /** Per-project token bucket for Atlas calls; `null` (default) never limits. */
  readonly rateLimit: RateLimitOptions | null;
}

/** Options of {@link startEmulator}; every one is optional. */
export interface EmulatorOptions {
  /** TCP port; 0 picks a free one. Default 0 (the CLI defaults to 8484). */
  readonly port?: number;
  /** Interface to listen on. Default `127.0.0.1`. */
  readonly host?: string;
  /** See {@link EmulatorSettings.provisionSeconds}. Default 2. */
  readonly provisionSeconds?: number;
  /** See {@link EmulatorSettings.timing}. Default `fixed`. */
  readonly timing?: TimingMode;
  /**
   * A file of your own samples for `realistic` timing (`{AWS:{samples:[s…]},AZURE:…,GCP:…}`, seconds from create to
   * `AVAILABLE`), relative to the working directory. Default: none, the samples shipped with the emulator (the Atlas
   * CLI's recorded runs, `data/atlas/provisioning-times.json` in the repository, part of the package). A file that
   * cannot be read or has no samples for a provider means the recorded medians: Azure 59 s, AWS 169 s, GCP 275 s.
   */
  readonly provisioningTimesFile?: string;
  /** See {@link EmulatorSettings.deletingSeconds}. Default 1. */
  readonly deletingSeconds?: number;
  /** See {@link EmulatorSettings.updateSeconds}. Default 1. */
  readonly updateSeconds?: number;
  /** See {@link EmulatorSettings.registrationSeconds}. Default 2. */
  readonly registrationSeconds?: number;
  /** See {@link EmulatorSettings.registrationDeletingSeconds}. Default 1. */
  readonly registrationDeletingSeconds?: number;
  /** See {@link EmulatorSettings.gcpDeletedSeconds}. Default 0. */
  readonly gcpDeletedSeconds?: number;
  /** See {@link EmulatorSettings.registrationListedAfterGoneSeconds}. Default 0. */
  readonly registrationListedAfterGoneSeconds?: number;
  /** See {@link EmulatorSettings.omitCloudProvider}. Default false. */
  readonly omitCloudProvider?: boolean;
  /** See {@link EmulatorSettings.registrationSuccessCodes}. Default `like-services`. */
  readonly registrationSuccessCodes?: RegistrationSuccessCodes;
  /** See {@link EmulatorSettings.clusterUpdateSeconds}. Default 2. */
  readonly clusterUpdateSeconds?: number;
  /** See {@link EmulatorSettings.regionalModePatchStatus}. Default 202. */
  readonly regionalModePatchStatus?: RegionalModePatchStatus;
  /**
   * Clusters that exist from the start (and again after a reset): name, `REPLICASET` or `SHARDED`, and the regions
   * they have nodes in. Default none; the control API adds more at run time.
   */
  readonly clusters?: readonly ClusterDeclaration[];
  /** See {@link EmulatorSettings.gcpAttachmentCount}. Default 6. */
  readonly gcpAttachmentCount?: number;
  /** See {@link EmulatorSettings.nonceTtlSeconds}. Default 300. */
  readonly nonceTtlSeconds?: number;
  /** See {@link EmulatorSettings.nonceCountPolicy}. Default `strict`. */
  readonly nonceCountPolicy?: NonceCountPolicy;
  /** See {@link EmulatorSettings.tokenTtlSeconds}. Default 3600. */
  readonly tokenTtlSeconds?: number;
  /** See {@link EmulatorSettings.tokenRateLimitPerMinute}. Default 10. */
  readonly tokenRateLimitPerMinute?: number;
  /** See {@link EmulatorSettings.rateLimit}. Default off. */
  readonly rateLimit?: RateLimitOptions | null;
  /** Projects, API keys and service accounts added to {@link EMULATOR_IDENTITY}. */
  readonly config?: EmulatorConfig;
  /** No per-request log lines. Default `true` for {@link startEmulator}; the CLI prints them unless `--quiet`. */
  readonly quiet?: boolean;
  /** Clock in epoch milliseconds, for tests that move time. Default `Date.now`. */
  readonly now?: () => number;
  /** Random numbers in [0, 1) for timing draws and attachment order. Default `Math.random`. */
  readonly random?: () => number;
  /** Where per-request lines go when not quiet. Default `console.log`. */
  readonly logger?: (line: string) => void;
}

/** What an emulator file configuration (`--config FILE`) may hold: the options minus the functions. */
export type EmulatorFileOptions = Omit<EmulatorOptions, "now" | "random" | "logger">;
