/**
 * `npm run bench`: the schedule bench, the live bench, then the connection-strings bench; writes
 * `bench/results/schedule.*`, `live.*` and `connection-strings.*`, appends the live bench's fan-outs to
 * `fan-out-runs.md`, prints a short summary, and exits 1 when a must fails (2 when a bench could not run).
 */
import * as os from "node:os";
import * as path from "node:path";

import { recordFanOutRuns } from "./fan-out-history";
import { runConnectionStringsBench, type ConnectionStringsReport } from "./connection-strings";
import { runLiveBench, type LiveReport } from "./live";
import { formatMachine } from "./machine";
import { writePairsSection } from "./pairs";
import { runScheduleBench, type ScheduleReport } from "./schedule";

// From dist/bench: the repository root is two levels up.
const ROOT = path.resolve(__dirname, "../..");
const SAMPLES_FILE = path.join(ROOT, "data/atlas/provisioning-times.json");
const OUT_DIR = path.join(ROOT, "bench/results");

function scheduleSummary(report: ScheduleReport): string[] {
  const providers = Object.entries(report.providers).map(
    ([provider, figures]) =>
      `${provider} p90 overshoot ${figures.ours.p90OvershootS} s (Terraform ${figures.terraform.p90OvershootS} s)`,
  );
  return [
    `schedule: ${providers.join("; ")}; mean polls ${report.allProviders.ours.meanPolls} (Terraform ${report.allProviders.terraform.meanPolls})`,
    ...report.musts.map((check) => `  ${check.pass ? "PASS" : "FAIL"} ${check.name}: ${check.detail}`),
  ];
}

function liveSummary(report: LiveReport): string[] {
  const { requestsPerCall: rpc, create, fanOuts, providerSize, coldStart } = report;
  return [
    `machine: ${formatMachine(report.machine)}`,
    `requests per call: ${rpc.ratio} (${rpc.requests} requests / ${rpc.calls} calls)`,
    `create (provisioning ${create.provisionSeconds} s): median overshoot ${create.medianOvershootS} s, schedule predicts ${create.medianPredictedOvershootS} s`,
    ...fanOuts.map(
      (f) =>
        `fan-out of ${f.services} services and registrations in ${f.projects} projects, nonce counts ${f.noncePolicy}: ${f.wallTimeS} s (floor ${f.floorS} s), ` +
        `${f.requests} requests, ${f.challenges} 401s (${f.challengeSharePercent} %), ${f.rateLimited} 429s, ${f.failures} failures, ` +
        `${f.registrations} registrations, median overshoot ${f.medianOvershootS ?? "–"} s (registrations ${f.medianRegistrationOvershootS ?? "–"} s), ` +
        `plugin RSS +${f.addedRssMB ?? "–"} MB over the bare host`,
    ),
    `__provider: ${providerSize === null ? "not measured" : `${providerSize.bytes} bytes`}; cold start to first Check: median ${coldStart.medianMs} ms`,
    ...report.musts.map((check) => `  ${check.pass ? "PASS" : "FAIL"} ${check.name}: ${check.detail}`),
    ...report.goals.map((check) => `  ${check.pass ? "MET" : "NOT MET"} ${check.name}: ${check.detail}`),
  ];
}

function connectionStringsSummary(report: ConnectionStringsReport): string[] {
  const { ours, official } = report;
  return [
    `connection strings: ours p90 late ${ours.p90LateS} s, ${ours.meanRequests} requests per wait (${ours.requestsPerMinute}/min); official way p90 ${official.p90LateS} s, ${official.meanRequests} (${official.requestsPerMinute}/min)`,
    ...report.musts.map((check) => `  ${check.pass ? "PASS" : "FAIL"} ${check.name}: ${check.detail}`),
  ];
}

async function main(): Promise<number> {
  const startedAtMs = Date.now();
  const elapsed = (): string => `${Math.round((Date.now() - startedAtMs) / 1000)} s`;
  const schedule = await runScheduleBench({ samplesFile: SAMPLES_FILE, outDir: OUT_DIR });
  console.log(scheduleSummary(schedule).join("\n"));
  const startOneMinute = os.loadavg()[0] ?? 0;
  const live = await runLiveBench({ outDir: OUT_DIR, log: (line) => console.log(`[${elapsed()}] ${line}`) });
  await recordFanOutRuns(OUT_DIR, live, { startOneMinute, endOneMinute: os.loadavg()[0] ?? 0 });
  console.log(liveSummary(live).join("\n"));
  // live.md was just rewritten: put back the pair figures measured by `npm run bench:pair`.
  writePairsSection(OUT_DIR);
  const strings = await runConnectionStringsBench({
    outDir: OUT_DIR,
    log: (line) => console.log(`[${elapsed()}] ${line}`),
  });
  console.log(connectionStringsSummary(strings).join("\n"));
  console.log(
    `results in ${path.relative(process.cwd(), OUT_DIR) || "."}/{schedule,live,connection-strings}.{md,json}; bench took ${elapsed()}`,
  );
  const failed = [...schedule.musts, ...live.musts, ...strings.musts].filter((check) => !check.pass);
  return failed.length === 0 ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 2;
  },
);
