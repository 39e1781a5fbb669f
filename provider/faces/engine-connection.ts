/**
 * The Pulumi engine that started this plugin process, reached at the address it passes on the command line: its log
 * (progress lines beside a resource), the run's project and stack (from the root stack resource), and whether it is
 * still there (a CLI killed hard leaves its plugins running; they should not outlive it). Both faces use it.
 */
import * as net from "node:net";
import * as grpc from "@grpc/grpc-js";
import * as engrpc from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as engproto from "@pulumi/pulumi/proto/engine_pb";
import type { StackKey } from "../context/create-journal";

/** How long one question to the engine may take. */
const CALL_DEADLINE_MS = 2000;

function callOptions(): Partial<grpc.CallOptions> {
  return { deadline: Date.now() + CALL_DEADLINE_MS };
}

/** The engine's address among a plugin's arguments: the first that is not a logging or tracing flag. */
export function engineAddressOf(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] ?? "";
    if (arg === "--tracing") i += 1;
    else if (!arg.startsWith("-")) return arg;
  }
  return undefined;
}

/** `host:port` (the port last, so an IPv6 host keeps its colons). */
function splitAddress(address: string): [string, number] {
  const colon = address.lastIndexOf(":");
  return [address.slice(0, colon).replace(/^\[|\]$/g, "") || "127.0.0.1", Number(address.slice(colon + 1))];
}

/** One engine, one channel. */
export class EngineConnection {
  private readonly client: engrpc.EngineClient;
  private stackKey: Promise<StackKey | undefined> | undefined;
  /** Log lines go out one after another, so they arrive in the order they were written. */
  private logged: Promise<void> = Promise.resolve();
  private watching: NodeJS.Timeout | undefined;

  constructor(readonly address: string) {
    this.client = new engrpc.EngineClient(address, grpc.credentials.createInsecure());
  }

  /** Sends one line to the engine's log for `urn` (shown beside the resource); to stderr if the engine is unreachable. */
  log(urn: string, message: string): void {
    const request = new engproto.LogRequest();
    request.setSeverity(engproto.LogSeverity.INFO);
    request.setMessage(message);
    request.setUrn(urn);
    this.logged = this.logged.then(
      () =>
        new Promise<void>((resolve) => {
          this.client.log(request, new grpc.Metadata(), callOptions(), (error) => {
            if (error !== null) process.stderr.write(`${message}\n`);
            resolve();
          });
        }),
    );
  }

  /** The run's project and stack, from the root stack resource's URN; `undefined` when the engine does not say. */
  stack(): Promise<StackKey | undefined> {
    this.stackKey ??= this.rootUrn().then(
      (urn) => {
        const parts = /^urn:pulumi:([^:]+)::([^:]+)::/.exec(urn ?? "");
        return parts?.[1] === undefined || parts[2] === undefined ? undefined : { stack: parts[1], project: parts[2] };
      },
      () => undefined,
    );
    return this.stackKey;
  }

  /**
   * Calls `onGone` once the engine, reached at least once, refuses connections twice in a row: its process has ended.
   * A plain TCP connect, every `intervalMs`, without keeping this process alive: the kernel answers it even when the
   * engine is too busy to answer a call, so a slow engine is never taken for a gone one.
   */
  watch(onGone: () => void, intervalMs = 1000): void {
    if (this.watching !== undefined) return;
    const [host, port] = splitAddress(this.address);
    let seen = false;
    let refused = 0;
    const probe = (): void => {
      const socket = net.connect({ host, port });
      socket.unref();
      socket.once("connect", () => {
        seen = true;
        refused = 0;
        socket.destroy();
      });
      socket.once("error", (error: NodeJS.ErrnoException) => {
        refused = seen && error.code === "ECONNREFUSED" ? refused + 1 : 0;
        if (refused >= 2) {
          clearInterval(this.watching);
          onGone();
        }
      });
    };
    probe();
    this.watching = setInterval(probe, intervalMs);
    this.watching.unref();
  }

  private rootUrn(): Promise<string> {
    return new Promise((resolve, reject) => {
      this.client.getRootResource(
        new engproto.GetRootResourceRequest(),
        new grpc.Metadata(),
        callOptions(),
        (error, response) => (error === null ? resolve(response.getUrn()) : reject(error)),
      );
    });
  }
}
