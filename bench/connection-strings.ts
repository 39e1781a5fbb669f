/**
 * The connection-strings bench: how late `PrivateConnectionStrings` reports a cluster's private string after the
 * emulator publishes it, and how many requests it spends, side by side with the official provider's way (the first
 * page of the project's clusters every 10 s until all are `IDLE`). Writes `connection-strings.json` and `.md`;
 * `bench/run.ts` runs it, and `node dist/bench/connection-strings.js` runs it alone.
 */
import { mkdir, writeFile } from "node:fs/promises";
import * as path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

import { startEmulator, type ClusterDeclaration, type RunningEmulator } from "../emulator";
import type { EmulatorClusterEntry, EmulatorRegistrationEntry, RequestLogEntry } from "../emulator";
import { AtlasClient } from "../provider/atlas/client";
import { builtProviderPath, providerReference, startDynamicPlugin } from "../scripts/lib/dynamic-plugin";
import { describeMachine, formatMachine, type MachineDescription } from "./machine";
import { round } from "./support";

/** What to run; every field but `outDir` has a default. */
export interface ConnectionStringsBenchOptions {
  /** Where `connection-strings.json` and `.md` go; created if missing. */
  outDir: string;
  /** Trials, all at once, each its own project and cluster. Default 20. */
  trials?: number;
  /** Atlas' update time after linking, drawn per cluster, uniform in this range (seconds). Default 180–300. */
  updateSeconds?: readonly [number, number];
  /** When both ways start after the registration turns `AVAILABLE`, uniform in [0, this) seconds. Default 15. */
  startOffsetMaxSeconds?: number;
  /** Every time of the run (emulator, the provider's schedule, the official loop) times this. Default 0.05. */
  timeScale?: number;
  /** Seed of the draws. Default 20261206. */
  seed?: number;
  /** Progress lines. Default: none. */
  log?: (line: string) => void;
}

/** One trial: a single-region replica set, one VPC endpoint, both ways waiting for it at once. */
export interface ConnectionStringsTrial {
  /** The cluster's `UPDATING` time after the endpoint turned `AVAILABLE` (Atlas time, seconds). */
  updateS: number;
  /** When both ways started, after the endpoint turned `AVAILABLE` (Atlas time, seconds). */
  startOffsetS: number;
  /** `PrivateConnectionStrings.create` returning over gRPC minus the emulator publishing the entry (Atlas time, s). */
  oursLateS: number;
  /** Requests the resource sent (GETs of the cluster, and of the services list for its progress lines). */
  oursRequests: number;
  /** The official way's list noticing every cluster `IDLE` minus the publishing (Atlas time, s). */
  officialLateS: number;
  /** Pages of the cluster list the official way read. */
  officialRequests: number;
}

/** What {@link runConnectionStringsBench} measured; written as-is to `connection-strings.json`. */
export interface ConnectionStringsReport {
  machine: MachineDescription;
  startedAt: string;
  wallTimeS: number;
  timeScale: number;
  seed: number;
  updateSeconds: readonly [number, number];
  startOffsetMaxSeconds: number;
  trials: ConnectionStringsTrial[];
  ours: { p50LateS: number; p90LateS: number; maxLateS: number; meanRequests: number; requestsPerMinute: number };
  official: { p50LateS: number; p90LateS: number; maxLateS: number; meanRequests: number; requestsPerMinute: number };
  musts: { name: string; pass: boolean; detail: string }[];
}

const DEFAULTS = {
  trials: 20,
  updateSeconds: [180, 300] as const,
  startOffsetMaxSeconds: 15,
  timeScale: 0.05,
  seed: 20261206,
};
/** The official provider's pace after a registration: Delay 10 s, then a page every 10 s (MinTimeout). */
const OFFICIAL_INTERVAL_S = 10;
const MUST_P90_LATE_S = 2;
const TYPE = "pulumi-nodejs:dynamic/mongodbatlas:PrivateConnectionStrings";
const KEY = { publicKey: "benchkey", privateKey: "33333333-4444-5555-6666-777777777777" } as const;

/** A small seeded generator (mulberry32), so every run draws the same update times and offsets. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Percentile by linear interpolation between closest ranks. */
function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return (sorted[low] ?? NaN) + ((sorted[high] ?? NaN) - (sorted[low] ?? NaN)) * (rank - low);
}

async function controlGet<T>(emulator: RunningEmulator, route: string): Promise<T> {
  const response = await fetch(`${emulator.baseUrl}/__emulator${route}`);
  if (!response.ok) throw new Error(`emulator control GET ${route} answered ${response.status}`);
  return (await response.json()) as T;
}

const projectOf = (i: number): string => `0be${i.toString(16).padStart(21, "0")}`;
const vpceOf = (i: number): string => `vpce-0be${i.toString(16).padStart(14, "0")}`;

/** Runs the bench and writes its results; resolves to the report. */
export async function runConnectionStringsBench(
  options: ConnectionStringsBenchOptions,
): Promise<ConnectionStringsReport> {
  const { outDir, log = () => undefined } = options;
  const trials = options.trials ?? DEFAULTS.trials;
  const [minUpdateS, maxUpdateS] = options.updateSeconds ?? DEFAULTS.updateSeconds;
  const startOffsetMaxS = options.startOffsetMaxSeconds ?? DEFAULTS.startOffsetMaxSeconds;
  const scale = options.timeScale ?? DEFAULTS.timeScale;
  const seed = options.seed ?? DEFAULTS.seed;
  const random = seeded(seed);
  const startedAtMs = Date.now();
  const draws = Array.from({ length: trials }, () => ({
    updateS: round(minUpdateS + random() * (maxUpdateS - minUpdateS), 1),
    startOffsetS: round(random() * startOffsetMaxS, 2),
  }));
  const projects = draws.map((_, i) => projectOf(i));
  const clusters: ClusterDeclaration[] = draws.map((draw, i) => ({
    projectId: projects[i] as string,
    name: "orders",
    clusterType: "REPLICASET",
    regions: [{ providerName: "AWS", regionName: "us-east-1" }],
    updateSeconds: draw.updateS * scale,
  }));
  const emulator = await startEmulator({
    quiet: true,
    provisionSeconds: 0.2,
    registrationSeconds: 0.2,
    config: { apiKeys: [{ ...KEY, roles: Object.fromEntries(projects.map((p) => [p, "GROUP_OWNER"] as const)) }] },
    clusters,
  });
  const plugin = await startDynamicPlugin();
  try {
    await plugin.configure({
      "mongodbatlas:baseUrl": emulator.baseUrl,
      "mongodbatlas:publicKey": KEY.publicKey,
      "mongodbatlas:privateKey": KEY.privateKey,
      "atlasPrivateEndpoint:pollTimeScale": String(scale),
    });
    // Loads the provider module before the clock matters (a first call in a fresh plugin takes a few hundred ms).
    await plugin
      .forType(TYPE, "warm-up")
      .check({}, { __provider: providerReference(builtProviderPath("private-connection-strings")) });
    const client = new AtlasClient({ baseUrl: emulator.baseUrl, credentials: { kind: "api-key", ...KEY } });
    log(`connection strings: ${trials} trials at once, Atlas time × ${scale}`);
    const runs = await Promise.all(
      draws.map(async (draw, i) => {
        const projectId = projects[i] as string;
        const endpointId = vpceOf(i);
        const service = await client.createEndpointService(projectId, { providerName: "AWS", region: "US_EAST_1" });
        while ((await client.getEndpointService(projectId, "AWS", service.id)).status !== "AVAILABLE") await sleep(50);
        await client.createRegistration(projectId, "AWS", service.id, { id: endpointId });
        const registrations = await controlGet<EmulatorRegistrationEntry[]>(emulator, "/registrations");
        const readyAtMs = Date.parse(registrations.find((r) => r.endpointId === endpointId)?.readyAt ?? "");
        const startAtMs = readyAtMs + draw.startOffsetS * scale * 1000;
        await sleep(Math.max(0, startAtMs - Date.now()));
        const entries = await controlGet<EmulatorClusterEntry[]>(emulator, "/clusters");
        const cluster = entries.find((c) => c.projectId === projectId);
        const publishAtMs = Date.parse(cluster?.stateChangesAt ?? "");
        if (cluster?.stateName !== "UPDATING" || !Number.isFinite(publishAtMs)) {
          throw new Error(`trial ${i}: the cluster is not UPDATING when the wait starts (${JSON.stringify(cluster)})`);
        }

        const ours = (async () => {
          const strings = plugin.forType(TYPE, `orders-uri-${i}`);
          const { inputs } = await strings.check(
            {},
            {
              __provider: providerReference(builtProviderPath("private-connection-strings")),
              projectId,
              clusterName: "orders",
              endpointIds: [endpointId],
            },
          );
          await strings.create(inputs);
          return Date.now();
        })();
        const official = (async () => {
          for (;;) {
            await sleep(OFFICIAL_INTERVAL_S * scale * 1000);
            const page = await client.listClusters(projectId, 1, 100);
            if ((page.results ?? []).every((c) => c.stateName === "IDLE")) return Date.now();
          }
        })();
        const [oursAtMs, officialAtMs] = await Promise.all([ours, official]);
        return { draw, projectId, startAtMs, oursAtMs, officialAtMs, publishAtMs };
      }),
    );

    const requests = (await controlGet<RequestLogEntry[]>(emulator, "/requests")).filter((r) => r.status !== 401);
    const trialFigures: ConnectionStringsTrial[] = runs.map((run) => {
      const mine = requests.filter(
        (r) => r.projectId === run.projectId && r.method === "GET" && Date.parse(r.time) >= run.startAtMs,
      );
      const isList = (r: RequestLogEntry): boolean => r.path.includes("/clusters?");
      return {
        updateS: run.draw.updateS,
        startOffsetS: run.draw.startOffsetS,
        oursLateS: round((run.oursAtMs - run.publishAtMs) / 1000 / scale, 2),
        oursRequests: mine.filter((r) => !isList(r)).length,
        officialLateS: round((run.officialAtMs - run.publishAtMs) / 1000 / scale, 2),
        officialRequests: mine.filter(isList).length,
      };
    });
    const summary = (late: number[], counts: number[], waitedS: number[]) => ({
      p50LateS: round(percentile(late, 50), 2),
      p90LateS: round(percentile(late, 90), 2),
      maxLateS: round(Math.max(...late), 2),
      meanRequests: round(counts.reduce((a, b) => a + b, 0) / counts.length, 1),
      requestsPerMinute: round((counts.reduce((a, b) => a + b, 0) / waitedS.reduce((a, b) => a + b, 0)) * 60, 1),
    });
    const waitedS = trialFigures.map((t) => t.updateS - t.startOffsetS);
    const ours = summary(
      trialFigures.map((t) => t.oursLateS),
      trialFigures.map((t) => t.oursRequests),
      waitedS,
    );
    const official = summary(
      trialFigures.map((t) => t.officialLateS),
      trialFigures.map((t) => t.officialRequests),
      waitedS,
    );
    const report: ConnectionStringsReport = {
      machine: describeMachine(),
      startedAt: new Date(startedAtMs).toISOString(),
      wallTimeS: round((Date.now() - startedAtMs) / 1000, 1),
      timeScale: scale,
      seed,
      updateSeconds: [minUpdateS, maxUpdateS],
      startOffsetMaxSeconds: startOffsetMaxS,
      trials: trialFigures,
      ours,
      official,
      musts: [
        {
          name: "p90 of how late the resource reports the string",
          pass: ours.p90LateS <= MUST_P90_LATE_S,
          detail: `${ours.p90LateS} s (must be ≤ ${MUST_P90_LATE_S} s; the official way ${official.p90LateS} s)`,
        },
      ],
    };
    await mkdir(outDir, { recursive: true });
    await writeFile(path.join(outDir, "connection-strings.json"), `${JSON.stringify(report, null, 2)}\n`);
    await writeFile(path.join(outDir, "connection-strings.md"), markdown(report));
    return report;
  } finally {
    await plugin.close();
    await emulator.close();
  }
}

function markdown(report: ConnectionStringsReport): string {
  const { ours, official } = report;
  const rows = report.trials.map(
    (t) =>
      `| ${t.updateS} | ${t.startOffsetS} | ${t.oursLateS} | ${t.oursRequests} | ${t.officialLateS} | ${t.officialRequests} |`,
  );
  return `# Connection strings benchmark

Generated by \`npm run bench\` (\`bench/connection-strings.ts\`; alone: \`node dist/bench/connection-strings.js\`
after \`npm run build\`); do not edit by hand.

Machine: ${formatMachine(report.machine)}. Started ${report.startedAt}; the bench took ${report.wallTimeS} s.

${report.trials.length} trials at once, each its own project with one single-region replica set (AWS us-east-1) and one
VPC endpoint registered with a service there. The emulator puts the cluster \`UPDATING\` when the endpoint turns
\`AVAILABLE\` and **publishes** the entry when that ends; the update time is drawn per cluster, uniform in
${report.updateSeconds[0]}–${report.updateSeconds[1]} s (the one report of Atlas' delay: 3–5 minutes after linking; seed
${report.seed}). Both ways start together, a time after the endpoint turned \`AVAILABLE\` drawn uniform in
[0, ${report.startOffsetMaxSeconds}) s (where a registration's own wait notices it). Every time runs ${report.timeScale} times
Atlas' (the emulator, the provider's \`pollTimeScale\`, the official loop); figures are in Atlas time.

- **ours**: \`PrivateConnectionStrings\` created through the real dynamic-provider plugin over gRPC; **late** = \`create\`
  returning minus the publishing (\`stateChangesAt\` of the emulator's cluster); requests = its GETs of the cluster and
  the services lists its progress lines read.
- **official**: the official provider's wait after a registration: the first page of the project's clusters
  (\`itemsPerPage=100\`, Accept 2024-08-05) every ${OFFICIAL_INTERVAL_S} s until all are \`IDLE\`; **late** = that page's answer minus the
  publishing. (It then still has to find the entry in \`connectionStrings.privateEndpoint\`.)

| | p50 late (s) | p90 late (s) | max late (s) | requests per trial | requests per minute waited |
| --- | ---: | ---: | ---: | ---: | ---: |
| ours | ${ours.p50LateS} | **${ours.p90LateS}** | ${ours.maxLateS} | ${ours.meanRequests} | ${ours.requestsPerMinute} |
| official | ${official.p50LateS} | ${official.p90LateS} | ${official.maxLateS} | ${official.meanRequests} | ${official.requestsPerMinute} |

${report.musts.map((m) => `- ${m.pass ? "PASS" : "FAIL"} ${m.name}: ${m.detail}`).join("\n")}

Ours polls the one cluster every 1.5 s while it is \`UPDATING\` (the moment Atlas publishes is the end of that, and
nothing announces it), so it spends more, smaller requests than the official way; each is one cluster, where the
official way reads a page of up to 100.

| update (s) | start (s) | ours late (s) | ours requests | official late (s) | official requests |
| ---: | ---: | ---: | ---: | ---: | ---: |
${rows.join("\n")}
`;
}

if (require.main === module) {
  const outDir = path.resolve(__dirname, "../../bench/results");
  runConnectionStringsBench({ outDir, log: (line) => console.log(line) }).then(
    (report) => {
      console.log(
        `connection strings: ours p90 late ${report.ours.p90LateS} s, ${report.ours.meanRequests} requests per trial; official p90 ${report.official.p90LateS} s, ${report.official.meanRequests} requests`,
      );
      for (const m of report.musts) console.log(`  ${m.pass ? "PASS" : "FAIL"} ${m.name}: ${m.detail}`);
      process.exitCode = report.musts.every((m) => m.pass) ? 0 : 1;
    },
    (error: unknown) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : error);
      process.exitCode = 2;
    },
  );
}
