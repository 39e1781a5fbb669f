/**
 * What every engine test shares: the engine (or a skip outside CI), and a stack of a scratch program pointed at an
 * emulator with only the credentials the scenario gives.
 */
import * as fs from "node:fs";
import { EMULATOR_IDENTITY } from "../../emulator";
import { findPulumiEngine, PulumiStack, type CliResult, type PulumiEngine } from "../../scripts/lib/pulumi-cli";

const ENABLE_HINT = "export PATH=$(scripts/ensure-pulumi.sh):$PATH";

/** The engine found on PATH or in the cache, if any. */
export const engine = findPulumiEngine();

const inCi = process.env["CI"] === "true";
if (engine === undefined && !inCi) {
  console.log(`Engine tests skipped: no Pulumi engine on PATH or in the cache. To run them: ${ENABLE_HINT}`);
}

/** `describe` when the engine is there or under CI=true (where a missing engine fails), else `describe.skip`. */
export const describeEngine = engine !== undefined || inCi ? describe : describe.skip;

/** The engine, or the error a suite's `beforeAll` throws under CI=true without one. */
export function requireEngine(): PulumiEngine {
  if (engine !== undefined) return engine;
  throw new Error(
    `CI=true but no Pulumi engine was found (pulumi with pulumi-language-nodejs on PATH, or the cached build). Run scripts/ensure-pulumi.sh first: ${ENABLE_HINT}`,
  );
}

/** How {@link emulatorStack} sets a stack up. */
export interface EmulatorStackOptions {
  readonly projectDir: string;
  readonly stack: string;
  /** The emulator's base URL (`mongodbatlas:baseUrl`). */
  readonly baseUrl: string;
  /** Config over the defaults (`null` leaves a key out). The private key is set as a secret unless given here. */
  readonly config?: Record<string, string | null>;
  /** Environment of every run (the developer's `MONGODB_ATLAS_*` are always removed first). */
  readonly env?: NodeJS.ProcessEnv;
  readonly passphrase?: string;
  readonly timeoutMs?: number;
}

/** A stack pointed at the emulator with its own key, polling 50 times faster than against Atlas. */
export async function emulatorStack(options: EmulatorStackOptions): Promise<PulumiStack> {
  const stack = await PulumiStack.create({
    engine: requireEngine(),
    projectDir: options.projectDir,
    stack: options.stack,
    timeoutMs: options.timeoutMs ?? 150_000,
    ...(options.passphrase === undefined ? {} : { passphrase: options.passphrase }),
    // Only the credentials a scenario gives: none from the developer's shell.
    env: {
      MONGODB_ATLAS_PUBLIC_API_KEY: undefined,
      MONGODB_ATLAS_PRIVATE_API_KEY: undefined,
      MONGODB_ATLAS_PUBLIC_KEY: undefined,
      MONGODB_ATLAS_PRIVATE_KEY: undefined,
      MONGODB_ATLAS_CLIENT_ID: undefined,
      MONGODB_ATLAS_CLIENT_SECRET: undefined,
      MONGODB_ATLAS_ACCESS_TOKEN: undefined,
      MONGODB_ATLAS_BASE_URL: undefined,
      ...options.env,
    },
  });
  const config = options.config ?? {};
  const all: Record<string, string | null> = {
    "mongodbatlas:baseUrl": options.baseUrl,
    "mongodbatlas:publicKey": EMULATOR_IDENTITY.apiKey.publicKey,
    "atlasPrivateEndpoint:pollTimeScale": "0.02",
    ...config,
  };
  for (const [key, value] of Object.entries(all)) if (value !== null) await stack.setConfig(key, value);
  if (!("mongodbatlas:privateKey" in config)) {
    await stack.setConfig("mongodbatlas:privateKey", EMULATOR_IDENTITY.apiKey.privateKey, { secret: true });
  }
  return stack;
}

/** Everything a CLI run printed. */
export const outputText = (result: CliResult): string => `${result.stdout}\n${result.stderr}`;

/**
 * Processes still running that were started with `stack`'s environment (its private `PULUMI_HOME`): the CLI, its
 * language host and its plugins, whatever process group they are in. Linux (`/proc`).
 */
export function processesOf(stack: Pick<PulumiStack, "homeDir">): string[] {
  const marker = `PULUMI_HOME=${stack.homeDir}\0`;
  const found: string[] = [];
  for (const pid of fs.readdirSync("/proc").filter((entry) => /^\d+$/.test(entry))) {
    try {
      if (!fs.readFileSync(`/proc/${pid}/environ`, "latin1").includes(marker)) continue;
      found.push(`${pid} ${fs.readFileSync(`/proc/${pid}/cmdline`, "latin1").replace(/\0/g, " ").trim()}`);
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return found;
}
