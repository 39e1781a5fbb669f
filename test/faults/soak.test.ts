import * as fs from "node:fs";
import { builtProviderPath } from "../../scripts/lib/dynamic-plugin";
import { parseSoakArgs, runSoak, summaryLine } from "../../scripts/soak";

/**
 * The CI short version of `npm run soak`: 20 cycles of service → registration → read → delete registration → delete
 * service through the real plugin, every fault accounted for.
 */
describe("the soak", () => {
  it("runs 20 faulted cycles with no orphan, nothing lost and nothing unhandled", async () => {
    for (const resource of ["endpoint-service", "private-endpoint"] as const) {
      if (!fs.existsSync(builtProviderPath(resource)))
        throw new Error(`${builtProviderPath(resource)} is missing: run npm run build first`);
    }
    const problems: string[] = [];
    const summary = await runSoak({ cycles: 20, faultRate: 0.1, seed: 20_261_129, log: (line) => problems.push(line) });
    expect({ line: summaryLine(summary), problems: problems.filter((l) => !/^soak: \d+\/\d+ cycles/.test(l)) }).toEqual(
      {
        line: `cycles 20, faults injected ${summary.faultsInjected}, orphans 0, lost 0, unhandled 0`,
        problems: [],
      },
    );
    expect(summary.registrations).toBe(20);
    expect(summary.requests).toBeGreaterThan(20 * 12);
    expect(summary.faultsInjected).toBeGreaterThanOrEqual(0.1 * summary.requests);
    // Most kinds of fault the soak knows fired over the run, on the services' and on the registrations' routes.
    const fired = Object.keys(summary.faultsByKind);
    expect(new Set(fired.map((k) => k.replace(/ on .+$/, ""))).size).toBeGreaterThanOrEqual(6);
    expect(fired.filter((k) => / on (register|get registration|deregister)$/.test(k)).length).toBeGreaterThanOrEqual(3);
  }, 240_000);

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
