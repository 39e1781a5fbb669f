import { execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { installPackedPackage, serializedProvider, type InstalledPackage } from "../../scripts/lib/installed-package";

/**
 * The package as users get it: `npm pack`, install the tarball into a fresh project, and use it from plain `node`
 * (not jest, whose module registry would change how the provider serializes).
 */
const root = path.resolve(__dirname, "../..");
const packageName = (JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { name: string }).name;

let installed: InstalledPackage;

beforeAll(() => {
  installed = installPackedPackage();
}, 300_000);

afterAll(() => {
  installed.remove();
});

const project = (): string => installed.project;

describe("the installed package", () => {
  it("serializes the provider as a single require of its ./provider subpath, under 300 bytes", () => {
    const provider = serializedProvider(installed);
    const requires = provider.match(/require\([^)]*\)/g) ?? [];
    expect(requires).toEqual([`require("${packageName}/provider")`]);
    expect(Buffer.byteLength(provider)).toBeLessThan(300);
  });

  it("serializes PrivateEndpoint's provider as a single require of ./provider/private-endpoint, at most 300 bytes", () => {
    const provider = serializedProvider(installed, "PrivateEndpoint");
    const requires = provider.match(/require\([^)]*\)/g) ?? [];
    expect(requires).toEqual([`require("${packageName}/provider/private-endpoint")`]);
    expect(Buffer.byteLength(provider)).toBeLessThanOrEqual(300);
  });

  it("serializes PrivateEndpointRegionalMode's provider as a single require of ./provider/regional-mode, at most 300 bytes", () => {
    const provider = serializedProvider(installed, "PrivateEndpointRegionalMode");
    const requires = provider.match(/require\([^)]*\)/g) ?? [];
    expect(requires).toEqual([`require("${packageName}/provider/regional-mode")`]);
    expect(Buffer.byteLength(provider)).toBeLessThanOrEqual(300);
  });

  it("serializes PrivateConnectionStrings' provider as a single require of its subpath, at most 310 bytes", () => {
    const provider = serializedProvider(installed, "PrivateConnectionStrings");
    const requires = provider.match(/require\([^)]*\)/g) ?? [];
    expect(requires).toEqual([`require("${packageName}/provider/private-connection-strings")`]);
    expect(provider.split("\n").filter((line) => line.includes("require("))).toHaveLength(1);
    expect(Buffer.byteLength(provider)).toBeLessThanOrEqual(310);
  });

  it("loads the package, its provider subpath and its emulator subpath with plain require", () => {
    const script = `
      const main = require(${JSON.stringify(packageName)});
      const provider = require(${JSON.stringify(packageName + "/provider")});
      const privateEndpoint = require(${JSON.stringify(packageName + "/provider/private-endpoint")});
      const regionalMode = require(${JSON.stringify(packageName + "/provider/regional-mode")});
      const connectionStrings = require(${JSON.stringify(packageName + "/provider/private-connection-strings")});
      const emulator = require(${JSON.stringify(packageName + "/emulator")});
      console.log(JSON.stringify({
        main: Object.keys(main).sort(),
        provider: Object.keys(provider).sort(),
        privateEndpoint: Object.keys(privateEndpoint).sort(),
        regionalMode: Object.keys(regionalMode).sort(),
        connectionStrings: Object.keys(connectionStrings).sort(),
        emulator: typeof emulator.startEmulator,
      }));
    `;
    const loaded = JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: project(), encoding: "utf8" })) as {
      main: string[];
      provider: string[];
      privateEndpoint: string[];
      regionalMode: string[];
      connectionStrings: string[];
      emulator: string;
    };
    expect(loaded.provider).toEqual(["check", "configure", "create", "delete", "diff", "read", "update"]);
    expect(loaded.privateEndpoint).toEqual(["check", "configure", "create", "delete", "diff", "read", "update"]);
    expect(loaded.regionalMode).toEqual(["check", "configure", "create", "delete", "diff", "read", "update"]);
    expect(loaded.connectionStrings).toEqual(["check", "configure", "create", "delete", "diff", "read", "update"]);
    expect(loaded.main).toEqual(
      expect.arrayContaining([
        "PrivateEndpointService",
        "getPrivateEndpointService",
        "listPrivateEndpointServices",
        "PrivateEndpoint",
        "getPrivateEndpoint",
        "PrivateEndpointRegionalMode",
        "getPrivateEndpointRegionalMode",
        "PrivateConnectionStrings",
        "getPrivateConnectionStrings",
        "AtlasApiError",
      ]),
    );
    expect(loaded.emulator).toBe("function");
  });

  it("serves the ./testing subpath: mocks for the installed resource, and the emulator helper, with types", () => {
    const script = `
      const pulumi = require("@pulumi/pulumi");
      const testing = require(${JSON.stringify(packageName + "/testing")});
      pulumi.runtime.setMocks(testing.atlasMocks(), "p", "s", false);
      const { PrivateEndpointService } = require(${JSON.stringify(packageName)});
      const service = new PrivateEndpointService("db", { projectId: "0123456789abcdef01234567", providerName: "AWS", region: "ap-south-1" });
      service.endpointServiceName.apply(async (name) => {
        const atlas = await testing.startAtlasEmulator();
        const health = (await fetch(atlas.baseUrl + "/__emulator/health")).status;
        await atlas.stop();
        console.log(JSON.stringify({ name, health, config: Object.keys(atlas.stackConfig) }));
      });
    `;
    const out = execFileSync(process.execPath, ["-e", script], { cwd: project(), encoding: "utf8" });
    const result = JSON.parse(out.trim().split("\n").pop() ?? "") as { name: string; health: number; config: string[] };
    expect(result.name).toMatch(/^com\.amazonaws\.vpce\.ap-south-1\.vpce-svc-[0-9a-f]{17}$/);
    expect(result.health).toBe(200);
    expect(result.config).toEqual([
      "mongodbatlas:baseUrl",
      "mongodbatlas:publicKey",
      "mongodbatlas:privateKey",
      "atlasPrivateEndpoint:pollTimeScale",
    ]);
    const types = path.join(project(), "node_modules", packageName, "dist/testing/index.d.ts");
    expect(fs.readFileSync(types, "utf8")).toContain("atlasMocks");
  });

  it("ships only the build output and docs", () => {
    const files = fs.readdirSync(path.join(project(), "node_modules", packageName)).sort();
    expect(files).toEqual(expect.arrayContaining(["README.md", "dist", "package.json"]));
    expect(files).not.toContain("test");
    expect(files).not.toContain("provider");
    expect(installed.installLog).not.toMatch(/ERR!/);
  });

  it("installs without warnings of its own", () => {
    // npm 11 lists every dependency with an install script it has not been told to allow; the one it names here is
    // protobufjs, a dependency of @pulumi/pulumi. npm 11.19 heads that list `install-scripts`, npm 11.17 (Node 24.19's)
    // `allow-scripts`. npm 11.17 also warns about settings of the machine's own npm config it does not know
    // (`Unknown user config "nodedir"`): not about this package. Every other warning (peer, engine, deprecation, …)
    // counts.
    const lines = installed.installLog.split("\n");
    const notOurs = /^npm warn (?:install-scripts|allow-scripts|Unknown (?:env|user|global|project) config)/i;
    const warnings = lines.filter((line) => /^npm warn/i.test(line) && !notOurs.test(line));
    expect(warnings).toEqual([]);
    const scripted = lines.filter((line) => /^npm warn (?:install|allow)-scripts\s+\S+@/i.test(line));
    expect(scripted.join("\n")).not.toContain(packageName);
  });

  it("draws realistic provisioning times from the samples packed with the emulator, whatever the working directory", () => {
    // A working directory with nothing beside it: no samples file can be found relative to it.
    const alone = fs.mkdtempSync(path.join(os.tmpdir(), "emulator-cwd-"));
    const cwd = path.join(alone, "work");
    fs.mkdirSync(cwd);
    try {
      const emulatorModule = require.resolve(`${packageName}/emulator`, { paths: [project()] });
      expect(emulatorModule).toBe(path.join(project(), "node_modules", packageName, "dist/emulator/index.js"));
      // random() = 0 draws each provider's first recorded sample; the clock stands still, so times are exact.
      const script = `
        const { startEmulator, EMULATOR_IDENTITY } = require(${JSON.stringify(emulatorModule)});
        (async () => {
          const emulator = await startEmulator({ timing: "realistic", random: () => 0, now: () => Date.UTC(2026, 0, 1) });
          try {
            const { clientId, clientSecret } = EMULATOR_IDENTITY.serviceAccount;
            const token = await fetch(emulator.baseUrl + "/api/oauth/token", {
              method: "POST",
              headers: {
                Authorization: "Basic " + Buffer.from(clientId + ":" + clientSecret).toString("base64"),
                "Content-Type": "application/x-www-form-urlencoded",
              },
              body: "grant_type=client_credentials",
            }).then((answer) => answer.json());
            const services = emulator.baseUrl + "/api/atlas/v2/groups/" + EMULATOR_IDENTITY.projectId + "/privateEndpoint/endpointService";
            for (const [providerName, region] of [["AWS", "us-east-1"], ["AZURE", "eastus"], ["GCP", "us-east4"]]) {
              const created = await fetch(services, {
                method: "POST",
                headers: {
                  Authorization: "Bearer " + token.access_token,
                  Accept: "application/vnd.atlas.2023-01-01+json",
                  "Content-Type": "application/json",
                },
                body: JSON.stringify({ providerName, region }),
              });
              if (created.status !== 201) throw new Error(providerName + ": " + created.status + " " + (await created.text()));
            }
            const entries = await fetch(emulator.baseUrl + "/__emulator/services").then((answer) => answer.json());
            console.log(JSON.stringify(Object.fromEntries(
              entries.map((s) => [s.cloudProvider, (Date.parse(s.readyAt) - Date.parse(s.createdAt)) / 1000]),
            )));
          } finally {
            await emulator.close();
          }
        })().catch((error) => { console.error(error); process.exit(1); });
      `;
      const out = execFileSync(process.execPath, ["-e", script], { cwd, encoding: "utf8" });
      const drawn = JSON.parse(out.trim().split("\n").pop() ?? "") as Record<string, number>;

      const recorded = JSON.parse(
        fs.readFileSync(path.join(root, "data/atlas/provisioning-times.json"), "utf8"),
      ) as Record<"AWS" | "AZURE" | "GCP", { samples: number[] }>;
      const first = { AWS: recorded.AWS.samples[0], AZURE: recorded.AZURE.samples[0], GCP: recorded.GCP.samples[0] };
      expect(first).toEqual({ AWS: 141, AZURE: 42, GCP: 218 });
      expect(drawn).toEqual(first);
      // Not the medians the emulator falls back to when it finds no samples.
      expect(drawn).not.toEqual({ AWS: 169, AZURE: 59, GCP: 275 });
    } finally {
      fs.rmSync(alone, { recursive: true, force: true });
    }
  });

  it("runs the emulator from the installed bin", async () => {
    const bin = path.join(project(), "node_modules", ".bin", "atlas-emulator");
    const child = spawn(bin, ["--port", "0"], { cwd: project(), stdio: ["ignore", "pipe", "pipe"] });
    try {
      const firstLine = await new Promise<string>((resolve, reject) => {
        let out = "";
        child.stdout.on("data", (chunk: Buffer) => {
          out += chunk.toString();
          if (out.includes("\n")) resolve(out.split("\n")[0]!);
        });
        child.once("exit", (code) => reject(new Error(`emulator exited ${String(code)}`)));
      });
      expect(firstLine).toMatch(/^Atlas emulator listening on http:\/\/127\.0\.0\.1:\d+$/);
      const port = firstLine.split(":").pop();
      const health = await fetch(`http://127.0.0.1:${port}/__emulator/health`);
      expect(health.status).toBe(200);
    } finally {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
  });
});
