/**
 * The cloud endpoint ids Atlas keys registrations and connection-string entries by, per cloud: what `check` of both
 * `PrivateEndpoint` and `PrivateConnectionStrings` accepts.
 */
import type { ProviderName } from "../../regions/regions";

/** An AWS VPC endpoint id. */
export const AWS_ENDPOINT_ID = /^vpce-[0-9a-f]{17}$/;
/** An Azure private endpoint's ARM id. */
export const AZURE_ENDPOINT_ID =
  /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Network\/privateEndpoints\/[^/]+$/i;
/** A Compute Engine resource name (RFC 1035): what GCP forwarding rules and endpoint groups are called. */
export const GCP_NAME = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** The cloud a well-formed endpoint id belongs to, or `undefined` for a text that is none. */
export function endpointIdProvider(id: string): ProviderName | undefined {
  if (AWS_ENDPOINT_ID.test(id)) return "AWS";
  if (AZURE_ENDPOINT_ID.test(id)) return "AZURE";
  if (GCP_NAME.test(id)) return "GCP";
  return undefined;
}

/** Compares two endpoint ids as their cloud does: ARM ids ignore case, the others are exact. */
export function sameEndpointId(a: string, b: string): boolean {
  return a === b || (a.startsWith("/") && a.toLowerCase() === b.toLowerCase());
}
