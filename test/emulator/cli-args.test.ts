import { CLI_DEFAULT_PORT, CliUsageError, parseCliArgs } from "../../emulator/cli-args";

const noFile = (file: string): string => {
  throw new Error(`ENOENT: no such file ${file}`);
};

describe("parseCliArgs", () => {
  it("defaults to port 8484 with per-request log lines", () => {
    expect(parseCliArgs([], noFile)).toEqual({ kind: "run", options: { port: CLI_DEFAULT_PORT, quiet: false } });
    expect(CLI_DEFAULT_PORT).toBe(8484);
  });

  it("reads every flag, in both --flag value and --flag=value forms", () => {
    const request = parseCliArgs(
      [
        "--port",
        "0",
        "--host=0.0.0.0",
        "--provision-seconds",
        "0.2",
        "--timing",
        "realistic",
        "--deleting-seconds=1.5",
        "--update-seconds",
        "0",
        "--rate-limit",
        "100/2.5",
        "--nonce-count-policy=unique",
        "--quiet",
      ],
      noFile,
    );
    expect(request).toEqual({
      kind: "run",
      options: {
        port: 0,
        host: "0.0.0.0",
        provisionSeconds: 0.2,
        timing: "realistic",
        deletingSeconds: 1.5,
        updateSeconds: 0,
        rateLimit: { capacity: 100, refillPerSecond: 2.5 },
        nonceCountPolicy: "unique",
        quiet: true,
      },
    });
  });

  it("reads the registration and GCP attachment flags", () => {
    const request = parseCliArgs(
      [
        "--registration-seconds",
        "0.5",
        "--registration-deleting-seconds=0",
        "--registration-codes",
        "spec",
        "--gcp-attachments",
        "50",
      ],
      noFile,
    );
    expect(request).toEqual({
      kind: "run",
      options: {
        port: CLI_DEFAULT_PORT,
        quiet: false,
        registrationSeconds: 0.5,
        registrationDeletingSeconds: 0,
        registrationSuccessCodes: "spec",
        gcpAttachmentCount: 50,
      },
    });
  });

  it("reads the cluster flags: --cluster (repeatable), --cluster-update-seconds, --regional-mode-patch-status", () => {
    const request = parseCliArgs(
      [
        "--cluster",
        "orders:SHARDED:AWS/us-east-1,aws/eu-west-1",
        "--cluster=billing:replicaset:GCP/us-east1",
        "--cluster-update-seconds",
        "0.2",
        "--regional-mode-patch-status=200",
      ],
      noFile,
    );
    expect(request).toEqual({
      kind: "run",
      options: {
        port: CLI_DEFAULT_PORT,
        quiet: false,
        clusters: [
          {
            name: "orders",
            clusterType: "SHARDED",
            regions: [
              { providerName: "AWS", regionName: "us-east-1" },
              { providerName: "AWS", regionName: "eu-west-1" },
            ],
          },
          { name: "billing", clusterType: "REPLICASET", regions: [{ providerName: "GCP", regionName: "us-east1" }] },
        ],
        clusterUpdateSeconds: 0.2,
        regionalModePatchStatus: 200,
      },
    });
  });

  it("adds --cluster flags to the clusters of a --config file", () => {
    const inFile = { projectId: "aaaaaaaaaaaaaaaaaaaaaaaa", name: "a", clusterType: "SHARDED", regions: [] };
    const file = JSON.stringify({ clusters: [inFile] });
    const request = parseCliArgs(["--config", "emu.json", "--cluster", "b:SHARDED:AWS/us-east-1"], () => file);
    expect(request).toMatchObject({
      options: {
        clusters: [
          inFile,
          { name: "b", clusterType: "SHARDED", regions: [{ providerName: "AWS", regionName: "us-east-1" }] },
        ],
      },
    });
  });

  it("answers help for --help whatever else is given", () => {
    expect(parseCliArgs(["--port", "1", "--help"], noFile)).toEqual({ kind: "help" });
  });

  it("merges a --config file under the flags", () => {
    const file = JSON.stringify({
      port: 9000,
      provisionSeconds: 5,
      config: { projects: ["aaaaaaaaaaaaaaaaaaaaaaaa"] },
    });
    const request = parseCliArgs(["--config", "emu.json", "--provision-seconds", "1"], (f) =>
      f === "emu.json" ? file : noFile(f),
    );
    expect(request).toEqual({
      kind: "run",
      options: { port: 9000, quiet: false, provisionSeconds: 1, config: { projects: ["aaaaaaaaaaaaaaaaaaaaaaaa"] } },
    });
  });

  it.each([
    [["--bogus"], /unknown option "--bogus"/],
    [["--port"], /--port needs a value/],
    [["--port", "--quiet"], /--port needs a value/],
    [["--port", "eighty"], /--port must be a whole number, got "eighty"/],
    [["--timing", "slow"], /--timing must be "fixed" or "realistic", got "slow"/],
    [["--provision-seconds", "-1"], /--provision-seconds must be seconds ≥ 0/],
    [["--registration-codes", "200"], /--registration-codes must be "like-services" or "spec", got "200"/],
    [["--registration-seconds", "soon"], /--registration-seconds must be seconds ≥ 0/],
    [["--gcp-attachments", "6.5"], /--gcp-attachments must be a whole number, got "6.5"/],
    [["--rate-limit", "100"], /--rate-limit must be CAPACITY\/REFILL_PER_SECOND/],
    [["--rate-limit", "0/1"], /--rate-limit must be CAPACITY\/REFILL_PER_SECOND/],
    [["--nonce-count-policy", "loose"], /--nonce-count-policy must be "strict" or "unique", got "loose"/],
    [["--config", "missing.json"], /--config missing.json: ENOENT/],
    [["--cluster", "orders"], /--cluster must be NAME:TYPE:PROVIDER\/REGION\[,PROVIDER\/REGION...\]/],
    [["--cluster", "orders:SHARDED:AWS"], /--cluster must be NAME:TYPE:PROVIDER\/REGION/],
    [
      ["--cluster", "orders:GLOBAL:AWS/us-east-1"],
      /--cluster orders: TYPE must be REPLICASET or SHARDED, got "GLOBAL"/,
    ],
    [["--cluster-update-seconds", "-2"], /--cluster-update-seconds must be seconds ≥ 0/],
    [["--regional-mode-patch-status", "204"], /--regional-mode-patch-status must be 202 or 200, got "204"/],
  ])("refuses %j with a message naming the flag", (argv, message) => {
    expect(() => parseCliArgs(argv, noFile)).toThrow(CliUsageError);
    expect(() => parseCliArgs(argv, noFile)).toThrow(message);
  });

  it.each([
    ["[1]", /must hold a JSON object/],
    ['{"prot": 1}', /unknown option "prot"/],
    ["{oops", /--config c.json:/],
  ])("refuses a config file holding %s", (text, message) => {
    expect(() => parseCliArgs(["--config", "c.json"], () => text)).toThrow(message);
  });
});
