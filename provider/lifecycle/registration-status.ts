import type { AtlasRegistration } from "../atlas/types";

/**
 * The status field of a registration as Atlas answers it: `connectionStatus` for AWS, `status` for Azure and GCP.
 * Shared because a service's delete judges the registrations still on it.
 */
export function registrationStatusOf(registration: AtlasRegistration): string | null {
  return (registration.cloudProvider === "AWS" ? registration.connectionStatus : registration.status) ?? null;
}
