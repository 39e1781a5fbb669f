import type { AtlasCall } from "./atlas-call";
import { atlasError } from "./atlas-error";
import { atlasOk, type AtlasResult } from "./atlas-result";
import { parseObject } from "./endpoint-service-request";
import type { EmulatorStore } from "./emulator-store";
import { regionalModeAt } from "./regional-mode";
import { isFailedRegistrationStatus, registrationStatus } from "./registration-lifecycle";

/** `GET /groups/{groupId}/privateEndpoint/regionalMode` → 200 `{"enabled": bool}` (off in a new project). */
export function getRegionalMode(call: AtlasCall): AtlasResult {
  return atlasOk(200, { enabled: regionalModeAt(call.state.store.regionalModeChanges(call.projectId), call.now) });
}

/**
 * `PATCH /groups/{groupId}/privateEndpoint/regionalMode` `{"enabled": bool}` → 202 with the new setting, as recorded
 * (200 with `regionalModePatchStatus: 200`, as the spec says). A change puts the multi-region sharded clusters through
 * `UPDATING`. Refused with 409 (codes of the emulator's choosing: Atlas' were never recorded) when enabling while
 * the project has a replica set, and when disabling while a region holds several endpoints and another region any.
 */
export function updateRegionalMode(call: AtlasCall): AtlasResult {
  const json = parseObject(call.body);
  if (!json.ok) return json.error;
  const { enabled } = json.value;
  if (enabled === undefined || enabled === null) return atlasError("MISSING_ATTRIBUTE", ["enabled"]);
  if (typeof enabled !== "boolean") return atlasError("INVALID_JSON_ATTRIBUTE", ["enabled"]);
  const { store, settings } = call.state;
  const current = regionalModeAt(store.regionalModeChanges(call.projectId), call.now);
  if (enabled !== current) {
    if (enabled) {
      const replicaSets = store.clusters(call.projectId).filter((c) => c.clusterType === "REPLICASET");
      if (replicaSets.length > 0) {
        return atlasError("REGIONALIZED_PRIVATE_ENDPOINTS_REQUIRE_SHARDED_CLUSTERS", [
          replicaSets.map((c) => c.name).join(", "),
        ]);
      }
    } else if (isMultiRegionLayout(endpointCountsByRegion(store, call.projectId, call.now))) {
      return atlasError("MULTIPLE_PRIVATE_ENDPOINTS_RESTRICTED_TO_SINGLE_REGION");
    }
    store.addRegionalModeChange(call.projectId, { at: call.now, enabled });
  }
  return atlasOk(settings.regionalModePatchStatus, { enabled });
}

/**
 * How many endpoints each provider region of the project holds: registrations not deleted and not failed (pending
 * ones count: the cloud endpoint exists).
 */
export function endpointCountsByRegion(store: EmulatorStore, projectId: string, now: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const service of store.services(projectId)) {
    const live = store
      .registrations(service.id)
      .filter((r) => r.deletion === null && !isFailedRegistrationStatus(registrationStatus(r, now))).length;
    if (live === 0) continue;
    const key = `${service.provider} ${service.regionName}`;
    counts.set(key, (counts.get(key) ?? 0) + live);
  }
  return counts;
}

/** The layouts Atlas allows only with regional mode: more than one endpoint in a region, and endpoints elsewhere. */
export function isMultiRegionLayout(counts: ReadonlyMap<string, number>): boolean {
  const values = [...counts.values()];
  return values.some((n) => n > 1) && values.length > 1;
}
