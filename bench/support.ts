/** Helpers the live benchmarks share: the emulator's control calls, the plugin's configuration, RSS sampling. */
import * as fs from "node:fs";

import { EMULATOR_IDENTITY, startEmulator, type RunningEmulator } from "../emulator";
import type { EmulatorRegistrationEntry, EmulatorServiceEntry, RequestLogEntry } from "../emulator";
import type { ProviderName } from "../regions/regions";
import { startDynamicPlugin, type DynamicPlugin } from "../scripts/lib/dynamic-plugin";

/** How often {@link sampleRss} reads `/proc`. */
export const RSS_SAMPLE_INTERVAL_MS = 200;

/** Stack configuration for the plugin: the emulator and its built-in API key, on the real schedule (no time scale). */
export function pluginConfig(baseUrl: string): Record<string, string> {
  return {
    "mongodbatlas:baseUrl": baseUrl,
    "mongodbatlas:publicKey": EMULATOR_IDENTITY.apiKey.publicKey,
    "mongodbatlas:privateKey": EMULATOR_IDENTITY.apiKey.privateKey,
  };
}

/** The median; `NaN` for no values. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  if (sorted.length === 0) return NaN;
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? NaN)
    : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
}

/** `value` rounded to `digits` decimals. */
export function round(value: number, digits = 3): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** A thrown value's message. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function control<T>(baseUrl: string, method: "GET" | "DELETE", route: string): Promise<T> {
  const response = await fetch(`${baseUrl}/__emulator${route}`, { method });
  if (!response.ok) throw new Error(`emulator control ${method} ${route} answered ${response.status}`);
  return (await response.json()) as T;
}

/** The emulator's request log. */
export const requestLog = (baseUrl: string): Promise<RequestLogEntry[]> => control(baseUrl, "GET", "/requests");
/** Clears the emulator's request log. */
export const clearRequestLog = (baseUrl: string): Promise<unknown> => control(baseUrl, "DELETE", "/requests");
/** Every service the emulator holds, with its ready time. */
export const emulatorServices = (baseUrl: string): Promise<EmulatorServiceEntry[]> =>
  control(baseUrl, "GET", "/services");
/** Every registration the emulator holds, with its ready time. */
export const emulatorRegistrations = (baseUrl: string): Promise<EmulatorRegistrationEntry[]> =>
  control(baseUrl, "GET", "/registrations");

/** Requests since the log was cleared: the highest sequence number, which survives the log's size cap. */
export function requestCount(log: readonly RequestLogEntry[]): number {
  return log.reduce((highest, entry) => Math.max(highest, entry.seq), 0);
}

/** An answer that was an authentication challenge. */
export const isChallenge = (entry: RequestLogEntry): boolean => entry.status === 401;

/** Runs `body` against a quiet emulator started with `options`, and closes it. */
export async function withEmulator<T>(
  options: Parameters<typeof startEmulator>[0],
  body: (emulator: RunningEmulator) => Promise<T>,
): Promise<T> {
  const emulator = await startEmulator({ quiet: true, ...options });
  try {
    return await body(emulator);
  } finally {
    await emulator.close();
  }
}

/** Runs `body` with a plugin configured for the emulator at `baseUrl`, and closes it. */
export async function withPlugin<T>(baseUrl: string, body: (plugin: DynamicPlugin) => Promise<T>): Promise<T> {
  const plugin = await startDynamicPlugin();
  try {
    await plugin.configure(pluginConfig(baseUrl));
    return await body(plugin);
  } finally {
    await plugin.close();
  }
}

/** The plugin's Check of one service's inputs; throws when it reports failures. */
export async function checkedInputs(
  plugin: DynamicPlugin,
  provider: string,
  target: { provider: ProviderName; region: string; resourceName: string; projectId?: string },
): Promise<Record<string, unknown>> {
  const news = {
    __provider: provider,
    projectId: target.projectId ?? EMULATOR_IDENTITY.projectId,
    providerName: target.provider,
    region: target.region,
    resourceName: target.resourceName,
  };
  const { inputs, failures } = await plugin.check({}, news);
  if (failures.length > 0) throw new Error(`check refused ${JSON.stringify(news)}: ${JSON.stringify(failures)}`);
  return inputs;
}

/** Samples a process's resident set from `/proc`; `null` figures where `/proc` is not available. */
export function sampleRss(pid: number): { current(): number | null; stop(): number | null } {
  const statusFile = `/proc/${pid}/status`;
  let peakKiB: number | null = null;
  const read = (): void => {
    let text: string;
    try {
      text = fs.readFileSync(statusFile, "utf8");
    } catch {
      return;
    }
    for (const field of ["VmHWM", "VmRSS"]) {
      const kiB = Number(new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, "m").exec(text)?.[1]);
      if (Number.isFinite(kiB)) peakKiB = Math.max(peakKiB ?? 0, kiB);
    }
  };
  read();
  const timer = setInterval(read, RSS_SAMPLE_INTERVAL_MS);
  return {
    current() {
      try {
        const kiB = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(fs.readFileSync(statusFile, "utf8"))?.[1]);
        return Number.isFinite(kiB) ? round((kiB * 1024) / 1e6, 1) : null;
      } catch {
        return null;
      }
    },
    stop() {
      read();
      clearInterval(timer);
      return peakKiB === null ? null : round((peakKiB * 1024) / 1e6, 1);
    },
  };
}
