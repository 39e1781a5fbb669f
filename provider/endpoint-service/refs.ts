import { toAtlasRegion } from "../../regions/regions";
import type { ServiceInputs } from "./inputs";
import type { ServiceRef } from "./waits";

/** The Atlas spelling of the inputs' region (check guarantees it is known; an unknown one is passed as written). */
export function atlasRegionOf(inputs: Pick<ServiceInputs, "providerName" | "region">): string {
  return toAtlasRegion(inputs.providerName, inputs.region) ?? inputs.region;
}

/** The service a set of inputs and an id point at. */
export function refOf(inputs: Pick<ServiceInputs, "projectId" | "providerName">, id: string): ServiceRef {
  return { projectId: inputs.projectId, provider: inputs.providerName, id };
}
