import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";

import { atlasCliSchedule, cloudFormationSchedule, terraformSchedule } from "../../bench/anchors";
import { runScheduleBench, type ScheduleReport } from "../../bench/schedule";
import type { ProviderName } from "../../regions/regions";
import { PROVISIONING_PROFILES, pollTimesS } from "../../provider/wait/schedule";

const PROVIDERS: readonly ProviderName[] = ["AWS", "AZURE", "GCP"];
const SAMPLES_FILE = path.resolve(__dirname, "../../data/atlas/provisioning-times.json");

describe("the schedule bench on the recorded provisioning times", () => {
  let outDir: string;
  let report: ScheduleReport;

  beforeAll(async () => {
    outDir = await mkdtemp(path.join(os.tmpdir(), "schedule-bench-"));
    report = await runScheduleBench({ samplesFile: SAMPLES_FILE, outDir });
  });

  afterAll(async () => {
    await rm(outDir, { recursive: true, force: true });
  });

  it.each(PROVIDERS)("finds our p90 overshoot on %s at most half of Terraform's", (provider) => {
    const { ours, terraform } = report.providers[provider];
    expect(ours.p90OvershootS).toBeLessThanOrEqual(terraform.p90OvershootS / 2);
  });

  it("finds no more polls than Terraform on average over the three providers' samples pooled", () => {
    const pooled = (name: "ours" | "terraform"): number =>
      PROVIDERS.reduce((sum, p) => sum + report.providers[p][name].meanPolls * report.sampleCounts[p], 0) /
      PROVIDERS.reduce((sum, p) => sum + report.sampleCounts[p], 0);
    expect(pooled("ours")).toBeLessThanOrEqual(pooled("terraform"));
    expect(report.allProviders.ours.meanPolls).toBeCloseTo(pooled("ours"), 2);
  });

  it("publishes poll times that notice every whole-second T to 2 h within max(10 s, 50% of T)", () => {
    for (const provider of PROVIDERS) {
      const timesS = report.pollTimesS[provider];
      expect(timesS[timesS.length - 1]).toBeGreaterThanOrEqual(7200);
      for (let readyAtS = 1; readyAtS <= 7200; readyAtS += 1) {
        const overshootS = (timesS.find((timeS) => timeS >= readyAtS) ?? Infinity) - readyAtS;
        if (overshootS > Math.max(10, 0.5 * readyAtS)) throw new Error(`${provider} T=${readyAtS}: ${overshootS} s`);
      }
    }
  });

  it("reports every must as passing, and writes the report it returns", async () => {
    expect(report.musts.map((check) => [check.name, check.pass])).toEqual(
      report.musts.map((check) => [check.name, true]),
    );
    expect(JSON.parse(await readFile(path.join(outDir, "schedule.json"), "utf8"))).toEqual(report);
    const markdown = await readFile(path.join(outDir, "schedule.md"), "utf8");
    expect(markdown).toContain("| Must: All providers: mean polls no more than Terraform's | PASS |");
    expect(markdown).not.toContain("FAIL");
  });
});

describe("the provisioning profiles", () => {
  /** Linear interpolation between closest ranks, as the samples file states for its own percentiles. */
  function percentile(samples: readonly number[], fraction: number): number {
    const sorted = [...samples].sort((a, b) => a - b);
    const rank = (sorted.length - 1) * fraction;
    const below = sorted[Math.floor(rank)] ?? NaN;
    return below + ((sorted[Math.ceil(rank)] ?? NaN) - below) * (rank - Math.floor(rank));
  }

  it.each(PROVIDERS)("follow the stated rounding of %s's p1, p10 and p95", async (provider) => {
    const data = JSON.parse(await readFile(SAMPLES_FILE, "utf8")) as Record<ProviderName, { samples: number[] }>;
    const { samples } = data[provider];
    expect(PROVISIONING_PROFILES[provider]).toEqual({
      earliestReadyS: Math.floor(percentile(samples, 0.01) / 10) * 10,
      bulkStartS: Math.floor(percentile(samples, 0.1) / 10) * 10,
      bulkEndS: Math.ceil(percentile(samples, 0.95) / 10) * 10,
    });
  });
});

describe("the anchor schedules", () => {
  it("poll like Terraform at 5, 10, 20 s, then every 10 s", () => {
    expect(pollTimesS(terraformSchedule, 50)).toEqual([5, 10, 20, 30, 40, 50]);
  });

  it("poll like the Atlas CLI every 4 s", () => {
    expect(pollTimesS(atlasCliSchedule, 16)).toEqual([4, 8, 12, 16]);
  });

  it("poll like CloudFormation every 20 s", () => {
    expect(pollTimesS(cloudFormationSchedule, 60)).toEqual([20, 40, 60]);
  });
});

describe("runScheduleBench", () => {
  it("rejects a samples file without a provider's samples, naming the file and key", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "schedule-bench-bad-"));
    try {
      const samplesFile = path.join(dir, "times.json");
      await writeFile(samplesFile, JSON.stringify({ AWS: { samples: [150] }, AZURE: { samples: [] } }));
      await expect(runScheduleBench({ samplesFile, outDir: dir })).rejects.toThrow(
        `${samplesFile}: AZURE.samples must be a non-empty array of positive seconds`,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
