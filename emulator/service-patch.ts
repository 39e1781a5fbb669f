import type { EmulatorState } from "./emulator-state";
import { beginDeleting, beginProvisioning, pinStatus, serviceStatus } from "./service-lifecycle";
import type { ServiceRecord } from "./service-record";

/** A change made to a service behind Atlas' back (`PATCH /__emulator/services/{id}`). */
export interface ServicePatch {
  /**
   * New status. `INITIATING` starts a new provisioning wait, `DELETING` a new deletion; anything else (`FAILED`,
   * `AVAILABLE`, `WAITING_FOR_USER`, even unknown values such as `PENDING_ACCEPTANCE`) is held until changed.
   */
  readonly status?: string;
  /** New `errorMessage` (`null` clears it). */
  readonly errorMessage?: string | null;
  /** Forget the service at once (404 from now on). */
  readonly remove?: true;
  /** `true`: the current status never changes on its own (a `DELETING` that never ends); `false` lets it go on. */
  readonly stuck?: boolean;
}

/** Thrown for a patch that is not a {@link ServicePatch}; the message names the field. */
export class ServicePatchError extends Error {
  override readonly name = "ServicePatchError";
}

/** Checks that `value` is a {@link ServicePatch}. */
export function parseServicePatch(value: unknown): ServicePatch {
  if (value === null || typeof value !== "object" || Array.isArray(value))
    throw new ServicePatchError("patch must be an object");
  const p = value as Record<string, unknown>;
  for (const key of Object.keys(p)) {
    if (!["status", "errorMessage", "remove", "stuck"].includes(key))
      throw new ServicePatchError(`unknown field "${key}"`);
  }
  if (p.status !== undefined && (typeof p.status !== "string" || p.status === "")) {
    throw new ServicePatchError("status must be a non-empty string");
  }
  if (p.errorMessage !== undefined && p.errorMessage !== null && typeof p.errorMessage !== "string") {
    throw new ServicePatchError("errorMessage must be a string or null");
  }
  if (p.remove !== undefined && p.remove !== true) throw new ServicePatchError("remove must be true when given");
  if (p.stuck !== undefined && typeof p.stuck !== "boolean") throw new ServicePatchError("stuck must be a boolean");
  return p;
}

/** Applies `patch` to `record` at `now` (removal is the caller's business). */
export function applyServicePatch(state: EmulatorState, record: ServiceRecord, patch: ServicePatch, now: number): void {
  if (patch.errorMessage !== undefined) record.errorMessage = patch.errorMessage;
  const stuck = patch.stuck ?? record.stuck;
  // Unstick first: the lifecycle helpers leave a stuck service alone.
  record.stuck = false;
  const status = patch.status ?? serviceStatus(record, now);
  const statusChanged = patch.status !== undefined;
  const phase = record.phase;
  if (status === "INITIATING") {
    if (stuck) pinStatus(record, now, status);
    else if (statusChanged || phase.kind !== "provisioning")
      beginProvisioning(record, now, state.provisionSecondsFor(record.provider));
  } else if (status === "DELETING") {
    const stuckBefore = phase.kind === "deleting" && phase.goneAt === null;
    if (statusChanged || stuck !== stuckBefore)
      beginDeleting(record, now, stuck ? null : state.settings.deletingSeconds);
  } else if (statusChanged || (stuck && phase.kind === "provisioning")) {
    pinStatus(record, now, status);
  }
  record.stuck = stuck;
}
