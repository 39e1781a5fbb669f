import type { ProviderName } from "../regions/regions";
import { nextObjectId, randomHex, randomLowerAlnum, randomUuid } from "./object-id";

/**
 * Where a service is in its life. Status is derived from the phase and the clock when asked, so no timers run:
 * - `provisioning`: `INITIATING` until `readyAt`, `AVAILABLE` from then on (create, and again after a PATCH);
 * - `pinned`: a status set through the control API, or frozen by `stuck`;
 * - `deleting`: `DELETING` until `goneAt` (never when `null`), then gone (404).
 */
export type ServicePhase =
  | { readonly kind: "provisioning"; readonly readyAt: number }
  | { readonly kind: "pinned"; readonly status: string }
  | { readonly kind: "deleting"; readonly goneAt: number | null };

/** Names a service gets once ready, chosen at create so every answer about it agrees. */
export interface ServiceOutputs {
  /** AWS: `com.amazonaws.vpce.<region>.vpce-svc-<17 hex>`. */
  readonly endpointServiceName: string | null;
  /** Azure: `pls_<id>`. */
  readonly privateLinkServiceName: string | null;
  /** Azure: the ARM id of the Private Link Service. */
  readonly privateLinkServiceResourceId: string | null;
  /** GCP: every service attachment, in index order. */
  readonly serviceAttachmentNames: readonly string[];
  /** GCP: the order in which the attachments appear while the service is still `INITIATING` (indexes). */
  readonly attachmentRevealOrder: readonly number[];
}

/** One private endpoint service as the emulator keeps it. */
export interface ServiceRecord {
  readonly id: string;
  readonly projectId: string;
  readonly provider: ProviderName;
  /** Atlas spelling (`EU_WEST_1`). */
  readonly regionName: string;
  readonly portMappingEnabled: boolean;
  supportedRemoteRegions: readonly string[] | null;
  readonly createdAt: number;
  /** When the outputs are (or were) complete; `null` while no automatic readiness is scheduled. */
  firstReadyAt: number | null;
  phase: ServicePhase;
  /** Attachments shown while not provisioning and not yet ready (frozen when the phase left `provisioning`). */
  frozenReveal: number;
  /** Set through the control API: the current status never changes on its own. */
  stuck: boolean;
  errorMessage: string | null;
  /** Armed to fail: when its provisioning ends it shows `FAILED` with this message instead of `AVAILABLE`. */
  readonly failsWith: string | null;
  readonly outputs: ServiceOutputs;
}

/** What {@link createServiceRecord} needs. */
export interface NewService {
  readonly id: string;
  readonly projectId: string;
  readonly provider: ProviderName;
  readonly regionName: string;
  /** The cloud's own region name (`eu-west-1`), used inside the generated names. */
  readonly nativeRegion: string;
  readonly portMappingEnabled: boolean;
  readonly supportedRemoteRegions: readonly string[] | null;
  /** GCP without port mapping: how many service attachments (port mapping always has one). */
  readonly gcpAttachmentCount: number;
  readonly createdAt: number;
  readonly readyAt: number;
  /** See {@link ServiceRecord.failsWith}. */
  readonly failsWith: string | null;
  readonly random: () => number;
}

/** A new service in `INITIATING`, its future names already drawn. */
export function createServiceRecord(s: NewService): ServiceRecord {
  return {
    id: s.id,
    projectId: s.projectId,
    provider: s.provider,
    regionName: s.regionName,
    portMappingEnabled: s.portMappingEnabled,
    supportedRemoteRegions: s.supportedRemoteRegions,
    createdAt: s.createdAt,
    firstReadyAt: s.failsWith === null ? s.readyAt : null,
    phase: { kind: "provisioning", readyAt: s.readyAt },
    frozenReveal: 0,
    stuck: false,
    errorMessage: null,
    failsWith: s.failsWith,
    outputs: outputsFor(s),
  };
}

function outputsFor(s: NewService): ServiceOutputs {
  const none = {
    endpointServiceName: null,
    privateLinkServiceName: null,
    privateLinkServiceResourceId: null,
    serviceAttachmentNames: [],
    attachmentRevealOrder: [],
  };
  switch (s.provider) {
    case "AWS":
      return { ...none, endpointServiceName: `com.amazonaws.vpce.${s.nativeRegion}.vpce-svc-${randomHex(17)}` };
    case "AZURE": {
      const name = `pls_${s.id}`;
      const group = `rg_${nextObjectId(s.id)}_${randomLowerAlnum(8)}`;
      const resourceId = `/subscriptions/${randomUuid()}/resourceGroups/${group}/providers/Microsoft.Network/privateLinkServices/${name}`;
      return { ...none, privateLinkServiceName: name, privateLinkServiceResourceId: resourceId };
    }
    case "GCP": {
      const count = s.portMappingEnabled ? 1 : s.gcpAttachmentCount;
      // Recorded project names are `p-` and 24 lower-case alphanumerics.
      const project = `p-${randomLowerAlnum(24)}`;
      const names = Array.from(
        { length: count },
        (_, i) =>
          `projects/${project}/regions/${s.nativeRegion}/serviceAttachments/sa-${s.nativeRegion}-${s.projectId}-${i}`,
      );
      return { ...none, serviceAttachmentNames: names, attachmentRevealOrder: shuffledIndexes(count, s.random) };
    }
  }
}

function shuffledIndexes(count: number, random: () => number): number[] {
  const order = Array.from({ length: count }, (_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  return order;
}
