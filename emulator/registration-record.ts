import type { ProviderName } from "../regions/regions";

/** One GCP forwarding rule of a registration, with the moment it becomes `AVAILABLE`. */
export interface RegisteredGcpEndpoint {
  readonly endpointName: string;
  readonly ipAddress: string;
  readonly readyAt: number;
  /** Declared missing through the control API: ends `FAILED` instead of `AVAILABLE`. */
  missing: boolean;
}

/** What a registration holds besides its timing, per cloud. */
export type RegistrationDetails =
  | { readonly provider: "AWS" }
  | {
      readonly provider: "AZURE";
      readonly privateEndpointIPAddress: string;
      /** Drawn at create, shown once `AVAILABLE` (null before, as in the docs' example). */
      readonly privateEndpointConnectionName: string;
    }
  | {
      readonly provider: "GCP";
      readonly gcpProjectId: string;
      readonly portMappingEnabled: boolean;
      readonly endpoints: readonly RegisteredGcpEndpoint[];
    };

/**
 * The course of a deletion: `DELETING` until `deletedAt`, then (GCP, `gcpDeletedSeconds`) `DELETED` until `goneAt`, then
 * 404; the service lists it until `unlistedAt` (`registrationListedAfterGoneSeconds` after `goneAt`).
 */
export interface RegistrationDeletion {
  readonly requestedAt: number;
  readonly deletedAt: number;
  readonly goneAt: number;
  readonly unlistedAt: number;
}

/**
 * A cloud endpoint registered with a private endpoint service (an "interface endpoint" in Atlas' words). Status is
 * derived from these timestamps and the clock when asked, like a service's (see `registration-lifecycle.ts`).
 */
export interface RegistrationRecord {
  readonly serviceId: string;
  readonly projectId: string;
  readonly provider: ProviderName;
  /**
   * The id in the path and in the service's list: AWS `vpce-…`, Azure the (decoded) ARM id, GCP the endpoint group
   * name (port-mapped: the endpoint's name).
   */
  readonly endpointId: string;
  readonly createdAt: number;
  /** AWS: end of `PENDING_ACCEPTANCE` (and when a missing endpoint is `REJECTED`). Others: equal to `readyAt`. */
  readonly acceptedAt: number;
  /** When it becomes `AVAILABLE` (or, missing, `FAILED`). */
  readonly readyAt: number;
  /** Declared missing through the control API: ends `REJECTED` (AWS) or `FAILED` instead of `AVAILABLE`. */
  missing: boolean;
  /** Set by a DELETE. */
  deletion: RegistrationDeletion | null;
  readonly details: RegistrationDetails;
}
