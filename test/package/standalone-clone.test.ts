import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { stripVTControlCharacters } from "node:util";

/**
 * The repository as a new user clones it: the committed HEAD of this checkout, cloned into an empty folder with
 * nothing beside it (no `../shared`), with this checkout's `node_modules` linked in. The suites that once read data
 * beside the repository run there with jest in a child process and must all pass: what they read is in `data/`.
 * Uncommitted changes are not in the clone. A copy without git history (the current pair's scratch copy) has nothing
 * committed to clone: there the test is reported as skipped, with the reason.
 */
const root = path.resolve(__dirname, "../..");

/** The suites that read `../shared/atlas` before its facts were copied into `data/atlas/`, sorted. */
const SUITES = [
  "test/emulator/control-api.test.ts",
  "test/emulator/digest-auth.test.ts",
  "test/emulator/recorded-answers.test.ts",
  "test/emulator/registrations.test.ts",
  "test/emulator/schema.test.ts",
  "test/wait/schedule-bench.test.ts",
];

/** This checkout's HEAD commit, or why there is none to clone. */
function headCommit(): { sha: string } | { reason: string } {
  const git = (...args: string[]): string =>
    execFileSync("git", ["-C", root, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
  try {
    if (fs.realpathSync(git("rev-parse", "--show-toplevel")) !== fs.realpathSync(root)) {
      return { reason: `${root} is not the top of a git checkout` };
    }
    return { sha: git("rev-parse", "HEAD") };
  } catch (error) {
    return { reason: `${root} is not a git checkout (${(error as Error).message.split("\n")[0] ?? ""})` };
  }
}

/** What jest's `--json` report holds that this test reads. */
interface JestReport {
  readonly numTotalTestSuites: number;
  readonly numPassedTestSuites: number;
  readonly numFailedTestSuites: number;
  readonly numPassedTests: number;
  readonly numFailedTests: number;
  readonly numPendingTests: number;
  readonly testResults: readonly {
    readonly name: string;
    readonly status: string;
    readonly message: string;
    readonly assertionResults: readonly { readonly title: string; readonly status: string }[];
  }[];
}

const head = headCommit();
if ("reason" in head) console.warn(`The standalone clone test is skipped: ${head.reason}`);
const describeClone = "sha" in head ? describe : describe.skip;

describeClone("a clone of the repository with nothing beside it", () => {
  let scratch: string;
  let clone: string;
  let report: JestReport;
  let output: string;

  beforeAll(() => {
    if (!("sha" in head)) throw new Error("unreachable: the suite is skipped without a commit");
    // The clone sits alone in a fresh folder: `../shared` from it does not exist.
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), "standalone-clone-"));
    clone = path.join(scratch, "repo");
    execFileSync("git", ["clone", "--quiet", "--no-checkout", root, clone], { stdio: "pipe" });
    execFileSync("git", ["-C", clone, "checkout", "--quiet", "--detach", head.sha], { stdio: "pipe" });
    fs.symlinkSync(path.join(root, "node_modules"), path.join(clone, "node_modules"), "dir");

    // These suites run on the sources through ts-jest: nothing needs building first.
    const reportFile = path.join(scratch, "jest-report.json");
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env["JEST_WORKER_ID"];
    const run = spawnSync(
      process.execPath,
      [
        path.join(clone, "node_modules/jest/bin/jest.js"),
        "--ci",
        "--runInBand",
        "--json",
        `--outputFile=${reportFile}`,
        "--runTestsByPath",
        ...SUITES,
      ],
      { cwd: clone, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
    );
    output = `${run.stdout}\n${run.stderr}`;
    if (!fs.existsSync(reportFile)) throw new Error(`jest wrote no report (exit ${run.status}):\n${output}`);
    report = JSON.parse(fs.readFileSync(reportFile, "utf8")) as JestReport;
  }, 180_000);

  afterAll(() => {
    if (scratch !== undefined) fs.rmSync(scratch, { recursive: true, force: true });
  });

  it("has no shared folder beside the clone", () => {
    expect(fs.readdirSync(scratch).sort()).toEqual(["jest-report.json", "repo"]);
    expect(fs.existsSync(path.join(clone, "..", "shared"))).toBe(false);
  });

  it("runs exactly the suites that used to read ../shared", () => {
    const ran = report.testResults.map((suite) => path.relative(clone, suite.name).split(path.sep).join("/"));
    expect(ran.sort()).toEqual(SUITES);
  });

  it("passes every suite and every test there", () => {
    const results = report.testResults.flatMap((suite) => suite.assertionResults);
    // The one test that skips itself: it needs a non-loopback network interface.
    const skipped = results.filter((test) => test.status === "pending").map((test) => test.title);
    // A suite's message starts with its failing test's title; the line after it says what went wrong.
    const firstLines = (message: string): string =>
      stripVTControlCharacters(message)
        .split("\n")
        .map((line) => line.trim())
        .filter((line) => line !== "")
        .slice(0, 2)
        .join(" / ");
    expect({
      suites: report.numTotalTestSuites,
      passedSuites: report.numPassedTestSuites,
      failedSuites: report.numFailedTestSuites,
      failedTests: report.numFailedTests,
      skippedTests: report.numPendingTests,
      passedTests: report.numPassedTests,
      failures: report.testResults
        .filter((suite) => suite.status !== "passed")
        .map((suite) => `${path.relative(clone, suite.name)}: ${firstLines(suite.message)}`),
    }).toEqual({
      suites: SUITES.length,
      passedSuites: SUITES.length,
      failedSuites: 0,
      failedTests: 0,
      skippedTests: skipped.length,
      passedTests: results.length - skipped.length,
      failures: [],
    });
    expect(
      skipped.filter((title) => title !== "refuses clients that are not on this machine's loopback with 403"),
    ).toEqual([]);
    expect(results.length).toBeGreaterThan(50);
  });
});
