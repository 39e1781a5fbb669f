/** The deadline of the wait, as a duration string such as `"45m"`, `"1h30m"` or `"90s"`. */
export interface ConnectionStringsTimeouts {
  /** From the create call to the entry being published and the cluster `IDLE`. Default `"60m"`. */
  readonly create?: string;
}

/** The inputs the provider receives, resolved (after `check`). */
export interface ConnectionStringsInputs {
  /** The Atlas project (24 hex digits, lower case). */
  readonly projectId: string;
  /** The cluster, as Atlas names it. */
  readonly clusterName: string;
  /**
   * The cloud endpoints whose entry to wait for, as `endpoints[].endpointId` holds them: AWS `vpce-…`, the Azure
   * private endpoint's ARM id, the GCP endpoint group or forwarding rule name.
   */
  readonly endpointIds: readonly string[];
  readonly timeouts?: ConnectionStringsTimeouts;
  /** The Pulumi resource name, set by the resource class, so log lines can name the resource. */
  readonly resourceName?: string;
}

/** The inputs that choose the entry: changing any of them replaces the resource (a new wait). */
export const REPLACING_INPUTS = [
  "projectId",
  "clusterName",
  "endpointIds",
] as const satisfies readonly (keyof ConnectionStringsInputs)[];

/** Every input property name, for the unknown-property check (`resourceName` is set by the resource class). */
export const INPUT_NAMES: readonly (keyof ConnectionStringsInputs)[] = [
  ...REPLACING_INPUTS,
  "timeouts",
  "resourceName",
];

/** The names of `timeouts`. */
export const TIMEOUT_KEYS: readonly (keyof ConnectionStringsTimeouts)[] = ["create"];
