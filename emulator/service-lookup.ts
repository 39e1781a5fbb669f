import type { ProviderName } from "../regions/regions";
import type { AtlasCall } from "./atlas-call";
import { atlasError } from "./atlas-error";
import type { AtlasResult } from "./atlas-result";
import { forgetGoneRegistrations } from "./registration-lifecycle";
import { forgetGoneServices } from "./service-lifecycle";
import type { ServiceRecord } from "./service-record";

/** A live service, or the Atlas error to answer with. */
export type FoundService =
  { readonly ok: true; readonly record: ServiceRecord } | { readonly ok: false; readonly error: AtlasResult };

/** The live service named by the path's `endpointServiceId` in the call's project (and of `provider`, when given). */
export function findService(call: AtlasCall, provider: ProviderName | undefined): FoundService {
  const id = call.params.endpointServiceId ?? "";
  if (!/^[0-9a-f]{24}$/.test(id)) return { ok: false, error: atlasError("INVALID_ATTRIBUTE", ["endpointServiceId"]) };
  forgetGoneServices(call.state.store, call.now);
  forgetGoneRegistrations(call.state.store, call.now);
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
