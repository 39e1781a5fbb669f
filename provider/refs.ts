import { toAtlasRegion } from "./atlas/regions";
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

/** A text ending with exactly one full stop, to embed Atlas' messages ("Reason: No Capacity.") in ours. */
export function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** An error's message, whatever was thrown. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
