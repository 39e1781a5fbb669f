import type { ProviderName } from "../../regions/regions";
import type { AtlasRegistration } from "../atlas/types";

/**
 * The status field of a registration: `connectionStatus` for AWS, `status` for Azure and GCP. Picked by the provider
 * the resource was declared with, not by the answer's `cloudProvider`, which an answer may lack (the one v1.0 answer on
 * record does). Shared because a service's delete judges the registrations still on it.
 */
export function registrationStatusOf(provider: ProviderName, registration: AtlasRegistration): string | null {
  const fields = registration as { readonly connectionStatus?: string | null; readonly status?: string | null };
  return (provider === "AWS" ? fields.connectionStatus : fields.status) ?? null;
}
