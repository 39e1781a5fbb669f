import type { EmulatorStore } from "./emulator-store";
import type { ServiceRecord } from "./service-record";

/** Statuses after which the outputs are shown even if the clock did not get there on its own. */
const READY_STATUSES: readonly string[] = ["AVAILABLE", "WAITING_FOR_USER"];

/** The status Atlas would answer with at `now`. */
export function serviceStatus(record: ServiceRecord, now: number): string {
  switch (record.phase.kind) {
    case "provisioning":
      if (now < record.phase.readyAt) return "INITIATING";
      return record.failsWith === null ? "AVAILABLE" : "FAILED";
    case "pinned":
      return record.phase.status;
    case "deleting":
      return "DELETING";
  }
}

/** Atlas' `errorMessage` at `now`: the armed failure's once it failed, else the one set through the control API. */
export function serviceErrorMessage(record: ServiceRecord, now: number): string | null {
  const failed = record.phase.kind === "provisioning" && record.failsWith !== null && now >= record.phase.readyAt;
  return failed ? record.failsWith : record.errorMessage;
}

/** True once a deleted service has finished `DELETING`: it answers 404 and may be forgotten. */
export function isGone(record: ServiceRecord, now: number): boolean {
  return record.phase.kind === "deleting" && record.phase.goneAt !== null && now >= record.phase.goneAt;
}

/** True when the service's names are all known (it has been ready at least once). */
export function outputsComplete(record: ServiceRecord, now: number): boolean {
  return record.firstReadyAt !== null && now >= record.firstReadyAt;
}

/**
 * How many GCP attachments are visible at `now`. While first provisioning they appear a few at a time after the first
 * quarter of the wait, as the recordings show, and the last one only when the service is ready.
 */
export function revealedAttachmentCount(record: ServiceRecord, now: number): number {
  const total = record.outputs.serviceAttachmentNames.length;
  if (outputsComplete(record, now)) return total;
  if (record.phase.kind !== "provisioning" || record.firstReadyAt === null) return record.frozenReveal;
  const span = Math.max(1, record.firstReadyAt - record.createdAt);
  const progress = Math.min(1, Math.max(0, (now - record.createdAt) / span));
  if (progress < 0.25) return 0;
  return Math.min(total - 1, Math.floor((total * (progress - 0.25)) / 0.75));
}

/** When a wait of `seconds` that starts at `now` ends: at least a millisecond later, so the answer that starts the wait still says `INITIATING`. */
export function readyTime(now: number, seconds: number): number {
  return now + Math.max(1, Math.round(seconds * 1000));
}

/** Drops services that finished deleting, so they answer 404 and no longer block their region. */
export function forgetGoneServices(store: EmulatorStore, now: number): void {
  for (const record of store.services()) if (isGone(record, now)) store.removeService(record.id);
}

/** Starts (or restarts) `INITIATING`, ending `seconds` from `now`. A stuck service keeps its status. */
export function beginProvisioning(record: ServiceRecord, now: number, seconds: number): void {
  if (record.stuck) return;
  const readyAt = readyTime(now, seconds);
  if (!outputsComplete(record, now)) {
    record.firstReadyAt = Math.max(readyAt, record.phase.kind === "provisioning" ? record.phase.readyAt : 0);
  }
  const current = record.phase.kind === "provisioning" ? record.phase.readyAt : 0;
  record.phase = { kind: "provisioning", readyAt: Math.max(readyAt, current) };
}

/** Starts `DELETING`; `seconds === null` means it never ends (a stuck deletion). */
export function beginDeleting(record: ServiceRecord, now: number, seconds: number | null): void {
  freezeReveal(record, now);
  record.phase = { kind: "deleting", goneAt: seconds === null ? null : now + Math.round(seconds * 1000) };
}

/** Holds the service in `status` until told otherwise; a ready status shows the outputs at once. */
export function pinStatus(record: ServiceRecord, now: number, status: string): void {
  freezeReveal(record, now);
  if (!outputsComplete(record, now)) record.firstReadyAt = READY_STATUSES.includes(status) ? now : null;
  record.phase = { kind: "pinned", status };
}

function freezeReveal(record: ServiceRecord, now: number): void {
  if (!outputsComplete(record, now)) record.frozenReveal = revealedAttachmentCount(record, now);
}
