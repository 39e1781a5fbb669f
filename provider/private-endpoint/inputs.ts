import type { ProviderName } from "../../regions/regions";

/** Deadlines of a registration's waits, as duration strings such as `"45m"`, `"1h30m"` or `"90s"`. */
export interface RegistrationTimeouts {
  /** From the create call (including waiting for the service to accept endpoints) to `AVAILABLE`. Default `"60m"`. */
  readonly create?: string;
  /** From the delete request to Atlas answering 404. Default `"60m"`. */
  readonly delete?: string;
}

/** One GCP endpoint (a forwarding rule) of an endpoint group without port mapping. */
export interface GcpEndpointInput {
  /** The forwarding rule's name (not the address's). */
  readonly endpointName: string;
  /** The forwarding rule's IP address. */
  readonly ipAddress: string;
}

/** The inputs the provider receives, resolved (after `check`); names as the official `PrivateLinkEndpointService`. */
export interface RegistrationInputs {
  readonly projectId: string;
  readonly providerName: ProviderName;
  /** The Atlas endpoint service id (24 hex), despite its name: the official resource's naming. */
  readonly privateLinkId: string;
  /**
   * The cloud endpoint, despite its name: AWS `vpce-…`, Azure private endpoint ARM id, GCP endpoint group name or,
   * with port mapping, the forwarding rule name.
   */
  readonly endpointServiceId: string;
  /** Azure; GCP with port mapping. */
  readonly privateEndpointIpAddress?: string;
  /** GCP: the Google Cloud project of the forwarding rules. */
  readonly gcpProjectId?: string;
  /** GCP without port mapping: the forwarding rules. */
  readonly endpoints?: readonly GcpEndpointInput[];
  readonly deleteOnCreateTimeout?: boolean;
  readonly adoptExisting?: boolean;
  readonly timeouts?: RegistrationTimeouts;
  /** The Pulumi resource name, set by the resource class, so log lines can name the resource. */
  readonly resourceName?: string;
}

/** Inputs as the dynamic face hands them over: with the serialized provider, which partial creates must keep. */
export type ProviderInputs = RegistrationInputs & { readonly __provider?: unknown };

/** The inputs that reach Atlas: changing any of them replaces the registration (Atlas has no update for one). */
export const REPLACING_INPUTS = [
  "projectId",
  "providerName",
  "privateLinkId",
  "endpointServiceId",
  "privateEndpointIpAddress",
  "gcpProjectId",
  "endpoints",
] as const satisfies readonly (keyof RegistrationInputs)[];

/** Inputs kept in state only: deadlines and flags. */
export const STATE_ONLY_INPUTS = [
  "deleteOnCreateTimeout",
  "adoptExisting",
  "timeouts",
] as const satisfies readonly (keyof RegistrationInputs)[];

/** Every input property name, for the unknown-property check (`resourceName` is set by the resource class). */
export const INPUT_NAMES: readonly (keyof RegistrationInputs)[] = [
  ...REPLACING_INPUTS,
  ...STATE_ONLY_INPUTS,
  "resourceName",
];

/** The names of `timeouts`. */
export const TIMEOUT_KEYS: readonly (keyof RegistrationTimeouts)[] = ["create", "delete"];
