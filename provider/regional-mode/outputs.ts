import type { RegionalModeInputs } from "./inputs";

/** What the provider stores: the inputs, Atlas' setting, and what the last change did. */
export interface RegionalModeOutputs extends Omit<RegionalModeInputs, "enabled"> {
  /** The setting as Atlas has it. */
  readonly enabled: boolean;
  /** The clusters whose connection strings the last change of the setting touched (multi-region sharded ones). */
  readonly affectedClusters: string[];
  /** The setting as this resource found it at create: delete turns it back off only when this is false. */
  readonly enabledAtCreate: boolean | null;
  /** Clusters not yet `IDLE` when the last wait ended (empty once they all are); the next update waits for them. */
  readonly pendingClusters: string[];
}

/** What one lifecycle step learnt: the setting, and the clusters of its last change. */
export interface RegionalModeState {
  readonly enabled: boolean;
  readonly affectedClusters: readonly string[];
  readonly enabledAtCreate: boolean | null;
  readonly pendingClusters: readonly string[];
}

/** The stored properties: the inputs, then the state. */
export function outputsFrom(
  inputs: RegionalModeInputs & { readonly __provider?: unknown },
  state: RegionalModeState,
): RegionalModeOutputs & { __provider?: unknown } {
  return {
    ...inputs,
    enabled: state.enabled,
    affectedClusters: [...state.affectedClusters],
    enabledAtCreate: state.enabledAtCreate,
    pendingClusters: [...state.pendingClusters],
  };
}

/** The state part of stored properties (what an earlier step recorded), with safe defaults for what is missing. */
export function storedState(props: Record<string, unknown>): RegionalModeState {
  const names = (value: unknown): string[] =>
    Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
  const atCreate = props["enabledAtCreate"];
  return {
    enabled: props["enabled"] === true,
    affectedClusters: names(props["affectedClusters"]),
    enabledAtCreate: typeof atCreate === "boolean" ? atCreate : null,
    pendingClusters: names(props["pendingClusters"]),
  };
}
