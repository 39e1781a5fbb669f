/**
 * What the provider-plugin tests share: the provider plugin (`bin/pulumi-resource-atlas-private-endpoint`) spawned and
 * pointed at an in-process emulator, for one test file.
 */
import * as fs from "node:fs";
import { EMULATOR_IDENTITY, startEmulator, type RunningEmulator } from "../../emulator";
import type { ProviderPlugin } from "../../scripts/lib/dynamic-plugin";
import { startAtlasPlugin } from "../../scripts/lib/atlas-plugin";
import { control, type EmulatorControl, type SettingsPatch } from "../support/emulator-control";
import { FAST_TIMINGS } from "../support/provider-harness";

/** The plugin's own configuration keys, pointing it at the emulator at `baseUrl`, polling 100 times faster. */
export function pluginConfig(baseUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    baseUrl,
    publicKey: EMULATOR_IDENTITY.apiKey.publicKey,
    privateKey: EMULATOR_IDENTITY.apiKey.privateKey,
    pollTimeScale: "0.01",
    ...extra,
  };
}

/** A new provider plugin, configured with {@link pluginConfig} for the emulator at `baseUrl`. */
export async function startConfiguredPlugin(baseUrl: string): Promise<ProviderPlugin> {
  const plugin = await startAtlasPlugin();
  await plugin.configure(pluginConfig(baseUrl));
  return plugin;
}

/** Fails (the calling `beforeAll`) when the plugin is not built. */
export function requireBuiltPlugin(): void {
  if (!fs.existsSync(require.resolve("../../dist/provider/faces/plugin/main.js")))
    throw new Error("dist/provider/faces/plugin is missing: run npm run build first");
}

/** A running emulator and provider plugin for one test file. */
export interface AtlasPluginBench {
  readonly emulator: RunningEmulator;
  readonly ctl: EmulatorControl;
  readonly plugin: ProviderPlugin;
}

/**
 * Starts the emulator (with `timings`, {@link FAST_TIMINGS} by default) and a configured plugin before the file's tests
 * and stops them after; unless `resetBeforeEach` is false, resets the emulator and its timings before each test. Read
 * the returned object's fields inside tests and hooks registered after this call (they are set in `beforeAll`).
 */
export function useAtlasPluginBench({
  timings = FAST_TIMINGS,
  resetBeforeEach = true,
}: { timings?: SettingsPatch; resetBeforeEach?: boolean } = {}): AtlasPluginBench {
  const bench = {} as { emulator: RunningEmulator; ctl: EmulatorControl; plugin: ProviderPlugin };
  beforeAll(async () => {
    requireBuiltPlugin();
    bench.emulator = await startEmulator({ ...timings, quiet: true });
    bench.ctl = control(bench.emulator.baseUrl);
    bench.plugin = await startConfiguredPlugin(bench.emulator.baseUrl);
  });
  afterAll(async () => {
    // Fields stay unset when the setup failed; its error is reported.
    const started: Partial<AtlasPluginBench> = bench;
    await started.plugin?.close();
    await started.emulator?.close();
  });
  if (resetBeforeEach) {
    beforeEach(async () => {
      await bench.ctl.reset();
      await bench.ctl.settings(timings);
    });
  }
  return bench;
}
