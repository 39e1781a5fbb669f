/**
 * The gRPC calls the plugin answers itself rather than through `@pulumi/pulumi/provider`'s server (SDK 3.248), which
 * answers `Configure` without passing the configuration on, leaves `CheckConfig`/`DiffConfig` unimplemented, drops the
 * engine's timeout from `Create`/`Update`/`Delete`, answers `Diff` without a detailed diff, and reads an import's
 * absent properties as an error. Everything else (schema, version, `Check`, `Invoke`, `Cancel`) stays the SDK's.
 */
import * as grpc from "@grpc/grpc-js";
import * as anyproto from "google-protobuf/google/protobuf/any_pb";
import * as emptyproto from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import * as statusproto from "@pulumi/pulumi/proto/status_pb";
import { PartialCreateError } from "../../lifecycle/partial-create-error";
import type { AtlasPluginProvider, PluginDiff } from "./provider";
import { plainProperties } from "./values";

type Unary<Req, Res> = (
  call: grpc.ServerUnaryCall<Req, Res>,
  callback: (error: Partial<grpc.StatusObject> | null, response?: Res) => void,
) => void;

/** The handlers, by the gRPC method names `addService` expects. */
export interface PluginHandlers {
  checkConfig: Unary<provproto.CheckRequest, provproto.CheckResponse>;
  diffConfig: Unary<provproto.DiffRequest, provproto.DiffResponse>;
  configure: Unary<provproto.ConfigureRequest, provproto.ConfigureResponse>;
  diff: Unary<provproto.DiffRequest, provproto.DiffResponse>;
  create: Unary<provproto.CreateRequest, provproto.CreateResponse>;
  read: Unary<provproto.ReadRequest, provproto.ReadResponse>;
  update: Unary<provproto.UpdateRequest, provproto.UpdateResponse>;
  delete: Unary<provproto.DeleteRequest, emptyproto.Empty>;
}

const props = (value: Struct | undefined): Record<string, unknown> => plainProperties(value?.toJavaScript());
const struct = (value: unknown): Struct => Struct.fromJavaScript(value as Parameters<typeof Struct.fromJavaScript>[0]);

/** The handlers answered by `provider`. */
export function pluginHandlers(provider: AtlasPluginProvider): PluginHandlers {
  /** Runs `work` and answers with its response, or with the error (a partial create as `ErrorResourceInitFailed`). */
  const answer =
    <Req, Res>(work: (request: Req) => Promise<Res> | Res): Unary<Req, Res> =>
    (call, callback) => {
      Promise.resolve()
        .then(() => work(call.request))
        .then(
          (response) => callback(null, response),
          (error: unknown) => callback(failure(error)),
        );
    };
  return {
    checkConfig: answer((request) => {
      const response = new provproto.CheckResponse();
      response.setInputs(struct(provider.checkConfig(props(request.getNews()))));
      return response;
    }),
    diffConfig: answer((request) => {
      // A new credential or URL updates the provider; it never replaces the resources it manages.
      const olds = props(request.getOlds());
      const news = props(request.getNews());
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
      return response;
    }),
    configure: answer((request) => {
      const variables: Record<string, string> = {};
      request.getVariablesMap().forEach((value, key) => (variables[key] = value));
      provider.configure(props(request.getArgs()), variables);
      const response = new provproto.ConfigureResponse();
      // Plain values in, plain values out: the engine strips secrets before calls and marks outputs again after.
      response.setAcceptsecrets(false);
      response.setSupportspreview(false);
      return response;
    }),
    diff: answer(async (request) =>
      diffResponse(
        await provider.diff(request.getId(), request.getUrn(), props(request.getOlds()), props(request.getNews())),
        props(request.getOlds()),
        props(request.getNews()),
      ),
    ),
    create: answer(async (request) => {
      const result = await provider.create(request.getUrn(), props(request.getProperties()), request.getTimeout());
      const response = new provproto.CreateResponse();
      response.setId(result.id);
      response.setProperties(struct(result.outs));
      return response;
    }),
    read: answer(async (request) => {
      const result = await provider.read(request.getId(), request.getUrn(), props(request.getProperties()));
      const response = new provproto.ReadResponse();
      response.setId(result.id ?? request.getId());
      response.setProperties(struct(result.props));
      if (result.inputs !== undefined) response.setInputs(struct(result.inputs));
      return response;
    }),
    update: answer(async (request) => {
      const result = await provider.update(
        request.getId(),
        request.getUrn(),
        props(request.getOlds()),
        props(request.getNews()),
        request.getTimeout(),
      );
      const response = new provproto.UpdateResponse();
      response.setProperties(struct(result.outs));
      return response;
    }),
    delete: answer(async (request) => {
      await provider.delete(request.getId(), request.getUrn(), props(request.getProperties()), request.getTimeout());
      return new emptyproto.Empty();
    }),
  };
}

/**
 * The diff with its detailed form: each replacing property as `…_REPLACE`, each in-place one as an update, added or
 * deleted by whether the old state or the new inputs hold it (outputs such as `status` always update).
 */
function diffResponse(
  diff: PluginDiff,
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
): provproto.DiffResponse {
  const Kind = provproto.PropertyDiff.Kind;
  const kinds = {
    ADD: [Kind.ADD, Kind.ADD_REPLACE],
    DELETE: [Kind.DELETE, Kind.DELETE_REPLACE],
    UPDATE: [Kind.UPDATE, Kind.UPDATE_REPLACE],
  } as const;
  const response = new provproto.DiffResponse();
  response.setChanges(
    diff.changes ? provproto.DiffResponse.DiffChanges.DIFF_SOME : provproto.DiffResponse.DiffChanges.DIFF_NONE,
  );
  response.setReplacesList(diff.replaces);
  response.setDeletebeforereplace(diff.deleteBeforeReplace);
  const detailed = response.getDetaileddiffMap();
  const entry = (key: string, replace: boolean): void => {
    const input = diff.inputNames.includes(key);
    const had = olds[key] !== undefined && olds[key] !== null;
    const has = news[key] !== undefined && news[key] !== null;
    const kind = !input || (had && has) ? "UPDATE" : had ? "DELETE" : "ADD";
    const property = new provproto.PropertyDiff();
    property.setKind(kinds[kind][replace ? 1 : 0]);
    property.setInputdiff(input);
    detailed.set(key, property);
  };
  for (const key of diff.updates) entry(key, false);
  for (const key of diff.replaces) entry(key, true);
  response.setDiffsList([...detailed.keys()]);
  response.setHasdetaileddiff(true);
  return response;
}

/** An error as the engine reads it: a partial create carries its id, properties and reasons. */
function failure(error: unknown): Partial<grpc.StatusObject> {
  const message = error instanceof Error ? error.message : String(error);
  const metadata = new grpc.Metadata();
  if (error instanceof PartialCreateError) {
    const detail = new provproto.ErrorResourceInitFailed();
    detail.setId(error.id);
    detail.setProperties(struct(error.properties));
    detail.setReasonsList(error.reasons);
    const details = new anyproto.Any();
    details.pack(detail.serializeBinary(), "pulumirpc.ErrorResourceInitFailed");
    const status = new statusproto.Status();
    status.setCode(grpc.status.UNKNOWN);
    status.setMessage(message);
    status.addDetails(details);
    metadata.add("grpc-status-details-bin", Buffer.from(status.serializeBinary()));
  }
  return { code: grpc.status.UNKNOWN, details: message, metadata };
}
