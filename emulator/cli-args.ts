import type { ClusterDeclaration } from "./cluster-declaration";
import type { EmulatorFileOptions } from "./emulator-options";

/** What the command line asks for. */
export type CliRequest = { readonly kind: "help" } | { readonly kind: "run"; readonly options: EmulatorFileOptions };

/** Thrown for a command line that cannot be run; the CLI prints the message and exits with status 2. */
export class CliUsageError extends Error {
  override readonly name = "CliUsageError";
}

/** Port the CLI listens on unless told otherwise. */
export const CLI_DEFAULT_PORT = 8484;

/** `atlas-emulator --help`. */
export const CLI_USAGE = `Usage: atlas-emulator [options]

Runs a local MongoDB Atlas API emulator for private endpoint services.

Options:
  --port N                 TCP port; 0 picks a free one (default ${CLI_DEFAULT_PORT})
  --host H                 interface to listen on (default 127.0.0.1)
  --config FILE            JSON file with emulator options (identity under "config"); flags win over it
  --provision-seconds N    seconds from create to AVAILABLE with fixed timing (default 2)
  --timing fixed|realistic realistic: per-provider times drawn from recorded Atlas runs (default fixed)
  --deleting-seconds N     seconds a deleted service shows DELETING before 404 (default 1)
  --update-seconds N       seconds an updated AWS service shows INITIATING (default 1)
  --registration-seconds N
                           seconds from registering a cloud endpoint to AVAILABLE (default 2)
  --registration-deleting-seconds N
                           seconds a deleted registration shows DELETING before 404 (default 1)
  --registration-codes like-services|spec
                           success codes of registration create/delete: 201/202 {} or 200/204
                           (default like-services)
  --gcp-attachments N      service attachments of a GCP service without port mapping (default 6)
  --cluster NAME:TYPE:PROVIDER/REGION[,PROVIDER/REGION...]
                           declares a cluster of the built-in project (repeatable; TYPE REPLICASET
                           or SHARDED), e.g. orders:SHARDED:AWS/us-east-1,AWS/eu-west-1; clusters
                           of other projects go in the --config file's "clusters"
  --cluster-update-seconds N
                           seconds a cluster stays UPDATING after an endpoint change (default 2)
  --regional-mode-patch-status 202|200
                           status of a successful regional mode PATCH (default 202, as recorded)
  --rate-limit C/R         per-project token bucket: capacity C, refilled R per second (default off)
  --nonce-count-policy strict|unique
                           digest nonce counts: strict = must rise per nonce, unique = refuse only a
                           count already seen (default strict)
  --quiet                  no per-request log lines
  --help                   show this help
`;

const FILE_KEYS = new Set([
  "port",
  "host",
  "provisionSeconds",
  "timing",
  "provisioningTimesFile",
  "deletingSeconds",
  "updateSeconds",
  "registrationSeconds",
  "registrationDeletingSeconds",
  "gcpDeletedSeconds",
  "registrationListedAfterGoneSeconds",
  "omitCloudProvider",
  "registrationSuccessCodes",
  "gcpAttachmentCount",
  "clusterUpdateSeconds",
  "regionalModePatchStatus",
  "clusters",
  "nonceTtlSeconds",
  "nonceCountPolicy",
  "tokenTtlSeconds",
  "tokenRateLimitPerMinute",
  "rateLimit",
  "config",
  "quiet",
]);

/**
 * Parses `argv` (without `node` and the script). `readFile` reads the `--config` file; options given as flags win over
 * the file's. Value validation beyond syntax happens where the options are resolved.
 */
export function parseCliArgs(argv: readonly string[], readFile: (path: string) => string): CliRequest {
  const flags: Record<string, unknown> = {};
  const clusters: ClusterDeclaration[] = [];
  let file: Record<string, unknown> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    const eq = arg.indexOf("=");
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || (inline === undefined && v.startsWith("--")))
        throw new CliUsageError(`${name} needs a value`);
      return v;
    };
    switch (name) {
      case "--help":
      case "-h":
        return { kind: "help" };
      case "--quiet":
        flags.quiet = true;
        break;
      case "--port":
        flags.port = integer(name, value());
        break;
      case "--host":
        flags.host = value();
        break;
      case "--config":
        file = readConfig(value(), readFile);
        break;
      case "--provision-seconds":
        flags.provisionSeconds = seconds(name, value());
        break;
      case "--deleting-seconds":
        flags.deletingSeconds = seconds(name, value());
        break;
      case "--update-seconds":
        flags.updateSeconds = seconds(name, value());
        break;
      case "--registration-seconds":
        flags.registrationSeconds = seconds(name, value());
        break;
      case "--registration-deleting-seconds":
        flags.registrationDeletingSeconds = seconds(name, value());
        break;
      case "--registration-codes": {
        const codes = value();
        if (codes !== "like-services" && codes !== "spec") {
          throw new CliUsageError(`--registration-codes must be "like-services" or "spec", got "${codes}"`);
        }
        flags.registrationSuccessCodes = codes;
        break;
      }
      case "--gcp-attachments":
        flags.gcpAttachmentCount = integer(name, value());
        break;
      case "--timing": {
        const timing = value();
        if (timing !== "fixed" && timing !== "realistic") {
          throw new CliUsageError(`--timing must be "fixed" or "realistic", got "${timing}"`);
        }
        flags.timing = timing;
        break;
      }
      case "--nonce-count-policy": {
        const policy = value();
        if (policy !== "strict" && policy !== "unique") {
          throw new CliUsageError(`--nonce-count-policy must be "strict" or "unique", got "${policy}"`);
        }
        flags.nonceCountPolicy = policy;
        break;
      }
      case "--rate-limit":
        flags.rateLimit = rateLimit(value());
        break;
      case "--cluster":
        clusters.push(cluster(value()));
        break;
      case "--cluster-update-seconds":
        flags.clusterUpdateSeconds = seconds(name, value());
        break;
      case "--regional-mode-patch-status": {
        const status = value();
        if (status !== "202" && status !== "200") {
          throw new CliUsageError(`--regional-mode-patch-status must be 202 or 200, got "${status}"`);
        }
        flags.regionalModePatchStatus = Number(status);
        break;
      }
      default:
        throw new CliUsageError(`unknown option "${arg}"`);
    }
  }
  // --cluster flags add to the file's clusters.
  if (clusters.length > 0)
    flags.clusters = [...((file.clusters as ClusterDeclaration[] | undefined) ?? []), ...clusters];
  return { kind: "run", options: { port: CLI_DEFAULT_PORT, quiet: false, ...file, ...flags } };
}

/** `NAME:TYPE:PROVIDER/REGION[,PROVIDER/REGION...]`; names and regions are checked where options are resolved. */
function cluster(text: string): ClusterDeclaration {
  const usage = `--cluster must be NAME:TYPE:PROVIDER/REGION[,PROVIDER/REGION...] (e.g. orders:SHARDED:AWS/us-east-1,AWS/eu-west-1), got "${text}"`;
  const [name, type, regions, ...rest] = text.split(":");
  if (name === undefined || type === undefined || regions === undefined || rest.length > 0 || name === "") {
    throw new CliUsageError(usage);
  }
  const clusterType = type.toUpperCase();
  if (clusterType !== "REPLICASET" && clusterType !== "SHARDED") {
    throw new CliUsageError(`--cluster ${name}: TYPE must be REPLICASET or SHARDED, got "${type}"`);
  }
  return {
    name,
    clusterType,
    regions: regions.split(",").map((pair) => {
      const [providerName, regionName, ...extra] = pair.split("/");
      if (providerName === undefined || regionName === undefined || extra.length > 0 || regionName === "") {
        throw new CliUsageError(usage);
      }
      return { providerName: providerName.toUpperCase(), regionName };
    }),
  };
}

function readConfig(path: string, readFile: (path: string) => string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFile(path));
  } catch (error) {
    throw new CliUsageError(`--config ${path}: ${(error as Error).message}`);
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new CliUsageError(`--config ${path}: must hold a JSON object`);
  }
  for (const key of Object.keys(parsed)) {
    if (!FILE_KEYS.has(key)) throw new CliUsageError(`--config ${path}: unknown option "${key}"`);
  }
  return parsed as Record<string, unknown>;
}

function integer(name: string, text: string): number {
  if (!/^\d+$/.test(text)) throw new CliUsageError(`${name} must be a whole number, got "${text}"`);
  return Number(text);
}

function seconds(name: string, text: string): number {
  const n = Number(text);
  if (text.trim() === "" || !Number.isFinite(n) || n < 0)
    throw new CliUsageError(`${name} must be seconds ≥ 0, got "${text}"`);
  return n;
}

function rateLimit(text: string): { capacity: number; refillPerSecond: number } {
  const match = /^(\d+)\/(\d+(?:\.\d+)?)$/.exec(text);
  const capacity = Number(match?.[1]);
  const refillPerSecond = Number(match?.[2]);
  if (match === null || capacity < 1 || refillPerSecond <= 0) {
    throw new CliUsageError(`--rate-limit must be CAPACITY/REFILL_PER_SECOND (e.g. 100/10), got "${text}"`);
  }
  return { capacity, refillPerSecond };
}
