import type { ProviderName } from "../regions/regions";
import { registrationStatus } from "./registration-lifecycle";
import type { RegistrationRecord } from "./registration-record";

/**
 * A registration as clusters see it: a cloud endpoint in its service's provider and region. Kept from the POST until
 * a reset, even after the registration is gone, so a cluster can still tell what was linked at any past moment.
 */
export interface EndpointLink {
  /** The live record (its `missing` and `deletion` change in place). */
  readonly record: RegistrationRecord;
  readonly provider: ProviderName;
  /** The service's region, Atlas spelling. */
  readonly regionName: string;
}

/** When a link is `AVAILABLE`: from `from` until `until` (its DELETE; `null`: not deleted), or never (`null`). */
export interface AvailabilityWindow {
  readonly from: number;
  readonly until: number | null;
}

/** The window in which the registration answers `AVAILABLE`: it never does when it fails or is deleted first. */
export function availabilityWindow(link: EndpointLink): AvailabilityWindow | null {
  const { record } = link;
  if (registrationStatus({ ...record, deletion: null }, Number.POSITIVE_INFINITY) !== "AVAILABLE") return null;
  const until = record.deletion?.requestedAt ?? null;
  if (until !== null && until <= record.readyAt) return null;
  return { from: record.readyAt, until };
}

/** True when the link's registration answers `AVAILABLE` at `at`. */
export function isAvailableAt(link: EndpointLink, at: number): boolean {
  const window = availabilityWindow(link);
  return window !== null && window.from <= at && (window.until === null || at < window.until);
}
