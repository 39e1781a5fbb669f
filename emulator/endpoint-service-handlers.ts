import { isProviderName, type ProviderName } from "../provider/atlas/regions";
import type { AtlasCall } from "./atlas-call";
import { atlasError } from "./atlas-error";
import { atlasOk, type AtlasResult } from "./atlas-result";
import { parseCreateRequest, parseUpdateRequest } from "./endpoint-service-request";
import { containerRegionFor, defaultCidrBlock } from "./network-container";
import { newObjectId } from "./object-id";
import { beginDeleting, beginProvisioning, forgetGoneServices, readyTime, serviceStatus } from "./service-lifecycle";
import { createServiceRecord, type ServiceRecord } from "./service-record";
import { toServiceView } from "./service-view";

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
  const record = createServiceRecord({
    ...request,
    id: newObjectId(now),
    projectId,
    createdAt: now,
    readyAt: readyTime(now, state.provisionSecondsFor(request.provider)),
    random: state.random,
  });
  state.store.addService(record);
  return atlasOk(201, toServiceView(record, now));
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
  return atlasOk(200, toServiceView(record, now));
}

/** `GET /groups/{groupId}/privateEndpoint/{cloudProvider}/endpointService` → 200, a bare array. */
export function listEndpointServices(call: AtlasCall): AtlasResult {
  const provider = call.params.cloudProvider ?? "";
  if (!isProviderName(provider)) return atlasError("INVALID_PROVIDER", [provider]);
  forgetGoneServices(call.state.store, call.now);
  const services = call.state.store.services(call.projectId).filter((s) => s.provider === provider);
  return atlasOk(
    200,
    services.map((s) => toServiceView(s, call.now)),
  );
}

/** `GET /groups/{groupId}/privateEndpoint/{cloudProvider}/endpointService/{id}` → 200, or 404 once gone. */
export function getEndpointService(call: AtlasCall): AtlasResult {
  const provider = call.params.cloudProvider ?? "";
  if (!isProviderName(provider)) return atlasError("INVALID_PROVIDER", [provider]);
  const found = findService(call, provider);
  return found.ok ? atlasOk(200, toServiceView(found.record, call.now)) : found.error;
}

/** `DELETE /groups/{groupId}/privateEndpoint/{cloudProvider}/endpointService/{id}` → 202 `{}`, then `DELETING`. */
export function deleteEndpointService(call: AtlasCall): AtlasResult {
  const provider = call.params.cloudProvider ?? "";
  if (!isProviderName(provider)) return atlasError("INVALID_PROVIDER", [provider]);
  const found = findService(call, provider);
  if (!found.ok) return found.error;
  const { record } = found;
  if (serviceStatus(record, call.now) !== "DELETING") {
    beginDeleting(record, call.now, record.stuck ? null : call.state.settings.deletingSeconds);
  }
  return atlasOk(202, {});
}

type Found =
  { readonly ok: true; readonly record: ServiceRecord } | { readonly ok: false; readonly error: AtlasResult };

/** The live service named by the path in the call's project (and of `provider`, when the path names one). */
function findService(call: AtlasCall, provider: ProviderName | undefined): Found {
  const id = call.params.endpointServiceId ?? "";
  if (!/^[0-9a-f]{24}$/.test(id)) return { ok: false, error: atlasError("INVALID_ATTRIBUTE", ["endpointServiceId"]) };
  forgetGoneServices(call.state.store, call.now);
  const record = call.state.store.service(id);
  if (
    record === undefined ||
    record.projectId !== call.projectId ||
    (provider !== undefined && record.provider !== provider)
  ) {
    return { ok: false, error: atlasError("PRIVATE_ENDPOINT_SERVICE_NOT_FOUND", [id]) };
  }
  return { ok: true, record };
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
