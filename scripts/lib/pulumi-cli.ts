/**
 * Finds the Pulumi engine (CLI plus Node.js language host) and runs stacks with it in throw-away surroundings: a
 * temporary `PULUMI_HOME`, a file backend in a temporary folder, a passphrase secrets provider and a private `TMPDIR`.
 * Used by the engine tests and the demo; nothing in the library depends on it. It never builds the engine:
 * `scripts/ensure-pulumi.sh` does that (see docs/decisions/pulumi-engine.md).
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** The default engine version (tools/pulumi-cli/v3.248.0; matches the default `@pulumi/pulumi`). */
export const PINNED_PULUMI_VERSION = "3.248.0";
/** The oldest CLI of the supported range, the one CI tests (same floor as scripts/ensure-pulumi.sh). */
export const MIN_PULUMI_VERSION = "3.248.0";

/** Where an engine is and where it was found. */
export interface PulumiEngine {
  /** The folder holding `pulumi` and `pulumi-language-nodejs` (put first on `PATH`). */
  readonly binDir: string;
  /** The `pulumi` executable. */
  readonly pulumi: string;
  /** `path`: already on `PATH`; `cache`: the build `scripts/ensure-pulumi.sh` keeps. */
  readonly source: "path" | "cache";
  /** `pulumi version` without the leading `v`, when it answered. */
  readonly version: string | undefined;
}

/** The folder `scripts/ensure-pulumi.sh` builds into: `${PULUMI_CLI_CACHE:-~/.cache/pulumi-atlas-endpoint-service}/pulumi-v<version>/bin`. */
export function defaultCacheBinDir(env: NodeJS.ProcessEnv = process.env): string {
  const root = env["PULUMI_CLI_CACHE"] || path.join(os.homedir(), ".cache", "pulumi-atlas-endpoint-service");
  return path.join(root, `pulumi-v${PINNED_PULUMI_VERSION}`, "bin");
}

/**
 * The engine to use: a `pulumi` (>= {@link MIN_PULUMI_VERSION}) on `PATH` with a `pulumi-language-nodejs` beside it on
 * `PATH`, else the cached build, else `undefined` (run `scripts/ensure-pulumi.sh`). Never builds anything.
 */
export function findPulumiEngine(env: NodeJS.ProcessEnv = process.env): PulumiEngine | undefined {
  const onPath = whichOnPath("pulumi", env);
  if (onPath !== undefined && whichOnPath("pulumi-language-nodejs", env) !== undefined) {
    const version = pulumiVersion(onPath);
    if (version !== undefined && compareVersions(version, MIN_PULUMI_VERSION) >= 0) {
      return { binDir: path.dirname(onPath), pulumi: onPath, source: "path", version };
    }
  }
  const binDir = defaultCacheBinDir(env);
  const names = ["pulumi", "pulumi-language-nodejs", "pulumi-resource-pulumi-nodejs"];
  if (names.every((name) => isExecutable(path.join(binDir, name)))) {
    const pulumi = path.join(binDir, "pulumi");
    return { binDir, pulumi, source: "cache", version: pulumiVersion(pulumi) };
  }
  return undefined;
}

function whichOnPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env["PATH"] ?? "").split(path.delimiter)) {
    if (dir === "") continue;
    const candidate = path.join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function pulumiVersion(pulumi: string): string | undefined {
  try {
    const out = execFileSync(pulumi, ["version"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
      timeout: 30_000,
      env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" },
    });
    const match = /^v?(\d+\.\d+\.\d+)/.exec(out.trim());
    return match?.[1];
  } catch {
    return undefined;
  }
}

function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < 3; i += 1) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** What one CLI run left behind. `stdout`/`stderr` are exactly what the CLI wrote (not redacted). */
export interface CliResult {
  /** `pulumi <args>` as run (config values given on stdin never appear here). */
  readonly command: string;
  /** The exit code; `null` when it ended by a signal (a timeout, for instance). */
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly durationMs: number;
  readonly timedOut: boolean;
}

/** Thrown by a run that had to succeed; carries the result (the message holds the tail of the output). */
export class PulumiCliError extends Error {
  override readonly name = "PulumiCliError";
  constructor(readonly result: CliResult) {
    super(
      `${result.command} ${result.timedOut ? "timed out" : `exited with ${result.code ?? result.signal ?? "?"}`} after ${Math.round(result.durationMs / 1000)} s\n` +
        tail(`${result.stdout}\n${result.stderr}`, 4000),
    );
  }
}

function tail(text: string, chars: number): string {
  return text.length <= chars ? text : `…${text.slice(-chars)}`;
}

/** Per-run options. */
export interface RunOptions {
  /** Extra environment for this run (over the stack's). A value of `undefined` removes the variable. */
  readonly env?: NodeJS.ProcessEnv;
  /** Kill the CLI (and everything it started) after this long. Default: the stack's `timeoutMs`. */
  readonly timeoutMs?: number;
  /** Text written to the CLI's stdin (then closed). */
  readonly input?: string;
  /** Resolve with a failing result instead of throwing {@link PulumiCliError}. Default false. */
  readonly allowFailure?: boolean;
  /** Engine log verbosity: adds `--logtostderr --logflow -v=N` (the logs land in `stderr`). */
  readonly verbosity?: number;
  /** Extra arguments appended to the command. */
  readonly extraArgs?: readonly string[];
  /** Called with each chunk as it arrives (e.g. to stream to the terminal). */
  readonly onOutput?: (chunk: string, stream: "stdout" | "stderr") => void;
}

/** How to set up a {@link PulumiStack}. */
export interface PulumiStackOptions {
  readonly engine: PulumiEngine;
  /** The Pulumi project folder (holds `Pulumi.yaml`); the CLI runs there and writes `Pulumi.<stack>.yaml` there. */
  readonly projectDir: string;
  /** The stack name. */
  readonly stack: string;
  /** Environment every run gets, over this process's (e.g. `MONGODB_ATLAS_*`). */
  readonly env?: NodeJS.ProcessEnv;
  /** Default timeout of each run. Default 5 minutes. */
  readonly timeoutMs?: number;
  /** Passphrase of the stack's secrets. Default a fixed test passphrase. */
  readonly passphrase?: string;
  /** Where the temporary home, state and TMPDIR go. Default `os.tmpdir()`. */
  readonly tempParent?: string;
  /** Every run's output, as it arrives (e.g. to stream to the terminal). */
  readonly onOutput?: (chunk: string, stream: "stdout" | "stderr") => void;
}

/** `pulumi preview` options. */
export interface PreviewOptions extends RunOptions {
  /** `--expect-no-changes`: the CLI fails when the preview has any change. */
  readonly expectNoChanges?: boolean;
  /** `--diff`: show property-level diffs. */
  readonly diff?: boolean;
}

/** A resource in `pulumi stack export` (the fields used here). */
export interface ExportedResource {
  readonly urn: string;
  readonly type: string;
  readonly id?: string;
  readonly inputs?: Record<string, unknown>;
  readonly outputs?: Record<string, unknown>;
  readonly initErrors?: string[];
  readonly [key: string]: unknown;
}

/** `pulumi stack export`, parsed, with the raw text (to search for secrets). */
export interface StackExport {
  readonly text: string;
  readonly deployment: { version: number; deployment: { resources?: ExportedResource[]; [key: string]: unknown } };
  readonly resources: ExportedResource[];
}

const running = new Set<ChildProcess>();

/** Kills every CLI this module started that is still running (process group, SIGKILL). For test teardown. */
export function killRunningPulumi(): void {
  for (const child of running) killGroup(child, "SIGKILL");
  running.clear();
}

/** Sends `signal` to every CLI this module started that is still running (SIGINT: the CLI cancels gracefully). */
export function signalRunningPulumi(signal: NodeJS.Signals): number {
  for (const child of running) killGroup(child, signal);
  return running.size;
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}

/**
 * One stack of one project, run with a private `PULUMI_HOME`, a `file://` backend and `TMPDIR` under one temporary
 * folder ({@link PulumiStack.tempRoot}); {@link PulumiStack.dispose} removes it all. Commands run with
 * `--non-interactive` (and `--yes --skip-preview` where they change anything).
 */
export class PulumiStack {
  /** Holds `home/` (PULUMI_HOME), `state/` (the backend) and `tmp/` (TMPDIR of the CLI and its plugins). */
  readonly tempRoot: string;
  readonly homeDir: string;
  readonly stateDir: string;
  readonly tmpDir: string;
  private readonly baseEnv: NodeJS.ProcessEnv;
  private readonly defaultTimeoutMs: number;

  private constructor(private readonly options: PulumiStackOptions) {
    this.tempRoot = fs.mkdtempSync(path.join(options.tempParent ?? os.tmpdir(), "pulumi-stack-"));
    this.homeDir = path.join(this.tempRoot, "home");
    this.stateDir = path.join(this.tempRoot, "state");
    this.tmpDir = path.join(this.tempRoot, "tmp");
    for (const dir of [this.homeDir, this.stateDir, this.tmpDir]) fs.mkdirSync(dir);
    this.defaultTimeoutMs = options.timeoutMs ?? 5 * 60_000;
    this.baseEnv = {
      ...process.env,
      ...options.env,
      PATH: [options.engine.binDir, process.env["PATH"] ?? ""].join(path.delimiter),
      PULUMI_HOME: this.homeDir,
      PULUMI_BACKEND_URL: `file://${this.stateDir}`,
      PULUMI_CONFIG_PASSPHRASE: options.passphrase ?? "engine-test-passphrase",
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_SKIP_CONFIRMATIONS: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: "true",
      TMPDIR: this.tmpDir,
      NO_COLOR: "1",
      npm_config_update_notifier: "false",
    };
    // Never hand a passphrase file or cloud token from the developer's shell to a throw-away stack.
    delete this.baseEnv["PULUMI_CONFIG_PASSPHRASE_FILE"];
    delete this.baseEnv["PULUMI_ACCESS_TOKEN"];
  }

  /** Sets up the surroundings and creates (or selects) the stack. */
  static async create(options: PulumiStackOptions): Promise<PulumiStack> {
    const stack = new PulumiStack(options);
    try {
      await stack.run(["stack", "select", "--create", stack.name]);
    } catch (error) {
      stack.dispose();
      throw error;
    }
    return stack;
  }

  get name(): string {
    return this.options.stack;
  }

  get projectDir(): string {
    return this.options.projectDir;
  }

  /** The environment the CLI runs with (this process's plus the stack's; holds whatever secrets `env` was given). */
  environment(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = { ...this.baseEnv };
    for (const [key, value] of Object.entries(extra)) {
      if (value === undefined) delete env[key];
      else env[key] = value;
    }
    return env;
  }

  /** Runs `pulumi <args> --stack <stack> --non-interactive`. Throws {@link PulumiCliError} on failure unless allowed. */
  run(args: readonly string[], options: RunOptions = {}): Promise<CliResult> {
    const full = [
      ...args,
      ...(args[0] === "stack" && (args[1] === "select" || args[1] === "rm") ? [] : ["--stack", this.name]),
      "--non-interactive",
      "--color=never",
      ...(options.verbosity === undefined ? [] : ["--logtostderr", "--logflow", `-v=${options.verbosity}`]),
      ...(options.extraArgs ?? []),
    ];
    return this.spawnCli(full, options);
  }

  /** `pulumi up --yes --skip-preview`. */
  up(options: RunOptions = {}): Promise<CliResult> {
    return this.run(["up", "--yes", "--skip-preview"], options);
  }

  /** `pulumi preview`, optionally with `--expect-no-changes` and `--diff`. */
  preview(options: PreviewOptions = {}): Promise<CliResult> {
    return this.run(
      [
        "preview",
        ...(options.expectNoChanges === true ? ["--expect-no-changes"] : []),
        ...(options.diff === true ? ["--diff"] : []),
      ],
      options,
    );
  }

  /** `pulumi refresh --yes --skip-preview`. */
  refresh(options: RunOptions = {}): Promise<CliResult> {
    return this.run(["refresh", "--yes", "--skip-preview"], options);
  }

  /** `pulumi destroy --yes --skip-preview`. */
  destroy(options: RunOptions = {}): Promise<CliResult> {
    return this.run(["destroy", "--yes", "--skip-preview"], options);
  }

  /**
   * `pulumi config set [--secret] <key>`, the value given on stdin so it never shows in a command line, a process
   * list or an error message. Full keys (`mongodbatlas:privateKey`) or project keys (`services`).
   */
  setConfig(key: string, value: string, options: { secret?: boolean } = {}): Promise<CliResult> {
    return this.run(["config", "set", ...(options.secret === true ? ["--secret"] : ["--plaintext"]), key], {
      input: value,
    });
  }

  /** `pulumi config rm <key>`. */
  removeConfig(key: string): Promise<CliResult> {
    return this.run(["config", "rm", key]);
  }

  /** `pulumi stack export` (secrets stay encrypted), parsed. */
  async exportStack(options: RunOptions = {}): Promise<StackExport> {
    const result = await this.run(["stack", "export"], options);
    const deployment = JSON.parse(result.stdout) as StackExport["deployment"];
    return { text: result.stdout, deployment, resources: deployment.deployment.resources ?? [] };
  }

  /** `pulumi stack output --json` (secret outputs shown as `[secret]`). */
  async outputs(options: RunOptions = {}): Promise<Record<string, unknown>> {
    const result = await this.run(["stack", "output", "--json"], options);
    return JSON.parse(result.stdout) as Record<string, unknown>;
  }

  /** `pulumi stack rm --yes` (add `--force` to drop a stack that still has resources). */
  removeStack(options: { force?: boolean } & RunOptions = {}): Promise<CliResult> {
    return this.run(["stack", "rm", "--yes", ...(options.force === true ? ["--force"] : []), this.name], options);
  }

  /** Every file under the temporary folder (home, state, TMPDIR), for leak searches. */
  files(): string[] {
    const out: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.isFile()) out.push(full);
      }
    };
    walk(this.tempRoot);
    return out;
  }

  /** Removes the temporary folder and the stack's `Pulumi.<stack>.yaml`. Safe to call twice. */
  dispose(): void {
    fs.rmSync(this.tempRoot, { recursive: true, force: true });
    fs.rmSync(path.join(this.projectDir, `Pulumi.${this.name}.yaml`), { force: true });
  }

  private spawnCli(args: readonly string[], options: RunOptions): Promise<CliResult> {
    const command = `pulumi ${args.join(" ")}`;
    const timeoutMs = options.timeoutMs ?? this.defaultTimeoutMs;
    const started = Date.now();
    return new Promise<CliResult>((resolve, reject) => {
      // Its own process group, so a timeout (or test teardown) also ends the language host and the plugins.
      const child = spawn(this.options.engine.pulumi, args, {
        cwd: this.projectDir,
        env: this.environment(options.env),
        stdio: ["pipe", "pipe", "pipe"],
        detached: true,
      });
      running.add(child);
      let stdout = "";
      let stderr = "";
      let timedOut = false;
      const emit = (chunk: string, stream: "stdout" | "stderr"): void => {
        options.onOutput?.(chunk, stream);
        this.options.onOutput?.(chunk, stream);
      };
      child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
        stdout += chunk;
        emit(chunk, "stdout");
      });
      child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
        stderr += chunk;
        emit(chunk, "stderr");
      });
      child.stdin.on("error", () => undefined);
      child.stdin.end(options.input ?? "");
      let killTimer: NodeJS.Timeout | undefined;
      const timer = setTimeout(() => {
        timedOut = true;
        // SIGINT first: the CLI cancels and stops its plugins; then no more patience.
        killGroup(child, "SIGINT");
        killTimer = setTimeout(() => killGroup(child, "SIGKILL"), 10_000);
      }, timeoutMs);
      child.once("error", (error) => {
        clearTimeout(timer);
        running.delete(child);
        reject(error);
      });
      child.once("close", (code, signal) => {
        clearTimeout(timer);
        if (killTimer !== undefined) clearTimeout(killTimer);
        running.delete(child);
        // Anything the CLI left in its group (a plugin that outlived it) goes too.
        if (child.pid !== undefined) {
          try {
            process.kill(-child.pid, "SIGKILL");
          } catch {
            // the group is empty
          }
        }
        const result: CliResult = { command, code, signal, stdout, stderr, durationMs: Date.now() - started, timedOut };
        if ((code !== 0 || timedOut) && options.allowFailure !== true) reject(new PulumiCliError(result));
        else resolve(result);
      });
    });
  }
}
