import * as fs from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";

import { runConnectionStringsBench, type ConnectionStringsReport } from "../../bench/connection-strings";
import { builtProviderPath } from "../../scripts/lib/dynamic-plugin";

/** A quick smoke of the connection-strings bench in a reduced configuration: counts, not timings. */
describe("the connection-strings bench (3 trials, updates of 60–80 s at a hundredth of Atlas' time)", () => {
  let outDir: string;
  let report: ConnectionStringsReport;

  beforeAll(async () => {
    if (!fs.existsSync(builtProviderPath("private-connection-strings"))) {
      throw new Error(`${builtProviderPath("private-connection-strings")} is missing: run npm run build first`);
    }
    outDir = await mkdtemp(path.join(os.tmpdir(), "strings-bench-"));
    report = await runConnectionStringsBench({ outDir, trials: 3, updateSeconds: [60, 80], timeScale: 0.01 });
  }, 60_000);

  afterAll(async () => {
    await rm(outDir, { recursive: true, force: true });
  });

  it("writes the report it returns, and a page that shows both ways", async () => {
    expect(JSON.parse(await readFile(path.join(outDir, "connection-strings.json"), "utf8"))).toEqual(
      JSON.parse(JSON.stringify(report)),
    );
    const page = await readFile(path.join(outDir, "connection-strings.md"), "utf8");
    expect(page).toContain(`| ours | ${report.ours.p50LateS} | **${report.ours.p90LateS}** |`);
    expect(page).toContain(`| official | ${report.official.p50LateS} | ${report.official.p90LateS} |`);
  });

  it("draws each trial's update and start within the ranges", () => {
    expect(report.trials).toHaveLength(3);
    const outside = report.trials.filter(
      (t) => t.updateS < 60 || t.updateS > 80 || t.startOffsetS < 0 || t.startOffsetS >= 15,
    );
    expect(outside).toEqual([]);
  });

  it("counts both ways' requests: the cluster's GETs for ours, a page every 10 s for the official way", () => {
    // Ours: at least the first read and one poll. Official: a page per 10 s waited, the last at or past the publishing.
    const miscounted = report.trials.filter(
      (t) =>
        t.oursRequests < 2 ||
        t.officialRequests < 1 ||
        t.officialRequests > Math.ceil((t.updateS - t.startOffsetS) / 10) + 1,
    );
    expect(miscounted).toEqual([]);
    expect(report.musts.map((m) => m.name)).toEqual(["p90 of how late the resource reports the string"]);
  });
});
