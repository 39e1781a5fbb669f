/**
 * Serves the plugin with `@pulumi/pulumi/provider`'s `main`. Its gRPC server (SDK 3.248) answers `Configure` itself
 * and never shows the configuration to the provider, and does not implement `CheckConfig`/`DiffConfig`. So while
 * `main` registers its service, the three configuration calls are routed to {@link AtlasPluginProvider}; every other
 * call stays the SDK's (check failures, partial creates as `ErrorResourceInitFailed`, schema, version).
 */
import * as grpc from "@grpc/grpc-js";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { main } from "@pulumi/pulumi/provider";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import type { AtlasPluginProvider } from "./provider";
import { plainProperties } from "./values";

type Unary<Req, Res> = (
  call: grpc.ServerUnaryCall<Req, Res>,
  callback: (error: grpc.ServiceError | null, response?: Res) => void,
) => void;

/** The configuration calls, answered by our provider. */
function configurationHandlers(provider: AtlasPluginProvider): {
  checkConfig: Unary<provproto.CheckRequest, provproto.CheckResponse>;
  diffConfig: Unary<provproto.DiffRequest, provproto.DiffResponse>;
  configure: Unary<provproto.ConfigureRequest, provproto.ConfigureResponse>;
} {
  const props = (value: Struct | undefined): Record<string, unknown> => plainProperties(value?.toJavaScript());
  return {
    checkConfig: (call, callback) => {
      const response = new provproto.CheckResponse();
      const inputs = provider.checkConfig(props(call.request.getNews()));
      response.setInputs(Struct.fromJavaScript(inputs as Parameters<typeof Struct.fromJavaScript>[0]));
      callback(null, response);
    },
    diffConfig: (call, callback) => {
      // A new credential or URL updates the provider; it never replaces the resources it manages.
      const olds = props(call.request.getOlds());
      const news = props(call.request.getNews());
      const changed = [...new Set([...Object.keys(olds), ...Object.keys(news)])].filter(
        (key) => JSON.stringify(olds[key]) !== JSON.stringify(news[key]),
      );
      const response = new provproto.DiffResponse();
      response.setChanges(
        changed.length > 0
          ? provproto.DiffResponse.DiffChanges.DIFF_SOME
          : provproto.DiffResponse.DiffChanges.DIFF_NONE,
      );
      response.setDiffsList(changed);
      callback(null, response);
    },
    configure: (call, callback) => {
      const variables: Record<string, string> = {};
      call.request.getVariablesMap().forEach((value, key) => (variables[key] = value));
      provider.configure(props(call.request.getArgs()), variables);
      const response = new provproto.ConfigureResponse();
      // Plain values in, plain values out: the engine strips secrets before calls and marks outputs again after.
      response.setAcceptsecrets(false);
      response.setSupportspreview(false);
      callback(null, response);
    },
  };
}

/** Starts the plugin's gRPC server and prints its port, as the engine expects. */
export async function serve(provider: AtlasPluginProvider, args: string[]): Promise<void> {
  // Restored right after `main` has registered its service; called with the server as `this`.
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const addService = grpc.Server.prototype.addService;
  let routed = false;
  grpc.Server.prototype.addService = function (this: grpc.Server, service, implementation) {
    routed = true;
    const withConfiguration: grpc.UntypedServiceImplementation = Object.assign(
      Object.create(implementation) as grpc.UntypedServiceImplementation,
      configurationHandlers(provider),
    );
    addService.call(this, service, withConfiguration);
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
