import type { ProviderName } from "../regions/regions";
import { ArmedFailureError } from "./armed-failures";
import {
  ClusterControlError,
  declareCluster,
  listClusterEntries,
  listRegionalModes,
  patchCluster,
  removeCluster,
  setRegionalMode,
} from "./cluster-control";
import { applySettings } from "./resolve-options";
import { resetEmulatorState, type EmulatorState } from "./emulator-state";
import { FaultSpecError } from "./fault-store";
import { jsonReply, type Reply } from "./http-reply";
import type { IncomingCall } from "./incoming-call";
import {
  beginRegistrationDeletion,
  forgetGoneRegistrations,
  isRegistrationGone,
  listedEndpointIds,
  markMissing,
  registrationErrorMessage,
  registrationStatus,
} from "./registration-lifecycle";
import type { RegistrationRecord } from "./registration-record";
import { toRegistrationView, type RegistrationView } from "./registration-view";
import { forgetGoneServices, serviceErrorMessage, serviceStatus } from "./service-lifecycle";
import { applyServicePatch, parseServicePatch, ServicePatchError } from "./service-patch";
import type { ServiceRecord } from "./service-record";
import { toServiceView, type EndpointServiceView } from "./service-view";

/** Prefix of the control API, served on the Atlas port to loopback clients only. */
export const CONTROL_PREFIX = "/__emulator";

/** A service as `GET /__emulator/services` shows it: the main Atlas fields, the emulator's timing, the whole body. */
export interface EmulatorServiceEntry {
  readonly id: string;
  readonly projectId: string;
  readonly cloudProvider: ProviderName;
  /** Atlas spelling (`EU_WEST_1`). */
  readonly regionName: string;
  /** The status Atlas would answer with now. */
  readonly status: string;
  readonly errorMessage: string | null;
  /** ISO time of the create call. */
  readonly createdAt: string;
  /** ISO time it becomes (or became) `AVAILABLE`; `null` when no readiness is scheduled. */
  readonly readyAt: string | null;
  /** ISO time a deletion ends; `null` unless `DELETING` with an end. */
  readonly goneAt: string | null;
  readonly stuck: boolean;
  /** The body Atlas would answer with now. */
  readonly service: EndpointServiceView;
}

/** A registration as `GET /__emulator/registrations` shows it: where it is, the emulator's timing, the whole body. */
export interface EmulatorRegistrationEntry {
  readonly serviceId: string;
  readonly projectId: string;
  readonly cloudProvider: ProviderName;
  /** The cloud endpoint id, decoded (AWS `vpce-…`, Azure ARM id, GCP group or, port-mapped, endpoint name). */
  readonly endpointId: string;
  /** The status Atlas would answer with now (AWS `connectionStatus`, else `status`). */
  readonly status: string;
  readonly errorMessage: string | null;
  /** ISO time of the create call. */
  readonly createdAt: string;
  /** ISO time it becomes (or became) `AVAILABLE`, or `REJECTED`/`FAILED` when missing. */
  readonly readyAt: string;
  /** ISO time a deletion ends; `null` unless deleted. */
  readonly goneAt: string | null;
  /** Declared missing through `POST /__emulator/missing-endpoints`. */
  readonly missing: boolean;
  /** The body Atlas would answer with now. */
  readonly registration: RegistrationView;
}

/** Hooks into the server, for what the state alone cannot do. */
export interface ControlHooks {
  /** Called by `POST /__emulator/reset` after the state is reset: releases hanging requests. */
  readonly onReset: () => void;
}

/** True for paths of the control API. */
export function isControlPath(pathname: string): boolean {
  return pathname === CONTROL_PREFIX || pathname.startsWith(`${CONTROL_PREFIX}/`);
}

/** Answers a control API call (the caller has checked that the client is local). */
export function handleControlCall(state: EmulatorState, call: IncomingCall, hooks: ControlHooks): Reply {
  const path = call.url.pathname.slice(CONTROL_PREFIX.length);
  const key = `${call.method} ${path
    .replace(/^\/services\/[^/]+$/, "/services/{id}")
    .replace(/^\/clusters\/[^/]+\/[^/]+$/, "/clusters/{projectId}/{name}")
    .replace(/^\/regional-mode\/[^/]+$/, "/regional-mode/{projectId}")}`;
  const origin = `http://${call.headers.host ?? "127.0.0.1"}`;
  try {
    // Path parameters after the route's fixed part, decoded.
    const [first = "", second = ""] = path.split("/").slice(2).map(decodeSegment);
    switch (key) {
      case "GET /health":
        return jsonReply(200, { status: "ok" });
      case "GET /requests":
        return jsonReply(200, state.log.entries());
      case "DELETE /requests":
        state.log.clear();
        return jsonReply(200, {});
      case "POST /reset":
        resetEmulatorState(state);
        hooks.onReset();
        return jsonReply(200, {});
      case "GET /faults":
        return jsonReply(200, state.faults.list());
      case "POST /faults":
        return jsonReply(201, { id: state.faults.add(parseJson(call.body)).id });
      case "DELETE /faults":
        state.faults.clear();
        return jsonReply(200, {});
      case "GET /services": {
        const now = state.now();
        forgetGoneServices(state.store, now);
        return jsonReply(
          200,
          state.store.services().map((s) => serviceEntry(state, s, now)),
        );
      }
      case "PATCH /services/{id}":
        return patchService(state, decodeURIComponent(path.slice("/services/".length)), parseJson(call.body));
      case "GET /registrations": {
        const now = state.now();
        forgetGoneServices(state.store, now);
        forgetGoneRegistrations(state.store, now);
        return jsonReply(
          200,
          state.store
            .registrations()
            .filter((r) => !isRegistrationGone(r, now))
            .map((r) => registrationEntry(r, now)),
        );
      }
      case "GET /missing-endpoints":
        return jsonReply(200, [...state.missingEndpoints]);
      case "POST /missing-endpoints":
        return declareMissing(state, asObject(parseJson(call.body)));
      case "DELETE /missing-endpoints":
        state.missingEndpoints.clear();
        return jsonReply(200, {});
      case "GET /failing-creates":
        return jsonReply(200, state.failingCreates.list());
      case "POST /failing-creates":
        return jsonReply(201, state.failingCreates.arm(parseJson(call.body)));
      case "DELETE /failing-creates":
        state.failingCreates.clear();
        return jsonReply(200, {});
      case "GET /clusters":
        return listClusterEntries(state, origin);
      case "POST /clusters":
        return declareCluster(state, parseJson(call.body), origin);
      case "PATCH /clusters/{projectId}/{name}":
        return patchCluster(state, first, second, parseJson(call.body), origin);
      case "DELETE /clusters/{projectId}/{name}":
        return removeCluster(state, first, second, origin);
      case "GET /regional-mode":
        return listRegionalModes(state);
      case "PATCH /regional-mode/{projectId}":
        return setRegionalMode(state, first, parseJson(call.body));
      case "GET /settings":
        return jsonReply(200, state.settings);
      case "PATCH /settings":
        state.settings = applySettings(state.settings, asObject(parseJson(call.body)));
        return jsonReply(200, state.settings);
      default:
        return jsonReply(404, { error: `no control route ${call.method} ${call.url.pathname}` });
    }
  } catch (error) {
    if (
      error instanceof BadControlRequest ||
      error instanceof FaultSpecError ||
      error instanceof ServicePatchError ||
      error instanceof ArmedFailureError ||
      error instanceof ClusterControlError
    ) {
      return jsonReply(400, { error: error.message });
    }
    if (error instanceof TypeError || error instanceof RangeError) return jsonReply(400, { error: error.message });
    throw error;
  }
}

function patchService(state: EmulatorState, id: string, body: unknown): Reply {
  const now = state.now();
  forgetGoneServices(state.store, now);
  const record = state.store.service(id);
  if (record === undefined) return jsonReply(404, { error: `no service ${id}` });
  const patch = parseServicePatch(body);
  const entry = serviceEntry(state, record, now);
  if (patch.remove === true) {
    // Its registrations end with it: clusters see them deleted now.
    const atOnce = { registrationDeletingSeconds: 0, gcpDeletedSeconds: 0, registrationListedAfterGoneSeconds: 0 };
    for (const registration of state.store.registrations(id)) beginRegistrationDeletion(registration, now, atOnce);
    state.store.removeService(id);
    forgetGoneRegistrations(state.store, now);
    return jsonReply(200, entry);
  }
  applyServicePatch(state, record, patch, now);
  return jsonReply(200, serviceEntry(state, record, now));
}

/** `{id}`: registrations of that cloud endpoint (or GCP endpoint name) end `REJECTED`/`FAILED`, present and future. */
function declareMissing(state: EmulatorState, body: Record<string, unknown>): Reply {
  const { id } = body;
  if (typeof id !== "string" || id === "") throw new BadControlRequest("id must be a non-empty string");
  for (const key of Object.keys(body)) if (key !== "id") throw new BadControlRequest(`unknown field "${key}"`);
  state.missingEndpoints.add(id);
  return jsonReply(200, { id, registrationsChanged: markMissing(state.store, id, state.now()) });
}

function registrationEntry(record: RegistrationRecord, now: number): EmulatorRegistrationEntry {
  const endpoints = record.details.provider === "GCP" ? record.details.endpoints : [];
  const missing = record.missing || endpoints.some((e) => e.missing);
  return {
    serviceId: record.serviceId,
    projectId: record.projectId,
    cloudProvider: record.provider,
    endpointId: record.endpointId,
    status: registrationStatus(record, now),
    errorMessage: registrationErrorMessage(record, now),
    createdAt: new Date(record.createdAt).toISOString(),
    readyAt: new Date(record.provider === "AWS" && missing ? record.acceptedAt : record.readyAt).toISOString(),
    goneAt: record.deletion === null ? null : new Date(record.deletion.goneAt).toISOString(),
    missing,
    registration: toRegistrationView(record, now),
  };
}

function serviceEntry(state: EmulatorState, record: ServiceRecord, now: number): EmulatorServiceEntry {
  const { phase } = record;
  const readyAt = phase.kind === "provisioning" ? phase.readyAt : record.firstReadyAt;
  const goneAt = phase.kind === "deleting" ? phase.goneAt : null;
  return {
    id: record.id,
    projectId: record.projectId,
    cloudProvider: record.provider,
    regionName: record.regionName,
    status: serviceStatus(record, now),
    errorMessage: serviceErrorMessage(record, now),
    createdAt: new Date(record.createdAt).toISOString(),
    readyAt: readyAt === null ? null : new Date(readyAt).toISOString(),
    goneAt: goneAt === null ? null : new Date(goneAt).toISOString(),
    stuck: record.stuck,
    service: toServiceView(record, now, listedEndpointIds(state.store, record.id, now)),
  };
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new BadControlRequest(`bad percent-encoding in "${segment}"`);
  }
}

class BadControlRequest extends Error {
  override readonly name = "BadControlRequest";
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text === "" ? "{}" : text);
  } catch {
    throw new BadControlRequest("body must be JSON");
  }
}

function asObject(value: unknown): Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value))
    throw new BadControlRequest("body must be a JSON object");
  return value as Record<string, unknown>;
}
