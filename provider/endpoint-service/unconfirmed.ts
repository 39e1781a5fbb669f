/**
 * A service create whose POST Atlas never confirmed (the answer was lost) and whose service the list right after did
 * not show: Atlas may still complete that request. Its id is Atlas' choice, so the create is recorded under a stand-in
 * id with the time window of the request, and the service is recognised later by its region and creation time: an
 * Atlas id is an ObjectId whose first four bytes are its creation time in seconds. See docs/decisions/partial-creates.md.
 */
import type { AtlasEndpointService } from "../atlas/types";
import type { OperationContext } from "../context/operation-context";
import { PartialCreateError } from "../lifecycle/partial-create-error";
import type { ProviderInputs, ServiceInputs } from "./inputs";
import { outputsFrom, type ServiceOutputs } from "./outputs";
import { atlasRegionOf } from "./refs";

/** The stand-in id's prefix; never an Atlas id (24 hex). */
const UNCONFIRMED_ID_PREFIX = "unconfirmed-create-";

/**
 * How far Atlas' clock may be from ours, and how long after the request failed Atlas may still complete it, both
 * assumed: a service made within this margin around the request is taken for the request's.
 */
export const TAKE_BACK_MARGIN_MS = 5 * 60_000;

/** When an unconfirmed request was sent and when it failed, on our clock (ms). */
export interface CreateWindow {
  readonly sentAtMs: number;
  readonly failedAtMs: number;
}

/** True for a stand-in id of an unconfirmed create. */
export function isUnconfirmedId(id: string): boolean {
  return id.startsWith(UNCONFIRMED_ID_PREFIX);
}

/**
 * The Atlas id to address for a stored service: its Pulumi id, or for an unconfirmed create the service taken back
 * since (`privateLinkId`); `undefined` while none was.
 */
export function serviceIdOf(id: string, props: Readonly<Record<string, unknown>>): string | undefined {
  if (!isUnconfirmedId(id)) return id;
  const taken = props["privateLinkId"];
  return typeof taken === "string" && taken !== "" ? taken : undefined;
}

/** The window stored with an unconfirmed create (`unconfirmedCreate`, ISO 8601 `start/end`), if any. */
export function storedWindow(props: Readonly<Record<string, unknown>>): CreateWindow | undefined {
  const text = props["unconfirmedCreate"];
  if (typeof text !== "string") return undefined;
  const [start, end] = text.split("/").map((part) => Date.parse(part));
  return start === undefined || end === undefined || Number.isNaN(start) || Number.isNaN(end)
    ? undefined
    : { sentAtMs: start, failedAtMs: end };
}

/** The partial create that records an unconfirmed request, under a stand-in id; `seen` says what the look after saw. */
export function unconfirmedCreate(
  inputs: ProviderInputs,
  window: CreateWindow,
  error: Error,
  seen: string,
): PartialCreateError {
  const outputs: ServiceOutputs = {
    ...outputsFrom(inputs, {
      id: "",
      cloudProvider: inputs.providerName,
      regionName: atlasRegionOf(inputs),
      status: null,
      errorMessage: null,
    }),
    status: "UNKNOWN",
    unfinishedCreate: true,
    unconfirmedCreate: `${new Date(window.sentAtMs).toISOString()}/${new Date(window.failedAtMs).toISOString()}`,
  };
  return new PartialCreateError(
    `The request to create the endpoint service for ${inputs.providerName} ${atlasRegionOf(inputs)} failed without a clear answer (${error.message}), and ${seen}. Atlas may still complete that request, so it is recorded in state as an unconfirmed create: the next pulumi up takes back the service that request made (one in that region created around ${new Date(window.sentAtMs).toISOString()}), or creates one if there is none.`,
    `${UNCONFIRMED_ID_PREFIX}${new Date(window.sentAtMs).toISOString()}`,
    { ...outputs, __provider: inputs.__provider },
  );
}

/** When Atlas created a service, from its ObjectId (ms, whole seconds); `undefined` for an id that is not one. */
export function createdAtMs(id: string): number | undefined {
  return /^[0-9a-f]{24}$/i.test(id) ? parseInt(id.slice(0, 8), 16) * 1000 : undefined;
}

/**
 * True when `service` is taken for the unconfirmed request of `window`: created (by its ObjectId, whole seconds on
 * Atlas' clock) no earlier than the request was sent and no later than it failed, each widened by
 * {@link TAKE_BACK_MARGIN_MS}.
 */
export function madeWithin(window: CreateWindow, service: AtlasEndpointService): boolean {
  const created = createdAtMs(service.id);
  if (created === undefined) return false;
  return created >= window.sentAtMs - TAKE_BACK_MARGIN_MS - 1000 && created <= window.failedAtMs + TAKE_BACK_MARGIN_MS;
}

/** The service the unconfirmed request of `window` made, if Atlas lists it: in the inputs' region, made within it. */
export async function findUnconfirmed(
  context: OperationContext,
  inputs: ServiceInputs,
  window: CreateWindow,
): Promise<AtlasEndpointService | undefined> {
  const region = atlasRegionOf(inputs);
  const services = await context.client.listEndpointServices(inputs.projectId, inputs.providerName);
  return services.find((service) => service.regionName === region && madeWithin(window, service));
}
