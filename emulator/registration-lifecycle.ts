import type { EmulatorStore } from "./emulator-store";
import { randomUuid } from "./object-id";
import type { RegistrationRecord } from "./registration-record";
import type { RegistrationRequest } from "./registration-request";
import { readyTime } from "./service-lifecycle";

/** The status field of a registration at `now`: AWS `connectionStatus`, Azure and GCP `status`. */
export function registrationStatus(record: RegistrationRecord, now: number): string {
  if (record.deletion !== null) return now < record.deletion.deletedAt ? "DELETING" : "DELETED";
  const { details } = record;
  switch (details.provider) {
    case "AWS":
      if (now < record.acceptedAt) return "PENDING_ACCEPTANCE";
      if (record.missing) return "REJECTED";
      return now < record.readyAt ? "PENDING" : "AVAILABLE";
    case "AZURE":
      if (now < record.readyAt) return "INITIATING";
      return record.missing ? "FAILED" : "AVAILABLE";
    case "GCP":
      if (now < record.readyAt) return "INITIATING";
      return record.missing || details.endpoints.some((e) => e.missing) ? "FAILED" : "AVAILABLE";
  }
}

/** The status of one GCP endpoint at `now`: each becomes `AVAILABLE` (or `FAILED`) on its own, before its group. */
export function gcpEndpointStatus(
  record: RegistrationRecord,
  endpoint: { readonly readyAt: number; readonly missing: boolean },
  now: number,
): string {
  if (record.deletion !== null) return now < record.deletion.deletedAt ? "DELETING" : "DELETED";
  if (now < endpoint.readyAt) return "INITIATING";
  return endpoint.missing || record.missing ? "FAILED" : "AVAILABLE";
}

/** True for the statuses that end a registration badly. */
export function isFailedRegistrationStatus(status: string): boolean {
  return status === "REJECTED" || status === "FAILED";
}

/**
 * Atlas' `errorMessage` once a registration failed, else null. The AWS wording is the one Atlas was seen to use for a
 * VPC endpoint that does not exist; the Azure and GCP wordings were never recorded and follow it.
 */
export function registrationErrorMessage(record: RegistrationRecord, now: number): string | null {
  const status = record.deletion === null ? registrationStatus(record, now) : failedBeforeDeletion(record);
  if (!isFailedRegistrationStatus(status)) return null;
  const { details } = record;
  switch (details.provider) {
    case "AWS":
      return `Interface endpoint ${record.endpointId} was not found.`;
    case "AZURE":
      return `Private endpoint ${record.endpointId} was not found.`;
    case "GCP": {
      if (record.missing) return `Endpoint group ${record.endpointId} was not found.`;
      const missing = details.endpoints.filter((e) => e.missing).map((e) => e.endpointName);
      return `Forwarding rule ${missing.join(", ")} was not found.`;
    }
  }
}

/** A deleted registration keeps the error it had when the DELETE arrived. */
function failedBeforeDeletion(record: RegistrationRecord): string {
  const requestedAt = record.deletion?.requestedAt ?? 0;
  return registrationStatus({ ...record, deletion: null }, requestedAt);
}

/** True once a deleted registration finished `DELETING`: it answers 404 and leaves its service's list. */
export function isRegistrationGone(record: RegistrationRecord, now: number): boolean {
  return record.deletion !== null && now >= record.deletion.goneAt;
}

/** True once a deleted registration has also left its service's list. */
function isUnlisted(record: RegistrationRecord, now: number): boolean {
  return record.deletion !== null && now >= record.deletion.unlistedAt;
}

/** Drops registrations that finished deleting and left their service's list, and those whose service is gone. */
export function forgetGoneRegistrations(store: EmulatorStore, now: number): void {
  for (const record of store.registrations()) {
    if (isUnlisted(record, now) || store.service(record.serviceId) === undefined) {
      store.removeRegistration(record.serviceId, record.endpointId);
    }
  }
}

/** The cloud endpoint ids a service lists at `now` (`interfaceEndpoints` / `privateEndpoints` / `endpointGroupNames`). */
export function listedEndpointIds(store: EmulatorStore, serviceId: string, now: number): string[] {
  return store
    .registrations(serviceId)
    .filter((r) => !isUnlisted(r, now))
    .map((r) => r.endpointId);
}

/** What {@link createRegistrationRecord} needs besides the request. */
export interface NewRegistration {
  readonly serviceId: string;
  readonly projectId: string;
  readonly portMappingEnabled: boolean;
  readonly createdAt: number;
  /** Seconds to `AVAILABLE`. */
  readonly seconds: number;
  /** Cloud endpoint ids (and GCP endpoint names) declared missing through the control API. */
  readonly missing: ReadonlySet<string>;
  /** Armed to fail (`POST /__emulator/failing-creates`): it ends as if its cloud endpoint were missing. */
  readonly failing?: boolean;
}

/** A new registration at the start of its progress: AWS `PENDING_ACCEPTANCE`, Azure and GCP `INITIATING`. */
export function createRegistrationRecord(request: RegistrationRequest, n: NewRegistration): RegistrationRecord {
  const readyAt = readyTime(n.createdAt, n.seconds);
  const common = {
    serviceId: n.serviceId,
    projectId: n.projectId,
    provider: request.provider,
    endpointId: request.endpointId,
    createdAt: n.createdAt,
    readyAt,
    missing: n.failing === true || n.missing.has(request.endpointId),
    deletion: null,
  };
  switch (request.provider) {
    case "AWS":
      return { ...common, acceptedAt: readyTime(n.createdAt, n.seconds / 2), details: { provider: "AWS" } };
    case "AZURE":
      return {
        ...common,
        acceptedAt: readyAt,
        details: {
          provider: "AZURE",
          privateEndpointIPAddress: request.privateEndpointIPAddress,
          privateEndpointConnectionName: connectionNameFor(request.endpointId),
        },
      };
    case "GCP": {
      const count = request.endpoints.length;
      return {
        ...common,
        acceptedAt: readyAt,
        details: {
          provider: "GCP",
          gcpProjectId: request.gcpProjectId,
          portMappingEnabled: n.portMappingEnabled,
          // Each endpoint is ready at its own time, all before the group (as in the docs' example).
          endpoints: request.endpoints.map((e, i) => ({
            ...e,
            readyAt: readyTime(n.createdAt, (n.seconds * (i + 1)) / (count + 1)),
            missing: n.missing.has(e.endpointName),
          })),
        },
      };
    }
  }
}

/** The settings a deletion's course is drawn from. */
export interface DeletionTimes {
  readonly registrationDeletingSeconds: number;
  readonly gcpDeletedSeconds: number;
  readonly registrationListedAfterGoneSeconds: number;
}

/** Starts the deletion's course (`RegistrationDeletion`) at `now`; a second DELETE changes nothing. */
export function beginRegistrationDeletion(record: RegistrationRecord, now: number, times: DeletionTimes): void {
  const ms = (seconds: number): number => Math.round(seconds * 1000);
  const deletedAt = now + ms(times.registrationDeletingSeconds);
  const goneAt = deletedAt + (record.provider === "GCP" ? ms(times.gcpDeletedSeconds) : 0);
  record.deletion ??= {
    requestedAt: now,
    deletedAt,
    goneAt,
    unlistedAt: goneAt + ms(times.registrationListedAfterGoneSeconds),
  };
}

/**
 * Marks registrations of `id` (a cloud endpoint id or a GCP endpoint name) missing, if they have not finished yet:
 * they end `REJECTED`/`FAILED`. Answers how many registrations it changed.
 */
export function markMissing(store: EmulatorStore, id: string, now: number): number {
  let changed = 0;
  for (const record of store.registrations()) {
    if (record.deletion !== null || now >= record.readyAt) continue;
    if (record.endpointId === id) {
      record.missing = true;
      changed++;
    } else if (record.details.provider === "GCP") {
      const endpoint = record.details.endpoints.find((e) => e.endpointName === id && now < e.readyAt);
      if (endpoint !== undefined) {
        endpoint.missing = true;
        changed++;
      }
    }
  }
  return changed;
}

/**
 * A connection name of the spec's shape (`<uuid>%2F<segment>%2F<segment>`), from the ARM id's resource group and
 * name. The real format was never recorded.
 */
function connectionNameFor(armId: string): string {
  const parts = armId.split("/");
  const group = parts[4] ?? "group";
  const name = parts[parts.length - 1] ?? "endpoint";
  return `${randomUuid()}%2F${group}%2F${name}`;
}
