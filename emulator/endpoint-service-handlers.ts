import { isProviderName, type ProviderName } from "../regions/regions";
import type { AtlasCall } from "./atlas-call";
import { atlasError } from "./atlas-error";
import { atlasOk, type AtlasResult } from "./atlas-result";
import { parseCreateRequest, parseUpdateRequest } from "./endpoint-service-request";
import { containerRegionFor, defaultCidrBlock } from "./network-container";
import { newObjectId } from "./object-id";
import { beginDeleting, beginProvisioning, forgetGoneServices, readyTime, serviceStatus } from "./service-lifecycle";
import { createServiceRecord } from "./service-record";
import { findService } from "./service-lookup";
import { toServiceView } from "./service-view";
import { listedEndpointIds } from "./registration-lifecycle";

/** `POST /groups/{groupId}/privateEndpoint/endpointService` → 201 with the new service (`INITIATING`). */
export function createEndpointService(call: AtlasCall): AtlasResult {
  const parsed = parseCreateRequest(call.body);
  if (!parsed.ok) return parsed.error;
  const request = parsed.value;
  const { state, projectId, now } = call;
  forgetGoneServices(state.store, now);
  // A service still DELETING holds its region until it is gone, as in Atlas.
  const clash = state.store
    .services(projectId)
    .some((s) => s.provider === request.provider && s.regionName === request.regionName);
  if (clash) {
    return atlasError("PRIVATE_ENDPOINT_SERVICE_ALREADY_EXISTS_FOR_REGION", [request.provider, request.regionName]);
  }
  ensureContainer(call, request.provider, request.regionName);
  const failure = state.failingCreates.take("service");
  const record = createServiceRecord({
    ...request,
    id: newObjectId(now),
    projectId,
    gcpAttachmentCount: state.settings.gcpAttachmentCount,
    createdAt: now,
    readyAt: readyTime(now, state.provisionSecondsFor(request.provider)),
    failsWith: failure?.errorMessage ?? null,
    random: state.random,
  });
  state.store.addService(record);
  return atlasOk(201, toServiceView(record, now, []));
}

/** `PATCH /groups/{groupId}/privateEndpoint/endpointService/{id}` → 200; AWS only, back to `INITIATING` for a while. */
export function updateEndpointService(call: AtlasCall): AtlasResult {
  const found = findService(call, undefined);
  if (!found.ok) return found.error;
  const record = found.record;
  const { state, now } = call;
  if (serviceStatus(record, now) === "DELETING") {
    return atlasError("ATLAS_GENERAL_ERROR", ["The private endpoint service is being deleted"]);
  }
  const parsed = parseUpdateRequest(call.body, record.provider, record.regionName);
  if (!parsed.ok) return parsed.error;
  record.supportedRemoteRegions = parsed.value.supportedRemoteRegions;
  beginProvisioning(record, now, state.settings.updateSeconds);
  return atlasOk(200, toServiceView(record, now, listedEndpointIds(state.store, record.id, now)));
}

/** `GET /groups/{groupId}/privateEndpoint/{cloudProvider}/endpointService` → 200, a bare array. */
export function listEndpointServices(call: AtlasCall): AtlasResult {
  const provider = call.params.cloudProvider ?? "";
  if (!isProviderName(provider)) return atlasError("INVALID_PROVIDER", [provider]);
  const { store } = call.state;
  forgetGoneServices(store, call.now);
  const services = store.services(call.projectId).filter((s) => s.provider === provider);
  return atlasOk(
    200,
    services.map((s) => toServiceView(s, call.now, listedEndpointIds(store, s.id, call.now))),
  );
}

/** `GET /groups/{groupId}/privateEndpoint/{cloudProvider}/endpointService/{id}` → 200, or 404 once gone. */
export function getEndpointService(call: AtlasCall): AtlasResult {
  const provider = call.params.cloudProvider ?? "";
  if (!isProviderName(provider)) return atlasError("INVALID_PROVIDER", [provider]);
  const found = findService(call, provider);
  if (!found.ok) return found.error;
  const endpointIds = listedEndpointIds(call.state.store, found.record.id, call.now);
  return atlasOk(200, toServiceView(found.record, call.now, endpointIds));
}

/**
 * `DELETE /groups/{groupId}/privateEndpoint/{cloudProvider}/endpointService/{id}` → 202 `{}`, then `DELETING`; 409
 * `CANNOT_DELETE_PRIVATELINK_WITH_ENDPOINTS` while cloud endpoints are registered with it.
 */
export function deleteEndpointService(call: AtlasCall): AtlasResult {
  const provider = call.params.cloudProvider ?? "";
  if (!isProviderName(provider)) return atlasError("INVALID_PROVIDER", [provider]);
  const found = findService(call, provider);
  if (!found.ok) return found.error;
  const { record } = found;
  // Registrations still listed (DELETING ones included) hold the service, as in Atlas.
  if (listedEndpointIds(call.state.store, record.id, call.now).length > 0) {
    return atlasError("CANNOT_DELETE_PRIVATELINK_WITH_ENDPOINTS", []);
  }
  if (serviceStatus(record, call.now) !== "DELETING") {
    beginDeleting(record, call.now, record.stuck ? null : call.state.settings.deletingSeconds);
  }
  return atlasOk(202, {});
}

/** Atlas creates the project's network container for the provider (and region) with the first service there. */
function ensureContainer(call: AtlasCall, provider: ProviderName, regionName: string): void {
  const { store } = call.state;
  const existing = store.containers(call.projectId, provider);
  const region = containerRegionFor(provider, regionName);
  if (existing.some((c) => c.regionName === region)) return;
  store.addContainer({
    id: newObjectId(call.now),
    projectId: call.projectId,
    provider,
    regionName: region,
    atlasCidrBlock: defaultCidrBlock(provider, existing.length),
  });
}
