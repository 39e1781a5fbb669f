import * as fs from "node:fs";
import { builtProviderPath } from "../../scripts/lib/dynamic-plugin";
import { parseSoakArgs, runSoak, summaryLine } from "../../scripts/soak";

/** The CI short version of `npm run soak`: 20 cycles through the real plugin, every fault accounted for. */
describe("the soak", () => {
  it("runs 20 faulted cycles with no orphan, nothing lost and nothing unhandled", async () => {
    if (!fs.existsSync(builtProviderPath()))
      throw new Error(`${builtProviderPath()} is missing: run npm run build first`);
    const problems: string[] = [];
    const summary = await runSoak({ cycles: 20, faultRate: 0.1, seed: 20_261_129, log: (line) => problems.push(line) });
    expect({ line: summaryLine(summary), problems: problems.filter((l) => !/^soak: \d+\/\d+ cycles/.test(l)) }).toEqual(
      {
        line: `cycles 20, faults injected ${summary.faultsInjected}, orphans 0, lost 0, unhandled 0`,
        problems: [],
      },
    );
    expect(summary.requests).toBeGreaterThan(20 * 5);
    expect(summary.faultsInjected).toBeGreaterThanOrEqual(0.1 * summary.requests);
    // Every kind of fault the soak knows fired at least once over the run.
    const kinds = new Set(Object.keys(summary.faultsByKind).map((k) => k.replace(/ on \w+$/, "")));
    expect(kinds.size).toBeGreaterThanOrEqual(6);
  }, 120_000);

  it("reads its flags and refuses unknown ones", () => {
    expect(parseSoakArgs(["--cycles", "5", "--fault-rate", "0.2", "--seed", "7"])).toEqual({
      cycles: 5,
      faultRate: 0.2,
      seed: 7,
    });
    expect(() => parseSoakArgs(["--cycle", "5"])).toThrow("unknown flag --cycle");
    expect(() => parseSoakArgs(["--cycles"])).toThrow("--cycles needs a number");
  });
});
