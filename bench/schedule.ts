import { mkdir, readFile, writeFile } from "node:fs/promises";
import * as path from "node:path";

import type { ProviderName } from "../regions/regions";
import {
  PROVISIONING_PROFILES,
  pollScheduleFor,
  pollTimesS,
  type PollSchedule,
  type ProvisioningProfile,
} from "../provider/wait/schedule";
import { ANCHOR_SCHEDULES, type AnchorName } from "./anchors";

/** Our schedule and the anchors, in the order reports list them. */
export type ScheduleName = "ours" | AnchorName;

/** How one schedule fares on one provider's samples. */
export interface ScheduleFigures {
  /** Mean over samples of (time of the first poll at or after the ready time) minus the ready time, in seconds. */
  meanOvershootS: number;
  /** The 90th percentile of the same overshoots, by linear interpolation between closest ranks, in seconds. */
  p90OvershootS: number;
  /** Mean over samples of the polls made up to and including the one at or after the ready time. */
  meanPolls: number;
}

/** One pass/fail condition, with the numbers behind it in words. */
export interface ScheduleCheck {
  name: string;
  pass: boolean;
  detail: string;
}

/** The worst case of the overshoot bound max(10 s, 50 % of T) over every whole second T in the checked range. */
export interface BoundCheck {
  fromS: number;
  toS: number;
  pass: boolean;
  /** The ready time where the overshoot comes closest to (or goes furthest past) the bound. */
  worst: { provider: ProviderName; readyAtS: number; overshootS: number; boundS: number };
}

/** What {@link runScheduleBench} measured; written as-is to `schedule.json`. */
export interface ScheduleReport {
  /** Our poll times per provider, in seconds since the create, from the first through the first at or after 7200 s. */
  pollTimesS: Record<ProviderName, number[]>;
  /** Figures per provider and schedule. */
  providers: Record<ProviderName, Record<ScheduleName, ScheduleFigures>>;
  /** Mean polls per schedule over the samples of all three providers pooled. */
  allProviders: Record<ScheduleName, { meanPolls: number }>;
  /** Sample count per provider. */
  sampleCounts: Record<ProviderName, number>;
  /** The overshoot bound, checked on our schedules. */
  bound: BoundCheck;
  /** The conditions the schedule must meet; the bench fails when one does not hold. */
  musts: ScheduleCheck[];
  /** The target beyond the musts: p90 overshoot at most a third of Terraform's on every provider. */
  goal: ScheduleCheck;
}

/** Where to read samples from and where to write `schedule.json` and `schedule.md`. */
export interface ScheduleBenchOptions {
  /** A `provisioning-times.json`: keys AWS, AZURE, GCP, each with `samples` in seconds. */
  samplesFile: string;
  /** Created if missing. */
  outDir: string;
}

const PROVIDERS: readonly ProviderName[] = ["AZURE", "AWS", "GCP"];
const SCHEDULE_NAMES: readonly ScheduleName[] = ["ours", "terraform", "atlas-cli", "cloudformation"];
/** Two hours: the longest wait the overshoot bound and the published poll times cover. */
const HORIZON_S = 7200;

function schedulesFor(provider: ProviderName): Record<ScheduleName, PollSchedule> {
  return { ours: pollScheduleFor(provider), ...ANCHOR_SCHEDULES };
}

/** The overshoot bound every schedule of ours promises, max(10 s, 50 % of T). */
function boundS(readyAtS: number): number {
  return Math.max(10, 0.5 * readyAtS);
}

/** Linear interpolation between closest ranks (numpy's default), the method the samples file's percentiles use. */
function percentile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (sorted.length - 1) * fraction;
  const below = sorted[Math.floor(rank)] ?? NaN;
  const above = sorted[Math.ceil(rank)] ?? NaN;
  return below + (above - below) * (rank - Math.floor(rank));
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** Rounds for the report only; checks use unrounded figures. */
function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** For each ready time, the index of the first poll at or after it (the list must reach past the last one). */
function firstPollIndexes(timesS: readonly number[], readyAtS: readonly number[]): number[] {
  return readyAtS.map((ready) => {
    let low = 0;
    let high = timesS.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((timesS[middle] ?? Infinity) >= ready) high = middle;
      else low = middle + 1;
    }
    return low;
  });
}

interface Evaluation {
  figures: ScheduleFigures;
  totalPolls: number;
}

function evaluate(schedule: PollSchedule, samplesS: readonly number[]): Evaluation {
  const timesS = pollTimesS(schedule, Math.max(HORIZON_S, ...samplesS));
  const indexes = firstPollIndexes(timesS, samplesS);
  const overshootsS = indexes.map((index, i) => (timesS[index] ?? NaN) - (samplesS[i] ?? NaN));
  const polls = indexes.map((index) => index + 1);
  return {
    figures: { meanOvershootS: mean(overshootsS), p90OvershootS: percentile(overshootsS, 0.9), meanPolls: mean(polls) },
    totalPolls: polls.reduce((sum, count) => sum + count, 0),
  };
}

function checkBound(pollTimes: Record<ProviderName, number[]>): BoundCheck {
  let worst: BoundCheck["worst"] | undefined;
  for (const provider of PROVIDERS) {
    const timesS = pollTimes[provider];
    const readyAtS = Array.from({ length: HORIZON_S }, (_, i) => i + 1);
    firstPollIndexes(timesS, readyAtS).forEach((index, i) => {
      const ready = readyAtS[i] ?? NaN;
      const overshootS = (timesS[index] ?? NaN) - ready;
      const candidate = { provider, readyAtS: ready, overshootS, boundS: boundS(ready) };
      if (worst === undefined || overshootS - candidate.boundS > worst.overshootS - worst.boundS) worst = candidate;
    });
  }
  if (worst === undefined) throw new Error("no poll times to check the bound on");
  return { fromS: 1, toS: HORIZON_S, pass: worst.overshootS <= worst.boundS, worst };
}

function parseSamples(text: string, samplesFile: string): Record<ProviderName, number[]> {
  const data: unknown = JSON.parse(text);
  const samples = {} as Record<ProviderName, number[]>;
  for (const provider of PROVIDERS) {
    const entry: unknown = typeof data === "object" && data !== null ? Reflect.get(data, provider) : undefined;
    const values: unknown = typeof entry === "object" && entry !== null ? Reflect.get(entry, "samples") : undefined;
    if (
      !Array.isArray(values) ||
      values.length === 0 ||
      !values.every((value) => typeof value === "number" && Number.isFinite(value) && value > 0)
    ) {
      throw new Error(`${samplesFile}: ${provider}.samples must be a non-empty array of positive seconds`);
    }
    samples[provider] = values as number[];
  }
  return samples;
}

/** Indented JSON with number arrays on one line, so the poll times read as a list rather than 500 lines. */
function toJson(report: ScheduleReport): string {
  const text = JSON.stringify(report, null, 2).replace(
    /\[\s+(-?[\d.e+-]+(?:,\s+-?[\d.e+-]+)*)\s+\]/g,
    (_, body: string) => `[${body.split(/,\s+/).join(", ")}]`,
  );
  return `${text}\n`;
}

function formatS(value: number): string {
  return `${round3(value)} s`;
}

function buildChecks(
  providers: Record<ProviderName, Record<ScheduleName, Evaluation>>,
  allPolls: Record<ScheduleName, number>,
  bound: BoundCheck,
): { musts: ScheduleCheck[]; goal: ScheduleCheck } {
  const musts: ScheduleCheck[] = PROVIDERS.map((provider) => {
    const ours = providers[provider].ours.figures.p90OvershootS;
    const terraform = providers[provider].terraform.figures.p90OvershootS;
    return {
      name: `${provider}: p90 overshoot at most half of Terraform's`,
      pass: ours <= terraform / 2,
      detail: `${formatS(ours)} vs ${formatS(terraform / 2)} (Terraform ${formatS(terraform)})`,
    };
  });
  musts.push({
    name: "All providers: mean polls no more than Terraform's",
    pass: allPolls.ours <= allPolls.terraform,
    detail: `${round3(allPolls.ours)} vs ${round3(allPolls.terraform)}`,
  });
  const { worst } = bound;
  musts.push({
    name: `Every whole T from ${bound.fromS} s to ${bound.toS} s: overshoot at most max(10 s, 50% of T)`,
    pass: bound.pass,
    detail: `closest: ${worst.provider} at T = ${worst.readyAtS} s, overshoot ${formatS(worst.overshootS)}, bound ${formatS(worst.boundS)}`,
  });
  const ratios = PROVIDERS.map(
    (provider) => providers[provider].ours.figures.p90OvershootS / providers[provider].terraform.figures.p90OvershootS,
  );
  const goal: ScheduleCheck = {
    name: "Goal, every provider: p90 overshoot at most a third of Terraform's, within its poll budget",
    pass: ratios.every((ratio) => ratio <= 1 / 3) && allPolls.ours <= allPolls.terraform,
    detail: PROVIDERS.map((provider, i) => `${provider} ${round3(ratios[i] ?? NaN)}× Terraform's p90`).join(", "),
  };
  return { musts, goal };
}

/** The poll times up to the tail's first 60-second interval, after which the schedule only repeats it. */
function profileRow(provider: ProviderName, profile: ProvisioningProfile, timesS: readonly number[]): string {
  const end = timesS.findIndex((timeS, i) => timeS > profile.bulkEndS && timeS - (timesS[i - 1] ?? 0) >= 60);
  const firstS = timesS.slice(0, end + 1).join(", ");
  return `| ${provider} | ${profile.earliestReadyS} | ${profile.bulkStartS} | ${profile.bulkEndS} | ${firstS}, … |`;
}

function renderMarkdown(report: ScheduleReport, samplesFile: string): string {
  const lines: string[] = [
    "# Poll schedule benchmark",
    "",
    "Generated by `node dist/bench/schedule.js` (`bench/schedule.ts`); do not edit by hand.",
    "",
    `Samples: \`${path.basename(samplesFile)}\`, seconds from the create (201) to the first answer showing AVAILABLE ` +
      `(${PROVIDERS.map((provider) => `${provider} n = ${report.sampleCounts[provider]}`).join(", ")}; about 4 s resolution).`,
    "For each sample T: **overshoot** = time of the first poll at or after T, minus T; **polls** = polls made up to and",
    "including that one. p90 by linear interpolation between closest ranks (numpy's default, as in the samples file).",
    "Anchors: Terraform polls at 5, 10, 20 s then every 10 s; the Atlas CLI every 4 s; CloudFormation every 20 s.",
    "",
    "## Our schedule",
    "",
    "Profiles (seconds; p1 rounded down, p10 rounded down, p95 rounded up, to 10 s) and the poll times they give:",
    "",
    "| Provider | earliestReadyS | bulkStartS | bulkEndS | poll times (s) |",
    "| --- | ---: | ---: | ---: | --- |",
    ...PROVIDERS.map((provider) => profileRow(provider, PROVISIONING_PROFILES[provider], report.pollTimesS[provider])),
    "",
    "Then intervals grow by half each poll to 60 s and stay there; `schedule.json` lists every time to 7200 s.",
  ];
  for (const provider of PROVIDERS) {
    lines.push(
      "",
      `## ${provider} (n = ${report.sampleCounts[provider]})`,
      "",
      "| Schedule | p90 overshoot (s) | mean overshoot (s) | mean polls |",
      "| --- | ---: | ---: | ---: |",
      ...SCHEDULE_NAMES.map((name) => {
        const figures = report.providers[provider][name];
        return `| ${name} | ${figures.p90OvershootS} | ${figures.meanOvershootS} | ${figures.meanPolls} |`;
      }),
    );
  }
  lines.push(
    "",
    "## All providers",
    "",
    "| Schedule | mean polls, all samples pooled |",
    "| --- | ---: |",
    ...SCHEDULE_NAMES.map((name) => `| ${name} | ${report.allProviders[name].meanPolls} |`),
    "",
    "## Checks",
    "",
    "| Condition | Result | Figures |",
    "| --- | --- | --- |",
    ...report.musts.map((check) => `| Must: ${check.name} | ${check.pass ? "PASS" : "FAIL"} | ${check.detail} |`),
    `| ${report.goal.name} | ${report.goal.pass ? "MET" : "NOT MET"} | ${report.goal.detail} |`,
    "",
  );
  return lines.join("\n");
}

/**
 * Evaluates our create schedules and the anchors against recorded provisioning times, writes `schedule.json` and
 * `schedule.md` to `outDir`, and returns the report. Does not fail on a failed check: callers read `musts`.
 *
 * @throws Error when the samples file is unreadable or not shaped like `provisioning-times.json`.
 */
export async function runScheduleBench(options: ScheduleBenchOptions): Promise<ScheduleReport> {
  const samples = parseSamples(await readFile(options.samplesFile, "utf8"), options.samplesFile);

  const evaluations = {} as Record<ProviderName, Record<ScheduleName, Evaluation>>;
  const pollTimes = {} as Record<ProviderName, number[]>;
  for (const provider of PROVIDERS) {
    const schedules = schedulesFor(provider);
    evaluations[provider] = {
      ours: evaluate(schedules.ours, samples[provider]),
      terraform: evaluate(schedules.terraform, samples[provider]),
      "atlas-cli": evaluate(schedules["atlas-cli"], samples[provider]),
      cloudformation: evaluate(schedules.cloudformation, samples[provider]),
    };
    pollTimes[provider] = pollTimesS(schedules.ours, HORIZON_S);
  }

  const sampleCount = PROVIDERS.reduce((sum, provider) => sum + samples[provider].length, 0);
  const allPolls = {} as Record<ScheduleName, number>;
  for (const name of SCHEDULE_NAMES) {
    allPolls[name] = PROVIDERS.reduce((sum, provider) => sum + evaluations[provider][name].totalPolls, 0) / sampleCount;
  }
  const bound = checkBound(pollTimes);
  const { musts, goal } = buildChecks(evaluations, allPolls, bound);

  const providers = {} as ScheduleReport["providers"];
  const sampleCounts = {} as ScheduleReport["sampleCounts"];
  for (const provider of PROVIDERS) {
    const rounded = {} as Record<ScheduleName, ScheduleFigures>;
    for (const name of SCHEDULE_NAMES) {
      const { meanOvershootS, p90OvershootS, meanPolls } = evaluations[provider][name].figures;
      rounded[name] = {
        meanOvershootS: round3(meanOvershootS),
        p90OvershootS: round3(p90OvershootS),
        meanPolls: round3(meanPolls),
      };
    }
    providers[provider] = rounded;
    sampleCounts[provider] = samples[provider].length;
  }
  const allProviders = {} as ScheduleReport["allProviders"];
  for (const name of SCHEDULE_NAMES) allProviders[name] = { meanPolls: round3(allPolls[name]) };

  const report: ScheduleReport = {
    pollTimesS: pollTimes,
    providers,
    allProviders,
    sampleCounts,
    bound,
    musts,
    goal,
  };
  await mkdir(options.outDir, { recursive: true });
  await writeFile(path.join(options.outDir, "schedule.json"), toJson(report));
  await writeFile(path.join(options.outDir, "schedule.md"), renderMarkdown(report, options.samplesFile));
  return report;
}

function summary(report: ScheduleReport): string {
  const lines = PROVIDERS.map((provider) => {
    const { ours, terraform } = report.providers[provider];
    return (
      `${provider}: p90 overshoot ${ours.p90OvershootS} s (Terraform ${terraform.p90OvershootS} s), ` +
      `mean overshoot ${ours.meanOvershootS} s (${terraform.meanOvershootS} s), ` +
      `mean polls ${ours.meanPolls} (${terraform.meanPolls})`
    );
  });
  lines.push(
    `All providers: mean polls ${report.allProviders.ours.meanPolls} (Terraform ${report.allProviders.terraform.meanPolls})`,
    ...report.musts.map((check) => `${check.pass ? "PASS" : "FAIL"} ${check.name}: ${check.detail}`),
    `${report.goal.pass ? "MET" : "NOT MET"} ${report.goal.name}: ${report.goal.detail}`,
  );
  return lines.join("\n");
}

function parseArgs(argv: readonly string[]): ScheduleBenchOptions {
  // From dist/bench: the repository root is two levels up.
  const options: ScheduleBenchOptions = {
    samplesFile: path.resolve(__dirname, "../..", "data/atlas/provisioning-times.json"),
    outDir: path.resolve(__dirname, "../..", "bench/results"),
  };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (value === undefined || (flag !== "--samples" && flag !== "--out")) {
      throw new Error(`usage: node dist/bench/schedule.js [--samples FILE] [--out DIR]; got ${argv.join(" ")}`);
    }
    if (flag === "--samples") options.samplesFile = path.resolve(value);
    else options.outDir = path.resolve(value);
  }
  return options;
}

if (require.main === module) {
  runScheduleBench(parseArgs(process.argv.slice(2))).then(
    (report) => {
      console.log(summary(report));
      if (!report.musts.every((check) => check.pass)) process.exitCode = 1;
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 2;
    },
  );
}
