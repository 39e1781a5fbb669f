import type { ProviderName } from "../provider/atlas/regions";
import { applySettings } from "./resolve-options";
import { resetEmulatorState, type EmulatorState } from "./emulator-state";
import { FaultSpecError } from "./fault-store";
import { jsonReply, type Reply } from "./http-reply";
import type { IncomingCall } from "./incoming-call";
import { forgetGoneServices, serviceStatus } from "./service-lifecycle";
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
  const key = `${call.method} ${path.replace(/^\/services\/[^/]+$/, "/services/{id}")}`;
  try {
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
          state.store.services().map((s) => serviceEntry(s, now)),
        );
      }
      case "PATCH /services/{id}":
        return patchService(state, decodeURIComponent(path.slice("/services/".length)), parseJson(call.body));
      case "GET /settings":
        return jsonReply(200, state.settings);
      case "PATCH /settings":
        state.settings = applySettings(state.settings, asObject(parseJson(call.body)));
        return jsonReply(200, state.settings);
      default:
        return jsonReply(404, { error: `no control route ${call.method} ${call.url.pathname}` });
    }
  } catch (error) {
    if (error instanceof BadControlRequest || error instanceof FaultSpecError || error instanceof ServicePatchError) {
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
  const entry = serviceEntry(record, now);
  if (patch.remove === true) {
    state.store.removeService(id);
    return jsonReply(200, entry);
  }
  applyServicePatch(state, record, patch, now);
  return jsonReply(200, serviceEntry(record, now));
}

function serviceEntry(record: ServiceRecord, now: number): EmulatorServiceEntry {
  const { phase } = record;
  const readyAt = phase.kind === "provisioning" ? phase.readyAt : record.firstReadyAt;
  const goneAt = phase.kind === "deleting" ? phase.goneAt : null;
  return {
    id: record.id,
    projectId: record.projectId,
    cloudProvider: record.provider,
    regionName: record.regionName,
    status: serviceStatus(record, now),
    errorMessage: record.errorMessage,
    createdAt: new Date(record.createdAt).toISOString(),
    readyAt: readyAt === null ? null : new Date(readyAt).toISOString(),
    goneAt: goneAt === null ? null : new Date(goneAt).toISOString(),
    stuck: record.stuck,
    service: toServiceView(record, now),
  };
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
