import { lookupClient, type LookupOptions } from "../lifecycle/lookup-client";

/** Arguments of {@link getPrivateEndpointRegionalMode}. */
export interface GetPrivateEndpointRegionalModeArgs {
  /** The Atlas project (24 hex digits). */
  projectId: string;
}

/** What {@link getPrivateEndpointRegionalMode} returns. */
export interface PrivateEndpointRegionalModeInfo {
  readonly projectId: string;
  /** Whether the project's regional mode (regionalized private endpoints) is on. */
  readonly enabled: boolean;
}

/** Reads a project's regional mode (the official provider's `getPrivateEndpointRegionalMode` data source). */
export async function getPrivateEndpointRegionalMode(
  args: GetPrivateEndpointRegionalModeArgs,
  options?: LookupOptions,
): Promise<PrivateEndpointRegionalModeInfo> {
  const setting = await lookupClient(options).getRegionalMode(args.projectId);
  return { projectId: args.projectId, enabled: setting.enabled };
}
