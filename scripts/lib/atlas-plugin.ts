/**
 * Starts this package's provider plugin (`bin/pulumi-resource-atlas-private-endpoint`, running the build in dist/)
 * and gives a gRPC client for it; see {@link startProviderPlugin}. Used by tests; nothing in the library depends on it.
 */
import * as path from "node:path";
import { REPO_ROOT } from "./scratch-program";
import { startProviderPlugin, type ProviderPlugin, type StartPluginOptions } from "./dynamic-plugin";

/** The launcher the npm package ships as a `bin`. */
export const PLUGIN_LAUNCHER = path.join(REPO_ROOT, "bin", "pulumi-resource-atlas-private-endpoint");

/** The plugin's type tokens. */
export const PLUGIN_TYPES = {
  service: "atlas-private-endpoint:index:PrivateEndpointService",
  endpoint: "atlas-private-endpoint:index:PrivateEndpoint",
  regionalMode: "atlas-private-endpoint:index:PrivateEndpointRegionalMode",
  connectionStrings: "atlas-private-endpoint:index:PrivateConnectionStrings",
} as const;

/** Spawns the plugin (by default through the repository's launcher) for the service type. */
export function startAtlasPlugin(
  options: Omit<StartPluginOptions, "pulumiPackageDir"> & { launcher?: string } = {},
): Promise<ProviderPlugin> {
  const { launcher = PLUGIN_LAUNCHER, ...rest } = options;
  return startProviderPlugin(launcher, [], PLUGIN_TYPES.service, rest);
}
