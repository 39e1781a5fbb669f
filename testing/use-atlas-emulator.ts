import { startAtlasEmulator, type AtlasEmulator, type AtlasEmulatorOptions } from "./atlas-emulator";

type Hook = (fn: () => Promise<void>, timeoutMs?: number) => void;

/**
 * Starts the emulator in the test file's `beforeAll` and stops it in its `afterAll` (jest, or any runner with those
 * globals, such as vitest with `globals: true`). Call it at the top of a file or a `describe`; the function it returns
 * gives the running emulator inside tests.
 *
 * ```ts
 * const atlas = useAtlasEmulator();
 * it("creates the service", async () => {
 *   await stack.setAllConfig(atlas().stackConfig);
 * });
 * ```
 */
export function useAtlasEmulator(options: AtlasEmulatorOptions = {}): () => AtlasEmulator {
  const hooks = globalThis as { beforeAll?: Hook; afterAll?: Hook };
  const { beforeAll, afterAll } = hooks;
  if (typeof beforeAll !== "function" || typeof afterAll !== "function") {
    throw new Error(
      "useAtlasEmulator needs the test runner's beforeAll/afterAll globals; without them, call startAtlasEmulator() and stop() yourself",
    );
  }
  let emulator: AtlasEmulator | undefined;
  beforeAll(async () => {
    emulator = await startAtlasEmulator(options);
  }, 30_000);
  afterAll(async () => {
    await emulator?.stop();
    emulator = undefined;
  }, 30_000);
  return () => {
    if (emulator === undefined) throw new Error("the Atlas emulator runs only between beforeAll and afterAll");
    return emulator;
  };
}
