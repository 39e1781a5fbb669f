import * as provider from "../../provider/provider";
import { EMULATOR_IDENTITY } from "../../emulator";

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

/** Waits until `predicate` holds, polling every 20 ms, for at most `timeoutMs`. */
export async function eventually<T>(probe: () => Promise<T>, predicate: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (predicate(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms; last value ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export { provider };
