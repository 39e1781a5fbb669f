import * as crypto from "node:crypto";
import { AtlasClient } from "../atlas/client";
import type { CreateJournal } from "./create-journal";
import { resolveConnectionSettings, ConfigurationError, type ConfigSource } from "./settings";
import { systemClock, type Clock } from "../wait/poller";

/** What every operation works with: a client, a clock, a logger that names the resource. */
export interface OperationContext {
  readonly client: AtlasClient;
  readonly clock: Clock;
  /** Multiplies every poll time (1 = the published schedule). Below 1 only for rehearsals against an emulator. */
  readonly pollTimeScale: number;
  /** Writes one progress line about the resource. */
  log(message: string): void;
  /** Aborted when the run is cancelled (the engine's `Cancel`): every wait then ends at once. */
  readonly signal?: AbortSignal;
  /** The engine's deadline for this operation (`customTimeouts`); a resource's own `timeouts` input wins over it. */
  readonly engineTimeout?: EngineTimeout;
  /** Where creates note what they sent, so a run killed mid-create leaves a record the next run takes back. */
  readonly journal?: CreateJournal;
}

/** The engine's deadline for one operation, from the `customTimeouts` resource option. */
export interface EngineTimeout {
  readonly ms: number;
  /** How messages name it: `customTimeouts.create`. */
  readonly name: string;
}

/** What a face knows about one operation beyond the resource: where lines go, cancellation, deadline, journal. */
export interface OperationOptions {
  /** Receives each progress line instead of stdout (the plugin sends them to the engine's log for the resource). */
  readonly log?: (message: string) => void;
  readonly signal?: AbortSignal;
  readonly engineTimeout?: EngineTimeout;
  readonly journal?: CreateJournal;
}

/**
 * The context for the calls of one operation that must end by `deadlineAtMs` (from its `timeouts.*`): every call waits
 * out Atlas' rate-limit refusals until then (see {@link AtlasClient.withDeadline}).
 */
export function untilDeadline(context: OperationContext, deadlineAtMs: number): OperationContext {
  return { ...context, client: context.client.withDeadline(deadlineAtMs) };
}

/** What progress lines name: the resource type, its Pulumi name, and a short detail such as "AWS us-east-1". */
export interface ResourceSubject {
  readonly type: string;
  readonly name: string;
  readonly detail?: string;
}

/** Writes one progress line about `subject`, as every context's `log` does (also for calls that have no context). */
export function logAbout(subject: ResourceSubject, message: string): void {
  const prefix = `${subject.type} ${subject.name}${subject.detail === undefined ? "" : ` (${subject.detail})`}`;
  console.log(`${prefix}: ${message}`);
}

/** Setting of the poll time scale; in our own namespace. */
export const POLL_TIME_SCALE_KEY = "atlasPrivateEndpoint:pollTimeScale";
const POLL_TIME_SCALE_ENV = "ATLAS_PRIVATE_ENDPOINT_POLL_TIME_SCALE";

/**
 * Builds contexts for calls. Clients are kept per connection settings (keyed by a hash, so no secret is a map key),
 * because a client holds the digest nonce, the service-account token and the per-project rate-limit pause that all
 * resources of one `pulumi up` should share.
 */
export class ContextFactory {
  private readonly clients = new Map<string, AtlasClient>();

  constructor(
    private readonly stackConfig: () => ConfigSource | undefined,
    private readonly clock: Clock = systemClock,
  ) {}

  /** A context for one operation on one resource. Throws {@link ConfigurationError} for bad or missing settings. */
  forResource(subject: ResourceSubject, operation: OperationOptions = {}): OperationContext {
    const config = this.stackConfig();
    const settings = resolveConnectionSettings(config);
    const key = crypto.createHash("sha256").update(JSON.stringify(settings)).digest("hex");
    let client = this.clients.get(key);
    if (client === undefined) {
      client = new AtlasClient(settings);
      this.clients.set(key, client);
    }
    const { log, ...rest } = operation;
    return {
      client,
      clock: this.clock,
      pollTimeScale: pollTimeScale(config),
      log: log ?? ((message) => logAbout(subject, message)),
      ...rest,
    };
  }
}

function pollTimeScale(config: ConfigSource | undefined): number {
  const text = config?.get(POLL_TIME_SCALE_KEY) ?? process.env[POLL_TIME_SCALE_ENV];
  if (text === undefined || text === "") return 1;
  const scale = Number(text);
  if (!Number.isFinite(scale) || scale <= 0 || scale > 1) {
    throw new ConfigurationError(
      `${config?.keyName?.(POLL_TIME_SCALE_KEY) ?? POLL_TIME_SCALE_KEY} (or ${POLL_TIME_SCALE_ENV}) is "${text}"; use a number above 0 and at most 1 (1 = normal)`,
    );
  }
  return scale;
}
