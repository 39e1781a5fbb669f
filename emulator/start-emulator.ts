import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { EmulatorOptions } from "./emulator-options";
import { createEmulatorState } from "./emulator-state";
import { createRequestHandler } from "./request-handler";
import { resolveOptions } from "./resolve-options";

/** A listening emulator. */
export interface RunningEmulator {
  /** `http://HOST:PORT`, without a trailing slash; Atlas paths go after it (`/api/atlas/v2/…`). */
  readonly baseUrl: string;
  /** The port actually bound (useful with `port: 0`). */
  readonly port: number;
  readonly host: string;
  /** Stops listening and destroys every open connection (hanging ones included). Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Starts an Atlas emulator: a real HTTP server answering the private endpoint service, registration, cluster and
 * regional-mode operations under `/api/atlas/v1.0` and `/api/atlas/v2`, OAuth under `/api/oauth`, and its control API
 * under `/__emulator`.
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const resolved = resolveOptions(options);
  const state = createEmulatorState(resolved);
  const handler = createRequestHandler(state, resolved);
  const server = createServer((req, res) => handler.handle(req, res));

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(resolved.port, resolved.host, () => {
      server.off("error", reject);
      resolve();
    });
  });

  const { port } = server.address() as AddressInfo;
  const urlHost = resolved.host.includes(":") ? `[${resolved.host}]` : resolved.host;
  let closing: Promise<void> | undefined;
  return {
    baseUrl: `http://${urlHost}:${port}`,
    port,
    host: resolved.host,
    close() {
      closing ??= new Promise<void>((resolve) => {
        handler.release();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
