/** One change of a project's regional mode ("regionalized private endpoints"): only real changes are kept. */
export interface RegionalModeChange {
  readonly at: number;
  readonly enabled: boolean;
}

/** The setting at `at`, from the project's changes in time order; a project starts with it off. */
export function regionalModeAt(changes: readonly RegionalModeChange[], at: number): boolean {
  let enabled = false;
  for (const change of changes) if (change.at <= at) enabled = change.enabled;
  return enabled;
}
