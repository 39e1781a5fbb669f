import type * as dynamic from "@pulumi/pulumi/dynamic";
import * as providerModule from "../../provider/endpoint-service/provider";
import { EMULATOR_IDENTITY, type RunningEmulator } from "../../emulator";
import type { EmulatorControl } from "./emulator-control";
import type { ServiceOutputs } from "../../provider/endpoint-service";

type Props = Record<string, unknown>;
/** What the provider stores, with the serialized provider the plugin adds. */
export type StoredOutputs = ServiceOutputs & { __provider?: unknown };

/** The provider module with the result types it really has (the dynamic-provider interface types them as `any`). */
export const provider = {
  configure: (request: dynamic.ConfigureRequest): Promise<void> => providerModule.configure(request),
  check: (olds: Props, news: Props): Promise<{ inputs?: Props; failures?: { property: string; reason: string }[] }> =>
    providerModule.check(olds, news) as Promise<{ inputs?: Props; failures?: { property: string; reason: string }[] }>,
  diff: (id: string, olds: Props, news: Props): Promise<dynamic.DiffResult> => providerModule.diff(id, olds, news),
  create: (inputs: Props): Promise<{ id: string; outs: StoredOutputs }> =>
    providerModule.create(inputs) as Promise<{ id: string; outs: StoredOutputs }>,
  read: (id: string, props: Props): Promise<{ id: string; props: Props; inputs?: Props }> =>
    providerModule.read(id, props) as Promise<{ id: string; props: Props; inputs?: Props }>,
  update: (id: string, olds: Props, news: Props): Promise<{ outs: StoredOutputs }> =>
    providerModule.update(id, olds, news) as Promise<{ outs: StoredOutputs }>,
  delete: (id: string, props: Props): Promise<void> => providerModule.delete(id, props),
};

/** Stack configuration that points the provider at an emulator, polling 100 times faster than in real life. */
export function emulatorConfig(baseUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    "mongodbatlas:baseUrl": baseUrl,
    "mongodbatlas:publicKey": EMULATOR_IDENTITY.apiKey.publicKey,
    "mongodbatlas:privateKey": EMULATOR_IDENTITY.apiKey.privateKey,
    "atlasPrivateEndpoint:pollTimeScale": "0.01",
    ...extra,
  };
}

/** Calls the provider module's `configure` as the plugin does, with a plain stack configuration. */
export async function configureProvider(config: Record<string, string>): Promise<void> {
  await provider.configure({
    config: {
      get: (key: string) => config[key],
      require: (key: string) => {
        const value = config[key];
        if (value === undefined) throw new Error(`missing ${key}`);
        return value;
      },
    },
  });
}

/** Inputs as the plugin would hand them to `create`, after `check`. */
export async function checkedInputs(news: Record<string, unknown>): Promise<Record<string, unknown>> {
  const result = await provider.check({}, { __provider: "serialized-provider-text", ...news });
  if (result.failures !== undefined && result.failures.length > 0) {
    throw new Error(`check failed: ${JSON.stringify(result.failures)}`);
  }
  return result.inputs ?? {};
}

export { eventually } from "./eventually";

/** Emulator timings for provider tests: services ready in 0.3 s, gone 0.1 s after a delete, updated in 0.1 s. */
export const FAST_TIMINGS = { provisionSeconds: 0.3, deletingSeconds: 0.1, updateSeconds: 0.1 } as const;

/** Before each provider test: an emulator with no services, fast timings again, and the provider pointed at it. */
export async function resetEmulatorAndProvider(emulator: RunningEmulator, ctl: EmulatorControl): Promise<void> {
  await ctl.reset();
  await ctl.settings(FAST_TIMINGS);
  await configureProvider(emulatorConfig(emulator.baseUrl));
}
