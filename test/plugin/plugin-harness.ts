/**
 * What the plugin tests of both resources share: the real dynamic-provider plugin (both provider modules) driven over
 * gRPC against an in-process emulator, and small helpers for their calls and the emulator's request log.
 */
import * as fs from "node:fs";
import { EMULATOR_IDENTITY, startEmulator, type EmulatorOptions, type RunningEmulator } from "../../emulator";
import { AtlasClient } from "../../provider/atlas/client";
import {
  PluginCallError,
  builtProviderPath,
  providerReference,
  startDynamicPlugin,
  type DynamicPlugin,
  type ProviderModuleName,
} from "../../scripts/lib/dynamic-plugin";
import { control, type EmulatorControl, type RequestLogEntry, type SettingsPatch } from "../support/emulator-control";
import { FAST_TIMINGS, emulatorConfig } from "../support/provider-harness";
import { eventually } from "../support/eventually";

export type Props = Record<string, unknown>;

export const PROJECT = EMULATOR_IDENTITY.projectId;
export const SERVICE_PROVIDER = providerReference(builtProviderPath("endpoint-service"));
export const LINK_PROVIDER = providerReference(builtProviderPath("private-endpoint"));
/** Emulator timings of these tests: services ready in 0.3 s, registrations in 0.3 s, deletions short. */
export const TIMINGS = { ...FAST_TIMINGS, registrationSeconds: 0.3, registrationDeletingSeconds: 0.2 } as const;
export const VPCE = "vpce-0123456789abcdef0";
export const AZURE_ID =
  "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-link/providers/Microsoft.Network/privateEndpoints/pe-atlas";

/** A running emulator and plugin for one test file; `reset` before each test. */
export interface PluginBench {
  readonly emulator: RunningEmulator;
  readonly ctl: EmulatorControl;
  readonly plugin: DynamicPlugin;
}

/** What differs between the plugin test files besides the emulator's options. */
export interface BenchSetup {
  /** The emulator timings `options` go over, in place of {@link TIMINGS}. */
  readonly timings?: SettingsPatch;
  /** The provider modules the tests load, which must be built. Default: the service's and the registration's. */
  readonly resources?: readonly ProviderModuleName[];
  /** The resource type and name the plugin's calls are for (see `ProviderPlugin.forType`); default the service's. */
  readonly forType?: readonly [type: string, name: string];
}

/**
 * Starts the emulator (with `options` over `setup.timings`, {@link TIMINGS} by default) and the plugin before the
 * file's tests, resets both before each, stops them after. Read the returned object's fields inside tests (they are
 * set in `beforeAll`).
 */
export function usePluginBench(options: EmulatorOptions = {}, setup: BenchSetup = {}): PluginBench {
  const { timings = TIMINGS, resources = ["endpoint-service", "private-endpoint"], forType } = setup;
  const bench = {} as { emulator: RunningEmulator; ctl: EmulatorControl; plugin: DynamicPlugin };
  beforeAll(async () => {
    for (const resource of resources) {
      if (!fs.existsSync(builtProviderPath(resource)))
        throw new Error(`${builtProviderPath(resource)} is missing: run npm run build first`);
    }
    bench.emulator = await startEmulator({ ...timings, quiet: true, ...options });
    bench.ctl = control(bench.emulator.baseUrl);
    const plugin = await startDynamicPlugin();
    await plugin.configure(emulatorConfig(bench.emulator.baseUrl));
    bench.plugin = forType === undefined ? plugin : plugin.forType(...forType);
  });
  afterAll(async () => {
    await bench.plugin.close();
    await bench.emulator.close();
  });
  beforeEach(async () => {
    await bench.ctl.reset();
    await bench.ctl.settings({ ...timings, ...pickSettings(options) });
  });
  return bench;
}

function pickSettings(options: EmulatorOptions): Props {
  const { port: _p, host: _h, config: _c, quiet: _q, now: _n, random: _r, logger: _l, ...settings } = options;
  const { provisioningTimesFile: _f, ...rest } = settings;
  return rest;
}

/** Inputs checked by the plugin, failing the test on any check failure. */
export async function checked(plugin: DynamicPlugin, provider: string, news: Props): Promise<Props> {
  const { inputs, failures } = await plugin.check({}, { __provider: provider, ...news });
  expect(failures).toEqual([]);
  return inputs;
}

/** A service's checked inputs. */
export function serviceInputs(plugin: DynamicPlugin, providerName: string, region: string, extra: Props = {}) {
  return checked(plugin, SERVICE_PROVIDER, { projectId: PROJECT, providerName, region, resourceName: "svc", ...extra });
}

/** A registration's checked inputs. */
export function linkInputs(plugin: DynamicPlugin, news: Props): Promise<Props> {
  return checked(plugin, LINK_PROVIDER, { projectId: PROJECT, resourceName: "link", ...news });
}

/** A ready service made through the plugin; resolves to its id. */
export async function readyService(plugin: DynamicPlugin, providerName: string, region: string, extra: Props = {}) {
  return (await plugin.create(await serviceInputs(plugin, providerName, region, extra))).id;
}

/** The error of a call expected to fail. */
export async function failureOf(call: Promise<unknown>): Promise<PluginCallError> {
  return call.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (error: unknown) => error as PluginCallError,
  );
}

/** Log entries of `method` whose path (query left out) matches `pattern`, authentication challenges (401) left out. */
export function callsOf(log: readonly RequestLogEntry[], method: string, pattern: RegExp): RequestLogEntry[] {
  return log.filter((r) => r.method === method && r.status !== 401 && pattern.test(r.path.split("?")[0] ?? ""));
}

/** Path patterns of the calls both resources make. */
export const PATH = {
  serviceCreate: /\/privateEndpoint\/endpointService$/,
  serviceList: /\/privateEndpoint\/(AWS|AZURE|GCP)\/endpointService$/,
  service: /\/endpointService\/[0-9a-f]{24}$/,
  register: /\/endpointService\/[0-9a-f]{24}\/endpoint$/,
  registration: /\/endpointService\/[0-9a-f]{24}\/endpoint\/[^/]+$/,
} as const;

/** Waits until the plugin's output (which arrives over a pipe, after the call's answer) matches `pattern`. */
export async function outputMatches(plugin: DynamicPlugin, pattern: RegExp): Promise<void> {
  await eventually(
    () => Promise.resolve(plugin.output()),
    (output) => pattern.test(output),
  );
}

/** A client for out-of-band changes (what another tool or a person does in Atlas). */
export function atlasClient(emulator: RunningEmulator): AtlasClient {
  return new AtlasClient({ baseUrl: emulator.baseUrl, credentials: { kind: "api-key", ...EMULATOR_IDENTITY.apiKey } });
}
