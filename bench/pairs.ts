/**
 * `npm run bench:pair`: the plugin figures (requests per call, cold start, plugin RSS) of the pair this process runs
 * on (Node.js and the installed `@pulumi/pulumi`), written to `bench/results/pairs/<pair>.json`; then every pair
 * measured so far is shown side by side in `bench/results/live.md` (section "Both ends of the supported range").
 *
 *   npm run bench:pair                                                                 # the default pair
 *   BENCH_RESULTS_DIR=$PWD/bench/results scripts/with-current-pair.sh npm run bench:pair  # the current pair
 *
 * `BENCH_RESULTS_DIR` sends the figures of the scratch copy that scripts/with-current-pair.sh runs in back to this
 * checkout.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

import { installPackedPackage, serializedProvider } from "../scripts/lib/installed-package";
import { measureColdStarts, measureRequestsPerCall } from "./live";
import { describeMachine, formatMachine, type MachineDescription } from "./machine";

/** One pair's figures. */
export interface PairFigures {
  /** `node<major> + @pulumi/pulumi <version>`. */
  pair: string;
  machine: MachineDescription;
  pulumiVersion: string;
  measuredAt: string;
  /** The machine's 1-minute load average when the measurement started (cold starts slow down on a busy machine). */
  loadAverage1m: number;
  requestsPerCall: number;
  coldStartMedianMs: number;
  coldStartTimesMs: number[];
  rssAfterCheckMedianMB: number | null;
}

const SECTION_START = "<!-- pairs: written by bench/pairs.ts -->";
const SECTION_END = "<!-- /pairs -->";

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Measures this process's pair: 200 sequential calls, and 5 cold starts of the plugin from the installed tarball. */
export async function measurePair(log: (line: string) => void = () => undefined): Promise<PairFigures> {
  const loadAverage1m = Math.round((os.loadavg()[0] ?? 0) * 10) / 10;
  const installed = installPackedPackage();
  try {
    const pair = `node${process.versions.node.split(".")[0]} + @pulumi/pulumi ${installed.pulumiVersion}`;
    log(`${pair}: requests per call`);
    const calls = await measureRequestsPerCall(200);
    log(`${pair}: cold starts`);
    const cold = await measureColdStarts(5, installed, serializedProvider(installed));
    const rss = cold.rssAfterCheckMB.filter((mb): mb is number => mb !== null);
    return {
      pair,
      machine: describeMachine(),
      pulumiVersion: installed.pulumiVersion,
      measuredAt: new Date().toISOString(),
      loadAverage1m,
      requestsPerCall: calls.ratio,
      coldStartMedianMs: cold.medianMs,
      coldStartTimesMs: cold.timesMs,
      rssAfterCheckMedianMB: rss.length === 0 ? null : Math.round(median(rss) * 10) / 10,
    };
  } finally {
    installed.remove();
  }
}

/** The live.md section: one column per pair, oldest Node first. */
export function renderPairs(pairs: readonly PairFigures[]): string {
  const sorted = [...pairs].sort((a, b) => a.pair.localeCompare(b.pair, "en", { numeric: true }));
  const row = (label: string, cell: (p: PairFigures) => string): string =>
    `| ${label} | ${sorted.map(cell).join(" | ")} |`;
  return [
    SECTION_START,
    "## 5. Both ends of the supported range",
    "",
    "The plugin figures per pair, from `npm run bench:pair` (see `bench/pairs.ts`): 200 sequential calls as in",
    "section 1, and 5 cold starts of the plugin from the installed tarball as in section 4 (RSS right after the first",
    "answered Check, median).",
    "",
    `| figure | ${sorted.map((p) => p.pair).join(" | ")} |`,
    `| --- | ${sorted.map(() => "---:").join(" | ")} |`,
    row("requests per call", (p) => String(p.requestsPerCall)),
    row("cold start, median (ms)", (p) => String(p.coldStartMedianMs)),
    row("cold start runs (ms)", (p) => p.coldStartTimesMs.join(", ")),
    row("plugin RSS after the first Check (MB)", (p) => String(p.rssAfterCheckMedianMB ?? "–")),
    row("Node", (p) => p.machine.node),
    row("measured", (p) => p.measuredAt.slice(0, 16).replace("T", " ")),
    row("load average (1 min) at the start", (p) => String(p.loadAverage1m ?? "–")),
    "",
    `Machine: ${sorted[0] === undefined ? "–" : formatMachine(sorted[0].machine).replace(/, Node v[\d.]+/, "")}.`,
    SECTION_END,
  ].join("\n");
}

/** Reads every `pairs/*.json` under `resultsDir`. */
export function readPairs(resultsDir: string): PairFigures[] {
  const dir = path.join(resultsDir, "pairs");
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith(".json"))
    .map((name) => JSON.parse(fs.readFileSync(path.join(dir, name), "utf8")) as PairFigures);
}

/** Puts the pairs section into `live.md` (replacing an earlier one, or before "## Reproduce"). */
export function writePairsSection(resultsDir: string): void {
  const pairs = readPairs(resultsDir);
  const file = path.join(resultsDir, "live.md");
  if (pairs.length === 0 || !fs.existsSync(file)) return;
  const text = fs.readFileSync(file, "utf8");
  const section = renderPairs(pairs);
  const start = text.indexOf(SECTION_START);
  const end = text.indexOf(SECTION_END);
  let next: string;
  if (start >= 0 && end > start) next = text.slice(0, start) + section + text.slice(end + SECTION_END.length);
  else if (text.includes("## Reproduce")) next = text.replace("## Reproduce", `${section}\n\n## Reproduce`);
  else next = `${text.trimEnd()}\n\n${section}\n`;
  fs.writeFileSync(file, next);
}

async function main(): Promise<void> {
  // From dist/bench: the repository root is two levels up.
  const resultsDir = process.env["BENCH_RESULTS_DIR"] || path.resolve(__dirname, "../../bench/results");
  const figures = await measurePair((line) => console.log(line));
  const slug = figures.pair.replace(/[^a-z0-9.]+/gi, "-");
  fs.mkdirSync(path.join(resultsDir, "pairs"), { recursive: true });
  fs.writeFileSync(path.join(resultsDir, "pairs", `${slug}.json`), `${JSON.stringify(figures, null, 2)}\n`);
  writePairsSection(resultsDir);
  console.log(
    `${figures.pair}: ${figures.requestsPerCall} requests per call, cold start ${figures.coldStartMedianMs} ms, ` +
      `RSS ${figures.rssAfterCheckMedianMB ?? "–"} MB; written to ${path.join(resultsDir, "live.md")}`,
  );
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 2;
  });
}
