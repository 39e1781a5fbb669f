/**
 * Serves the plugin with `@pulumi/pulumi/provider`'s `main` (which prints the port, answers the schema, version,
 * `Check`, `Invoke` and `Cancel`), while the calls its server gets wrong for us are routed to {@link pluginHandlers}:
 * `main` registers its service synchronously, and for that moment `grpc.Server.prototype.addService` lays our handlers
 * over the SDK's. The engine's address (the first argument) gives the plugin the engine's log, and a watch that ends
 * the process once the engine is gone.
 */
import * as grpc from "@grpc/grpc-js";
import { main } from "@pulumi/pulumi/provider";
import { EngineConnection, engineAddressOf } from "../engine-connection";
import { pluginHandlers } from "./handlers";
import type { AtlasPluginProvider } from "./provider";

/** Starts the plugin's gRPC server and prints its port, as the engine expects. */
export async function serve(provider: AtlasPluginProvider, args: string[]): Promise<void> {
  const address = engineAddressOf(args);
  if (address !== undefined) {
    const engine = new EngineConnection(address);
    provider.attachEngine(engine);
    // A CLI killed hard leaves its plugins behind: leave with it (creates in flight are in the journal).
    engine.watch(() => {
      console.error("the Pulumi engine that started this plugin is gone; exiting");
      process.exit(1);
    });
  }
  // Restored right after `main` has registered its service; called with the server as `this`.
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const addService = grpc.Server.prototype.addService;
  let routed = false;
  grpc.Server.prototype.addService = function (this: grpc.Server, service, implementation) {
    routed = true;
    const ours: grpc.UntypedServiceImplementation = Object.assign(
      Object.create(implementation) as grpc.UntypedServiceImplementation,
      pluginHandlers(provider),
    );
    addService.call(this, service, ours);
  };
  let serving: Promise<void>;
  try {
    // `main` registers its service synchronously, before its first await.
    serving = main(provider, args);
  } finally {
    grpc.Server.prototype.addService = addService;
  }
  if (!routed) {
    throw new Error(
      "@pulumi/pulumi/provider did not register its service through this copy of @grpc/grpc-js; the plugin could not receive its configuration",
    );
  }
  await serving;
}
