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

/**
 * The cloud a well-formed endpoint id belongs to, or `undefined` for a text that is none. A `vpce-` id is AWS' or
 * nothing (`vpce-1` has a GCP name's form, but it is a mistyped VPC endpoint id), and so is an ARM id Azure's.
 */
export function endpointIdProvider(id: string): ProviderName | undefined {
  if (/^vpce-/i.test(id)) return AWS_ENDPOINT_ID.test(id) ? "AWS" : undefined;
  if (id.startsWith("/")) return AZURE_ENDPOINT_ID.test(id) ? "AZURE" : undefined;
  return GCP_NAME.test(id) ? "GCP" : undefined;
}

/** Compares two endpoint ids as their cloud does: ARM ids ignore case, the others are exact. */
export function sameEndpointId(a: string, b: string): boolean {
  return a === b || (a.startsWith("/") && a.toLowerCase() === b.toLowerCase());
}
