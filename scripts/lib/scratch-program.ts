/**
 * Scratch Pulumi programs that use this repository's package exactly as users get it: `npm pack` (once per process),
 * then `npm install` of the tarball into a fresh folder, so the package sits under `node_modules` as a copy and the
 * provider serializes as `require("pulumi-atlas-private-endpoint/provider")`. Used by the engine tests and scripts.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** The repository root (this file is scripts/lib/ in the source and dist/scripts/lib/ in the build). */
export const REPO_ROOT = findRepoRoot(__dirname);

function findRepoRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, "package.json");
    if (
      fs.existsSync(manifest) &&
      (JSON.parse(fs.readFileSync(manifest, "utf8")) as { name?: string }).name === "pulumi-atlas-private-endpoint"
    ) {
      return dir;
    }
    if (path.dirname(dir) === dir) throw new Error(`cannot find the repository root above ${start}`);
  }
}

/** The package name. */
export const PACKAGE_NAME = "pulumi-atlas-private-endpoint";
/**
 * The `@pulumi/pulumi` version the scratch programs install: the one installed in this checkout (3.248.0 by default,
 * the current one under scripts/with-current-pair.sh), so a program runs the SDK the tests were set up for.
 */
export const PULUMI_SDK_VERSION = (
  JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "node_modules", "@pulumi", "pulumi", "package.json"), "utf8")) as {
    version: string;
  }
).version;

/** A program file: `index.ts` (run through Pulumi's ts-node) or `index.js`. */
export interface ProgramFile {
  readonly file: "index.ts" | "index.js";
  readonly source: string;
}

/** Options of {@link createScratchProgram}. */
export interface ScratchProgramOptions {
  readonly program: ProgramFile;
  /** The Pulumi project name. Default `scratch`. */
  readonly projectName?: string;
  /** Where the folder goes. Default `os.tmpdir()`. */
  readonly parentDir?: string;
  /** More files to write (relative path → content), e.g. a `tsconfig.json`. */
  readonly files?: Readonly<Record<string, string>>;
  /** More dependencies (name → version). */
  readonly dependencies?: Readonly<Record<string, string>>;
  /** Progress lines (default: none). */
  readonly log?: (line: string) => void;
  /** Timeout of `npm install`. Default 5 minutes. */
  readonly installTimeoutMs?: number;
}

/** A scratch program folder with its dependencies installed. */
export interface ScratchProgram {
  /** The project folder (holds Pulumi.yaml). */
  readonly dir: string;
  /** The tarball installed. */
  readonly tarball: string;
  /** Removes the folder. Safe to call twice. */
  remove(): void;
}

let packed: Promise<string> | undefined;
let packDir: string | undefined;

/**
 * Packs this repository once per process (later calls get the same tarball). Builds first when `dist/` is missing or
 * older than a source file of the library or the emulator, then `npm pack --ignore-scripts` (so parallel packs do
 * not rebuild `dist/` under other readers). The tarball is removed when the process exits.
 */
export function packRepository(log: (line: string) => void = () => undefined): Promise<string> {
  packed ??= (async () => {
    if (distIsStale()) {
      log("dist/ is missing or older than the sources: npm run build");
      await exec("npm", ["run", "build"], REPO_ROOT, 5 * 60_000);
    }
    packDir = fs.mkdtempSync(path.join(os.tmpdir(), "atlas-endpoint-pack-"));
    process.once("exit", removePackedTarball);
    const out = await exec(
      "npm",
      ["pack", "--ignore-scripts", "--json", "--pack-destination", packDir],
      REPO_ROOT,
      5 * 60_000,
    );
    const [info] = JSON.parse(out.stdout) as { filename: string }[];
    if (info === undefined) throw new Error(`npm pack printed no file: ${out.stdout}`);
    const tarball = path.join(packDir, info.filename);
    log(`packed ${path.basename(tarball)}`);
    return tarball;
  })();
  packed.catch(() => (packed = undefined));
  return packed;
}

/** Deletes the tarball of {@link packRepository} now (it also goes when the process exits). */
export function removePackedTarball(): void {
  if (packDir !== undefined) fs.rmSync(packDir, { recursive: true, force: true });
  packDir = undefined;
  packed = undefined;
}

/** True when `dist/provider` or `dist/emulator` is missing or older than the newest `.ts` under `provider/` or `emulator/`. */
export function distIsStale(root: string = REPO_ROOT): boolean {
  const built = path.join(root, "dist", "provider", "index.js");
  if (!fs.existsSync(built) || !fs.existsSync(path.join(root, "dist", "emulator", "index.js"))) return true;
  const builtAt = fs.statSync(built).mtimeMs;
  const newest = Math.max(...["provider", "emulator"].map((dir) => newestMtime(path.join(root, dir))));
  return newest > builtAt;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else if (entry.name.endsWith(".ts") || entry.name.endsWith(".json"))
      newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** Makes a scratch program folder: Pulumi.yaml, package.json, the program; installs the packed package and the SDK. */
export async function createScratchProgram(options: ScratchProgramOptions): Promise<ScratchProgram> {
  const log = options.log ?? (() => undefined);
  const tarball = await packRepository(log);
  const dir = fs.mkdtempSync(path.join(options.parentDir ?? os.tmpdir(), "pulumi-program-"));
  const remove = (): void => fs.rmSync(dir, { recursive: true, force: true });
  try {
    const name = options.projectName ?? "scratch";
    const typescript = options.program.file === "index.ts";
    fs.writeFileSync(
      path.join(dir, "Pulumi.yaml"),
      [
        `name: ${name}`,
        "runtime:",
        "  name: nodejs",
        "  options:",
        `    typescript: ${String(typescript)}`,
        `main: ${options.program.file}`,
        "",
      ].join("\n"),
    );
    fs.writeFileSync(
      path.join(dir, "package.json"),
      `${JSON.stringify(
        {
          name,
          version: "1.0.0",
          private: true,
          main: options.program.file,
          dependencies: {
            "@pulumi/pulumi": PULUMI_SDK_VERSION,
            [PACKAGE_NAME]: `file:${tarball}`,
            ...options.dependencies,
          },
        },
        null,
        2,
      )}\n`,
    );
    fs.writeFileSync(path.join(dir, ".npmrc"), "package-lock=false\n");
    fs.writeFileSync(path.join(dir, options.program.file), options.program.source);
    if (typescript && options.files?.["tsconfig.json"] === undefined) {
      fs.writeFileSync(
        path.join(dir, "tsconfig.json"),
        JSON.stringify(
          {
            compilerOptions: { target: "ES2022", module: "commonjs", strict: true, skipLibCheck: true },
            files: ["index.ts"],
          },
          null,
          2,
        ),
      );
    }
    for (const [file, content] of Object.entries(options.files ?? {})) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), content);
    }
    log(`npm install in ${dir}`);
    const started = Date.now();
    await exec(
      "npm",
      ["install", "--no-audit", "--no-fund", "--prefer-offline"],
      dir,
      options.installTimeoutMs ?? 5 * 60_000,
    );
    log(`installed in ${Math.round((Date.now() - started) / 1000)} s`);
    // The installed copy must load as a plain `node` would load it (catches a tarball packed while dist/ was being
    // rewritten by a build elsewhere, and a missing export subpath).
    const probe = `require(${JSON.stringify(PACKAGE_NAME)}); require(${JSON.stringify(`${PACKAGE_NAME}/provider`)});`;
    await exec(process.execPath, ["-e", probe], dir, 60_000);
    return { dir, tarball, remove };
  } catch (error) {
    remove();
    throw error;
  }
}

function exec(
  command: string,
  args: string[],
  cwd: string,
  timeoutMs: number,
): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      {
        cwd,
        timeout: timeoutMs,
        maxBuffer: 64 * 1024 * 1024,
        env: { ...process.env, npm_config_update_notifier: "false" },
      },
      (error, stdout, stderr) => {
        if (error)
          reject(new Error(`${command} ${args.join(" ")} failed in ${cwd}: ${error.message}\n${stderr.slice(-4000)}`));
        else resolve({ stdout, stderr });
      },
    );
  });
}
