import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

/** What a program pays for the package root: the built files a plain `require` loads, in a fresh Node process. */
const dist = path.resolve(__dirname, "../../dist");

function loadedBy(entry: string): string[] {
  const script = `
    require(${JSON.stringify(entry)});
    const prefix = ${JSON.stringify(dist + path.sep)};
    console.log(JSON.stringify(Object.keys(require.cache).filter((f) => f.startsWith(prefix)).map((f) => f.slice(prefix.length))));
  `;
  return JSON.parse(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" })) as string[];
}

beforeAll(() => {
  if (!fs.existsSync(path.join(dist, "testing/index.js"))) throw new Error("dist/ is missing: run npm run build");
});

describe("importing the package root", () => {
  it("loads neither the testing kit nor the emulator", () => {
    const loaded = loadedBy(path.join(dist, "provider/index.js"));
    expect(loaded).toContain(path.join("provider", "index.js"));
    expect(
      loaded.filter((file) => file.startsWith(`testing${path.sep}`) || file.startsWith(`emulator${path.sep}`)),
    ).toEqual([]);
  });

  it("while the testing kit loads both its mocks and the emulator (the check above can see them)", () => {
    const loaded = loadedBy(path.join(dist, "testing/index.js"));
    expect(loaded).toEqual(
      expect.arrayContaining([
        path.join("testing", "atlas-mocks.js"),
        path.join("emulator", "start-emulator.js"),
        path.join("provider", "endpoint-service", "check.js"),
      ]),
    );
  });
});
