/**
 * The provider plugin's entry point, started by the engine through the `pulumi-resource-atlas-private-endpoint`
 * launcher: serves `PrivateEndpointService` and `PrivateEndpoint` over gRPC.
 */
import { endpointServiceFace } from "./endpoint-service";
import { privateEndpointFace } from "./private-endpoint";
import { AtlasPluginProvider } from "./provider";
import { serve } from "./serve";
import { pluginVersion } from "./version";

/** The resource types the plugin serves. */
export const PLUGIN_FACES = [endpointServiceFace, privateEndpointFace] as const;

/** Runs the plugin with the engine's arguments. */
export function runPlugin(args: string[] = process.argv.slice(2)): void {
  serve(new AtlasPluginProvider(PLUGIN_FACES, pluginVersion()), args).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}

if (require.main === module) runPlugin();
