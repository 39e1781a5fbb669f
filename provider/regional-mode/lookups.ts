import type { AtlasClient } from "../atlas/client";
import type { LookupDescription } from "../lifecycle/description";
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
  return getSetting(lookupClient(options), args);
}

async function getSetting(
  client: AtlasClient,
  args: GetPrivateEndpointRegionalModeArgs,
): Promise<PrivateEndpointRegionalModeInfo> {
  const setting = await client.getRegionalMode(args.projectId);
  return { projectId: args.projectId, enabled: setting.enabled };
}

/** {@link getPrivateEndpointRegionalMode}, described for the plugin's schema and `Invoke`. */
export const getRegionalModeLookup: LookupDescription = {
  name: "getPrivateEndpointRegionalMode",
  description:
    "Reads a MongoDB Atlas project's private endpoint regional mode (regionalized private endpoints; the official provider's getPrivateEndpointRegionalMode).",
  inputs: {
    projectId: { type: "string", required: true, description: "The Atlas project (24 hex digits)." },
  },
  outputs: {
    projectId: { type: "string", required: true, description: "The Atlas project, as asked for." },
    enabled: {
      type: "boolean",
      required: true,
      description: "Whether the project's regional mode (regionalized private endpoints) is on.",
    },
  },
  types: {},
  run: async (client, args) => ({
    ...(await getSetting(client, args as unknown as GetPrivateEndpointRegionalModeArgs)),
  }),
};
