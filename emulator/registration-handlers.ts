import { isProviderName, type ProviderName } from "../regions/regions";
import type { AtlasCall } from "./atlas-call";
import { atlasError } from "./atlas-error";
import { atlasOk, type AtlasResult } from "./atlas-result";
import { beginRegistrationDeletion, createRegistrationRecord, isRegistrationGone } from "./registration-lifecycle";
import type { RegistrationRecord } from "./registration-record";
import { isAwsEndpointId, isAzureEndpointId, parseRegistrationRequest } from "./registration-request";
import { registrationAnswer } from "./registration-view";
import { serviceStatus } from "./service-lifecycle";
import { findService } from "./service-lookup";

/** Service statuses in which Atlas accepts registrations (`WAITING_FOR_USER`: older AWS answers for "ready"). */
const ACCEPTING: readonly string[] = ["AVAILABLE", "WAITING_FOR_USER"];

/**
 * `POST /groups/{groupId}/privateEndpoint/{cloudProvider}/endpointService/{id}/endpoint` → 201 (or, with
 * `registrationSuccessCodes: "spec"`, 200) with the new registration, which starts `PENDING_ACCEPTANCE` (AWS) or
 * `INITIATING`; its cloud endpoint joins the service's list at once.
 */
export function createRegistration(call: AtlasCall): AtlasResult {
  const provider = call.params.cloudProvider ?? "";
  if (!isProviderName(provider)) return atlasError("INVALID_PROVIDER", [provider]);
  const found = findService(call, provider);
  if (!found.ok) return found.error;
  const service = found.record;
  const parsed = parseRegistrationRequest(call.body, provider, service.portMappingEnabled);
  if (!parsed.ok) return parsed.error;
  const request = parsed.value;
  const { state, now } = call;
  if (!ACCEPTING.includes(serviceStatus(service, now))) {
    return atlasError("PRIVATELINK_CANNOT_ACCEPT_ENDPOINTS", [service.id]);
  }
  const existing = state.store.registration(service.id, request.endpointId);
  if (existing !== undefined && !isRegistrationGone(existing, now)) {
    return atlasError("PRIVATELINK_INTERFACE_ENDPOINT_ALREADY_EXISTS", [request.endpointId]);
  }
  // One gone but still listed (`registrationListedAfterGoneSeconds`) makes way for the new one.
  if (existing !== undefined) state.store.removeRegistration(service.id, request.endpointId);
  const failing = state.failingCreates.take("registration") !== undefined;
  const record = createRegistrationRecord(request, {
    serviceId: service.id,
    projectId: call.projectId,
    portMappingEnabled: service.portMappingEnabled,
    createdAt: now,
    seconds: state.settings.registrationSeconds,
    missing: state.missingEndpoints,
    failing,
  });
  state.store.addRegistration(record);
  // Clusters with nodes in the service's region see it (see cluster-publishing.ts).
  state.store.addEndpointLink({ record, provider: service.provider, regionName: service.regionName });
  const status = state.settings.registrationSuccessCodes === "spec" ? 200 : 201;
  return atlasOk(status, registrationAnswer(state, record, now));
}

/** `GET …/endpointService/{id}/endpoint/{endpointId}` → 200, or 404 once gone. */
export function getRegistration(call: AtlasCall): AtlasResult {
  const found = findRegistration(call);
  return found.ok ? atlasOk(200, registrationAnswer(call.state, found.record, call.now)) : found.error;
}

/**
 * `DELETE …/endpointService/{id}/endpoint/{endpointId}` → 202 `{}` (or, with `registrationSuccessCodes: "spec"`,
 * 204 without a body); then `DELETING` with `deleteRequested: true`, then 404 and off the service's list.
 */
export function deleteRegistration(call: AtlasCall): AtlasResult {
  const found = findRegistration(call);
  if (!found.ok) return found.error;
  beginRegistrationDeletion(found.record, call.now, call.state.settings);
  return call.state.settings.registrationSuccessCodes === "spec" ? atlasOk(204, undefined) : atlasOk(202, {});
}

type Found =
  { readonly ok: true; readonly record: RegistrationRecord } | { readonly ok: false; readonly error: AtlasResult };

/** The live registration named by the path, checking the path's shape first as Atlas' router does. */
function findRegistration(call: AtlasCall): Found {
  const provider = call.params.cloudProvider ?? "";
  if (!isProviderName(provider)) return { ok: false, error: atlasError("INVALID_PROVIDER", [provider]) };
  const endpointId = decodeEndpointId(call.params.endpointId ?? "", provider);
  if (endpointId === undefined) return { ok: false, error: atlasError("RESOURCE_NOT_FOUND", [call.path]) };
  if (provider === "AWS" && !isAwsEndpointId(endpointId)) {
    return { ok: false, error: atlasError("PRIVATELINK_INTERFACE_ENDPOINT_ID_MALFORMED", []) };
  }
  const service = findService(call, provider);
  if (!service.ok) return service;
  const record = call.state.store.registration(service.record.id, endpointId);
  if (record === undefined || isRegistrationGone(record, call.now)) {
    return { ok: false, error: atlasError("PRIVATELINK_INTERFACE_ENDPOINT_NOT_FOUND", [endpointId]) };
  }
  return { ok: true, record };
}

/**
 * The endpoint id of a path segment, percent-decoded exactly once; `undefined` where Atlas' path pattern would not
 * match. An Azure ARM id arrives as one encoded segment: a double-encoded one still holds `%2F` after one decoding and
 * is not an ARM id, so it is a 404 `RESOURCE_NOT_FOUND` like in Atlas (a raw `/` never reaches here: no route has
 * that many segments).
 */
function decodeEndpointId(segment: string, provider: ProviderName): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    return undefined;
  }
  if (provider === "AZURE" && !isAzureEndpointId(decoded)) return undefined;
  return decoded;
}
