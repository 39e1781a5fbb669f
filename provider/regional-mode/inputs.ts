/** Deadlines of regional mode's waits, as duration strings such as `"45m"`, `"1h30m"` or `"90s"`. */
export interface RegionalModeTimeouts {
  /** From the create call (a change of the setting included) to every cluster `IDLE`. Default `"60m"`. */
  readonly create?: string;
  /** From an update's change of the setting to every cluster `IDLE`. Default `"60m"`. */
  readonly update?: string;
  /** From the delete's change of the setting back to off (when it makes one) to every cluster `IDLE`. Default `"60m"`. */
  readonly delete?: string;
}

/** The inputs the provider receives, resolved (after `check`); names as the official `PrivateEndpointRegionalMode`. */
export interface RegionalModeInputs {
  readonly projectId: string;
  /** The setting wanted; absent means off, as in the official resource. */
  readonly enabled?: boolean;
  readonly timeouts?: RegionalModeTimeouts;
  /** The Pulumi resource name, set by the resource class, so log lines can name the resource. */
  readonly resourceName?: string;
}

/** Inputs as the dynamic face hands them over: with the serialized provider, which partial creates must keep. */
export type ProviderInputs = RegionalModeInputs & { readonly __provider?: unknown };

/** Every input property name, for the unknown-property check (`resourceName` is set by the resource class). */
export const INPUT_NAMES: readonly (keyof RegionalModeInputs)[] = ["projectId", "enabled", "timeouts", "resourceName"];

/** The names of `timeouts`. */
export const TIMEOUT_KEYS: readonly (keyof RegionalModeTimeouts)[] = ["create", "update", "delete"];

/** The setting the inputs ask for. */
export function wantedSetting(inputs: Pick<RegionalModeInputs, "enabled">): boolean {
  return inputs.enabled === true;
}
