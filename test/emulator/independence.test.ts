import * as fs from "node:fs";
import * as path from "node:path";

/** The emulator is a second implementation of Atlas, not of us: it meets the library only over HTTP. */
describe("the emulator's imports", () => {
  const emulatorDir = path.resolve(__dirname, "../../emulator");
  const files = fs.readdirSync(emulatorDir).filter((name) => name.endsWith(".ts"));

  it("reach nothing of the library, only the neutral data: regions and the recorded provisioning times", () => {
    const reached = files.flatMap((name) => {
      const text = fs.readFileSync(path.join(emulatorDir, name), "utf8");
      return [...text.matchAll(/from "(\.\.\/[^"]+)"/g)].map((match) => `${name}: ${match[1] ?? ""}`);
    });
    expect(files.length).toBeGreaterThan(10);
    const neutral = [": ../regions/regions", ": ../data/atlas/provisioning-times.json"];
    expect(reached.filter((entry) => !neutral.some((target) => entry.endsWith(target)))).toEqual([]);
  });
});
