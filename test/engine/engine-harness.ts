/**
 * What every engine test shares: the engine (or a skip outside CI), and a stack of a scratch program pointed at an
 * emulator with only the credentials the scenario gives.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { EMULATOR_IDENTITY, startEmulator, type EmulatorOptions, type RunningEmulator } from "../../emulator";
import {
  findPulumiEngine,
  killRunningPulumi,
  PulumiStack,
  type CliResult,
  type PulumiEngine,
} from "../../scripts/lib/pulumi-cli";
import {
  createScratchProgram,
  removePackedTarball,
  type ScratchProgram,
  type ScratchProgramOptions,
} from "../../scripts/lib/scratch-program";
import { control, type EmulatorControl } from "../support/emulator-control";

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

/** The emulator and scratch program of an engine suite, and the stacks it made. */
export interface EngineSuite {
  /** False when the suite's setup failed (its error is reported): nested hooks skip their own setup then. */
  readonly started: boolean;
  readonly emulator: RunningEmulator;
  readonly ctl: EmulatorControl;
  readonly program: ScratchProgram;
  /** A stack of the program pointed at the emulator ({@link emulatorStack}), disposed after the suite. */
  stack(name: string, options?: Omit<EmulatorStackOptions, "projectDir" | "stack" | "baseUrl">): Promise<PulumiStack>;
  /** Disposes a stack made another way after the suite. */
  keep(stack: PulumiStack): PulumiStack;
}

/**
 * Starts the emulator and installs the scratch program before the suite's tests (after its engine is found), and after
 * them ends what Pulumi left running, disposes the stacks and removes both. Call it inside the suite's `describe`.
 */
export function useEngineSuite(
  emulatorOptions: EmulatorOptions,
  programOptions: () => ScratchProgramOptions,
): EngineSuite {
  let emulator: RunningEmulator | undefined;
  let ctl: EmulatorControl | undefined;
  let program: ScratchProgram | undefined;
  const stacks: PulumiStack[] = [];

  beforeAll(async () => {
    requireEngine();
    emulator = await startEmulator(emulatorOptions);
    ctl = control(emulator.baseUrl);
    program = await createScratchProgram(programOptions());
  }, 300_000);

  afterAll(async () => {
    killRunningPulumi();
    for (const stack of stacks) stack.dispose();
    program?.remove();
    removePackedTarball();
    await emulator?.close();
  });

  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined)
      throw new Error(`the engine suite's ${what} is not started yet (use it in a hook or a test)`);
    return value;
  };
  const suite: EngineSuite = {
    get started() {
      return program !== undefined;
    },
    get emulator() {
      return started(emulator, "emulator");
    },
    get ctl() {
      return started(ctl, "emulator");
    },
    get program() {
      return started(program, "program");
    },
    keep(stack) {
      stacks.push(stack);
      return stack;
    },
    async stack(name, options = {}) {
      const projectDir = suite.program.dir;
      return suite.keep(await emulatorStack({ ...options, projectDir, stack: name, baseUrl: suite.emulator.baseUrl }));
    },
  };
  return suite;
}

/** What {@link exampleProgram} takes from an example folder. */
export interface ExampleProgramOptions {
  readonly projectName: string;
  /** The program's entry file, as it is in the example. */
  readonly main: ScratchProgramOptions["program"]["file"];
  /** More files of the example, as they are. */
  readonly files?: readonly string[];
  /** Files written instead of the example's (stand-ins for what cannot run offline). */
  readonly standIns?: Readonly<Record<string, string>>;
  /** Dependencies of the example that the stand-ins make needless. */
  readonly drop?: readonly string[];
}

/**
 * A scratch program made of an example folder's files, with the example's dependencies less the two the scratch
 * program installs itself (the packed tarball, this checkout's `@pulumi/pulumi`) and those in `drop`.
 */
export function exampleProgram(exampleDir: string, options: ExampleProgramOptions): ScratchProgramOptions {
  const source = (file: string): string => fs.readFileSync(path.join(exampleDir, file), "utf8");
  const manifest = JSON.parse(source("package.json")) as {
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  };
  const dependencies = { ...manifest.dependencies, ...manifest.devDependencies };
  for (const name of ["@pulumi/pulumi", "pulumi-atlas-private-endpoint", ...(options.drop ?? [])]) {
    delete dependencies[name];
  }
  const files = Object.fromEntries((options.files ?? []).map((file) => [file, source(file)]));
  return {
    program: { file: options.main, source: source(options.main) },
    projectName: options.projectName,
    files: { ...files, ...options.standIns },
    dependencies,
  };
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
