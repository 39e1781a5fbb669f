/**
 * The provider plugin's entry point, started by the engine through the `pulumi-resource-atlas-private-endpoint`
 * launcher: serves every resource of {@link RESOURCES} over gRPC.
 */
import { RESOURCES } from "../../resources";
import { AtlasPluginProvider } from "./provider";
import { serve } from "./serve";
import { pluginVersion } from "./version";

/** Runs the plugin with the engine's arguments. */
export function runPlugin(args: string[] = process.argv.slice(2)): void {
  serve(new AtlasPluginProvider(RESOURCES, pluginVersion()), args).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}

if (require.main === module) runPlugin();
