/**
 * `npm run demo`: the quickstart program (examples/quickstart, run through the root Pulumi.yaml) against a local
 * Atlas emulator with the real Pulumi engine, end to end: find (or build) the engine, start the emulator, install the
 * quickstart, `pulumi up` (the endpoint service, then a VPC endpoint registered with it, then the private connection
 * string of the cluster declared in the emulator), show the outputs, `pulumi refresh` (the service now lists the VPC
 * endpoint), `pulumi destroy` (the registration first, then the service), remove the stack. Offline except for npm's registry (the quickstart's install). Takes well under a minute
 * once the engine is built.
 */
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { EMULATOR_IDENTITY, startEmulator, type RunningEmulator } from "../emulator";
import {
  findPulumiEngine,
  killRunningPulumi,
  PulumiCliError,
  PulumiStack,
  signalRunningPulumi,
  type PulumiEngine,
} from "./lib/pulumi-cli";
import { REPO_ROOT } from "./lib/scratch-program";

const STACK = "demo";
const QUICKSTART = path.join(REPO_ROOT, "examples", "quickstart");
const PACKAGE_NAME = "pulumi-atlas-private-endpoint";
/** Seconds the emulator takes to provision a service: long enough to watch the provider poll, short for a demo. */
const PROVISION_SECONDS = 5;
/** Seconds the emulator takes to make a registration AVAILABLE (AWS: PENDING_ACCEPTANCE, PENDING, then AVAILABLE). */
const REGISTRATION_SECONDS = 4;
/** Poll this much faster than against real Atlas (whose AWS services take about 3 minutes). */
const POLL_TIME_SCALE = "0.02";
/** A well-formed VPC endpoint id (`vpce-` and 17 hex digits): the emulator plays AWS accepting it. */
const VPC_ENDPOINT_ID = "vpce-0123456789abcdef0";
/** The quickstart's cluster (its default `clusterName`), declared in the emulator with nodes in the quickstart's region. */
const CLUSTER = {
  name: "Cluster0",
  clusterType: "REPLICASET",
  regions: [{ providerName: "AWS", regionName: "us-east-1" }],
} as const;
/** Seconds the cluster stays UPDATING after the VPC endpoint is linked, before Atlas publishes its private string. */
const CLUSTER_UPDATE_SECONDS = 4;
const SERVICE_TYPE = "pulumi-nodejs:dynamic/mongodbatlas:PrivateEndpointService";

const started = Date.now();
let step = 0;

function say(message: string): void {
  process.stdout.write(`\n[demo ${elapsed()}] ${message}\n`);
}

function heading(message: string): void {
  step += 1;
  process.stdout.write(`\n=== ${step}. ${message} (${elapsed()})\n`);
}

function elapsed(): string {
  return `${((Date.now() - started) / 1000).toFixed(1)}s`;
}

class DemoError extends Error {
  override readonly name = "DemoError";
}

/** Finds the engine; otherwise builds it with scripts/ensure-pulumi.sh (its progress on stderr), which needs Go. */
async function ensureEngine(): Promise<PulumiEngine> {
  const found = findPulumiEngine();
  if (found !== undefined) {
    say(
      `using pulumi ${found.version ?? "(unknown version)"} from ${found.source === "path" ? "PATH" : "the build cache"}: ${found.binDir}`,
    );
    return found;
  }
  say("no Pulumi engine on PATH or in the build cache");
  const go = spawnSync("go", ["version"], { encoding: "utf8" });
  if (go.error !== undefined || go.status !== 0) {
    throw new DemoError(
      [
        "The Pulumi engine is not installed, and Go is missing to build it.",
        "  What is missing: the `go` command (Go 1.25 or newer), needed by scripts/ensure-pulumi.sh to build the",
        "  Pulumi CLI v3.248.0 and its Node.js language host from source (tools/pulumi-cli; about 5 minutes cold).",
        "  How to get it: install Go 1.25+ from https://go.dev/dl/ (or your package manager, if it has 1.25+), put",
        "  it on PATH (`go version` must work), then run `npm run demo` again.",
        "  Or, with a Pulumi CLI >= 3.248 and pulumi-language-nodejs already installed, put both on PATH.",
      ].join("\n"),
    );
  }
  say(
    `building it with scripts/ensure-pulumi.sh and ${go.stdout.trim()}; a cold build takes about 5 minutes (its progress follows on stderr)`,
  );
  const binDir = await new Promise<string>((resolve, reject) => {
    const child = spawn("bash", [path.join(REPO_ROOT, "scripts", "ensure-pulumi.sh")], {
      cwd: REPO_ROOT,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let stdout = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.once("error", reject);
    child.once("close", (code) => {
      const last = stdout.trim().split("\n").pop()?.trim() ?? "";
      if (code === 0 && last !== "") resolve(last);
      else reject(new DemoError(`scripts/ensure-pulumi.sh failed (exit ${String(code)}); see its messages above`));
    });
  });
  const built = findPulumiEngine({ ...process.env, PATH: [binDir, process.env["PATH"] ?? ""].join(path.delimiter) });
  if (built === undefined)
    throw new DemoError(`scripts/ensure-pulumi.sh printed ${binDir}, but no usable engine is there`);
  say(`built pulumi ${built.version ?? ""} into ${built.binDir}`);
  return built;
}

/** `npm install` in examples/quickstart, with the copy of this package dropped first so the current build is used. */
async function installQuickstart(): Promise<void> {
  if (!fs.existsSync(path.join(REPO_ROOT, "dist", "provider", "index.js"))) {
    throw new DemoError("dist/ is missing: run `npm run build` first (`npm run demo` does)");
  }
  fs.rmSync(path.join(QUICKSTART, "node_modules", PACKAGE_NAME), { recursive: true, force: true });
  say(`npm install in examples/quickstart (installs a copy of this build; .npmrc has install-links=true)`);
  const t0 = Date.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline"], {
      cwd: QUICKSTART,
      stdio: ["ignore", "inherit", "inherit"],
      env: { ...process.env, npm_config_update_notifier: "false" },
    });
    child.once("error", reject);
    child.once("close", (code) =>
      code === 0
        ? resolve()
        : reject(new DemoError(`npm install in examples/quickstart failed (exit ${String(code)})`)),
    );
  });
  const copy = path.join(QUICKSTART, "node_modules", PACKAGE_NAME);
  if (fs.lstatSync(copy).isSymbolicLink()) {
    throw new DemoError(`${copy} is a symlink; the quickstart must install a copy (install-links=true in its .npmrc)`);
  }
  say(`installed in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
}

interface EmulatorRequest {
  method: string;
  path: string;
  status: number;
}

async function emulatorGet<T>(emulator: RunningEmulator, what: string): Promise<T> {
  return (await (await fetch(`${emulator.baseUrl}/__emulator/${what}`)).json()) as T;
}

async function emulatorSummary(emulator: RunningEmulator): Promise<string> {
  const log = await emulatorGet<EmulatorRequest[]>(emulator, "requests");
  const counts = new Map<string, number>();
  for (const entry of log) counts.set(entry.method, (counts.get(entry.method) ?? 0) + 1);
  const services = await emulatorGet<unknown[]>(emulator, "services");
  const registrations = await emulatorGet<unknown[]>(emulator, "registrations");
  const byMethod = [...counts].map(([method, n]) => `${n} ${method}`).join(", ");
  return `the emulator answered ${log.length} Atlas requests (${byMethod}) and holds ${services.length} services and ${registrations.length} registrations`;
}

/** The DELETE requests Atlas answered (digest challenges left out), in the order they came. */
async function deletions(emulator: RunningEmulator): Promise<string[]> {
  const log = await emulatorGet<EmulatorRequest[]>(emulator, "requests");
  return log
    .filter((r) => r.method === "DELETE" && r.status !== 401)
    .map((r) => `DELETE ${r.path.replace(/^.*\/privateEndpoint\//, "…/privateEndpoint/")} → ${r.status}`);
}

async function main(): Promise<void> {
  process.stdout.write(
    "Demo: a MongoDB Atlas private link (AWS PrivateLink) with Pulumi, against a local Atlas emulator: the endpoint\n" +
      "service, then a VPC endpoint registered with it, then the cluster's connection string over it.\n" +
      "Nothing here talks to MongoDB Atlas or a cloud: the emulator plays Atlas on 127.0.0.1.\n",
  );

  heading("Find the Pulumi engine");
  const engine = await ensureEngine();

  heading("Start the Atlas emulator");
  const emulator = await startEmulator({
    provisionSeconds: PROVISION_SECONDS,
    deletingSeconds: 2,
    registrationSeconds: REGISTRATION_SECONDS,
    registrationDeletingSeconds: 2,
    clusterUpdateSeconds: CLUSTER_UPDATE_SECONDS,
    clusters: [CLUSTER],
    quiet: true,
  });
  say(
    `Atlas emulator listening on ${emulator.baseUrl} (a service takes ${PROVISION_SECONDS}s to provision, a registration ${REGISTRATION_SECONDS}s;` +
      ` cluster ${CLUSTER.name} in AWS us-east-1 publishes its private string ${CLUSTER_UPDATE_SECONDS}s after the link)`,
  );

  const stackFile = path.join(REPO_ROOT, `Pulumi.${STACK}.yaml`);
  const savedStackFile = fs.existsSync(stackFile) ? fs.readFileSync(stackFile) : undefined;
  let stack: PulumiStack | undefined;
  let created = false;
  const cleanUp = async (): Promise<void> => {
    killRunningPulumi();
    stack?.dispose();
    if (savedStackFile !== undefined) fs.writeFileSync(stackFile, savedStackFile);
    await emulator.close();
  };
  // The CLI runs in its own process group, so Ctrl-C reaches only this process: the first one asks pulumi to cancel
  // (the demo then destroys what it made), a second one stops everything at once.
  let interrupts = 0;
  process.on("SIGINT", () => {
    interrupts += 1;
    if (interrupts === 1 && signalRunningPulumi("SIGINT") > 0) {
      process.stdout.write("\ninterrupted: asking pulumi to cancel (Ctrl-C again to stop at once)\n");
      return;
    }
    process.stdout.write("\ninterrupted: stopping pulumi and the emulator\n");
    void cleanUp().finally(() => process.exit(130));
  });

  try {
    heading("Install the quickstart program (examples/quickstart)");
    await installQuickstart();

    heading(`Create stack "${STACK}" (file backend and PULUMI_HOME in a temporary folder)`);
    stack = await PulumiStack.create({
      engine,
      projectDir: REPO_ROOT,
      stack: STACK,
      passphrase: "demo-passphrase",
      timeoutMs: 5 * 60_000,
    });
    say(`backend file://${stack.stateDir}; project ${REPO_ROOT}/Pulumi.yaml (main: examples/quickstart/)`);
    const settings: [string, string, boolean][] = [
      ["mongodbatlas:baseUrl", emulator.baseUrl, false],
      ["mongodbatlas:publicKey", EMULATOR_IDENTITY.apiKey.publicKey, false],
      ["mongodbatlas:privateKey", EMULATOR_IDENTITY.apiKey.privateKey, true],
      ["atlasPrivateEndpoint:pollTimeScale", POLL_TIME_SCALE, false],
      ["vpcEndpointId", VPC_ENDPOINT_ID, false],
    ];
    for (const [key, value, secret] of settings) {
      await stack.setConfig(key, value, { secret });
      process.stdout.write(`  pulumi config set ${secret ? "--secret " : ""}${key} ${secret ? "[secret]" : value}\n`);
    }

    const stream = (chunk: string, where: "stdout" | "stderr"): void => {
      (where === "stdout" ? process.stdout : process.stderr).write(chunk);
    };

    heading("pulumi up");
    created = true;
    await stack.up({ onOutput: stream });

    heading("The outputs (pulumi stack output --json)");
    const outputs = await stack.outputs();
    process.stdout.write(`${JSON.stringify(outputs, null, 2)}\n`);
    say(
      `endpointServiceName ${String(outputs["endpointServiceName"])} is what an aws.ec2.VpcEndpoint points at;` +
        ` privateLinkId ${String(outputs["privateLinkId"])} is ${String(outputs["status"])} in ${String(outputs["regionName"])};` +
        ` the VPC endpoint ${String(outputs["interfaceEndpointId"])} registered with it is ${String(outputs["connectionStatus"])}`,
    );
    if (outputs["connectionStatus"] !== "AVAILABLE") {
      throw new DemoError(`the registration of ${VPC_ENDPOINT_ID} is not AVAILABLE after pulumi up`);
    }
    const [cluster] = await emulatorGet<{ privateEndpoint: { srvConnectionString: string }[] }[]>(emulator, "clusters");
    const published = cluster?.privateEndpoint[0]?.srvConnectionString;
    if (outputs["mongoUri"] !== published) {
      throw new DemoError(
        `mongoUri is ${String(outputs["mongoUri"])}, but the emulator publishes ${String(published)}`,
      );
    }
    say(
      `the application connects to ${CLUSTER.name} over the private endpoint with mongoUri: ${String(outputs["mongoUri"])}`,
    );
    say(await emulatorSummary(emulator));

    heading("pulumi refresh: the service as Atlas lists it now");
    await stack.refresh({ onOutput: stream });
    // Refresh updates the resources in the state (the stack outputs stay the last up's), so read the service there.
    const service = (await stack.exportStack()).resources.find((r) => r.type === SERVICE_TYPE);
    const listed = service?.outputs?.["interfaceEndpoints"];
    say(`the service's interfaceEndpoints in the state: ${JSON.stringify(listed)}`);
    if (!Array.isArray(listed) || !listed.includes(VPC_ENDPOINT_ID)) {
      throw new DemoError(`after pulumi refresh the service's interfaceEndpoints does not list ${VPC_ENDPOINT_ID}`);
    }

    heading("pulumi destroy: the registration first, then the service");
    await fetch(`${emulator.baseUrl}/__emulator/requests`, { method: "DELETE" });
    await stack.destroy({ onOutput: stream });
    created = false;
    const deleted = await deletions(emulator);
    process.stdout.write(`${deleted.map((line) => `  ${line}`).join("\n")}\n`);
    const [first, second] = deleted;
    if (deleted.length !== 2 || !first?.includes(`/endpoint/${VPC_ENDPOINT_ID}`) || second?.includes("/endpoint/")) {
      throw new DemoError("destroy did not delete the registration first, then the service");
    }
    await stack.removeStack();
    say(`stack "${STACK}" removed; since the destroy began, ${await emulatorSummary(emulator)}`);
  } catch (error) {
    if (created && stack !== undefined) {
      say("something failed: destroying what was created");
      await stack
        .destroy({ allowFailure: true, onOutput: (chunk) => process.stderr.write(chunk) })
        .catch(() => undefined);
    }
    throw error;
  } finally {
    await cleanUp();
  }
  process.stdout.write(`\nDemo finished in ${elapsed()}.\n`);
}

/** One line for errors whose details were already shown (streamed CLI output, the build's messages). */
function describeFailure(error: unknown): string {
  if (error instanceof DemoError) return error.message;
  if (error instanceof PulumiCliError) return `${error.message.split("\n")[0] ?? ""} (its output is above)`;
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`\ndemo failed: ${describeFailure(error)}\n`);
    process.exit(1);
  },
);
