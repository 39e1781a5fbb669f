/**
 * `bench/results/fan-out-runs.md`: one row per fan-out of every `npm run bench`, appended, so consecutive runs (and a
 * failed create in any of them) stay on record after `live.md` is rewritten by the next run.
 */
import { appendFile, access } from "node:fs/promises";
import * as path from "node:path";

import { fanOutName } from "./fan-out";
import type { LiveReport } from "./live";

const FILE = "fan-out-runs.md";

const HEADER = `# Fan-out runs

Appended by every \`npm run bench\` (\`bench/fan-out-history.ts\`): one row per fan-out, so consecutive runs stay on
record after \`live.md\` is rewritten. Load: the 1-minute load average when the live bench started and ended (the
machine has other work; wall times under load are not comparable, failed creates are).

| bench started | load (start / end) | fan-out | wall time (s) | floor (s) | requests | 429s | failed creates | registrations |
| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |
`;

/** Appends `report`'s fan-outs to the history in `outDir` (creating it with its header the first time). */
export async function recordFanOutRuns(
  outDir: string,
  report: LiveReport,
  load: { readonly startOneMinute: number; readonly endOneMinute: number },
): Promise<void> {
  const file = path.join(outDir, FILE);
  const exists = await access(file).then(
    () => true,
    () => false,
  );
  const rows = report.fanOuts.map(
    (f) =>
      `| ${report.startedAt} | ${load.startOneMinute.toFixed(2)} / ${load.endOneMinute.toFixed(2)} | ${fanOutName(f)} | ${f.wallTimeS} | ${f.floorS} | ${f.requests} | ${f.rateLimited} | ${f.failures}${f.failures > 0 ? ` (${f.failureMessages[0] ?? ""})` : ""} | ${f.registrations} |`,
  );
  await appendFile(file, `${exists ? "" : HEADER}${rows.join("\n")}\n`);
}
