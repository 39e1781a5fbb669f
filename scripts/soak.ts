/**
 * The soak: cycles of service → registration → read → delete registration → delete service through the real
 * dynamic-provider plugin (both provider modules) against an in-process emulator, with random faults (5xx, HTML 502,
 * 429, dropped connections, answers lost after Atlas acted, writes that land after the provider looked for them) on at
 * least `--fault-rate` of the Atlas requests, on every route. Every cycle then compares the services and registrations
 * Atlas holds with what the provider reported.
 *
 *   npm run soak [-- --cycles N --fault-rate 0.1 --seed S]
 *
 * Prints exactly one line on stdout, `cycles N, faults injected F, orphans O, lost L, unhandled U`, details on stderr,
 * and exits 1 when O, L or U is not 0 (2 for a bad flag).
 */
import {
  EMULATOR_IDENTITY,
  startEmulator,
  type EmulatorRegistrationEntry,
  type EmulatorServiceEntry,
  type FaultSpec,
  type RequestLogEntry,
} from "../emulator";
import { registrationNews } from "./lib/cloud-endpoint";
import {
  PluginCallError,
  builtProviderPath,
  providerReference,
  startDynamicPlugin,
  type DynamicPlugin,
} from "./lib/dynamic-plugin";

/** Options of {@link runSoak}. */
export interface SoakOptions {
  /** Service → registration → read → delete registration → delete service cycles, one after another. Default 200. */
  readonly cycles?: number;
  /** The share of Atlas requests that get a scripted fault, at least (0 … 1). Default 0.1. */
  readonly faultRate?: number;
  /** Seed of every random choice the soak makes (the provider's own backoff jitter is not seeded). Default: the clock. */
  readonly seed?: number;
  /** Where problems and progress go. Default: nowhere. */
  readonly log?: (line: string) => void;
}

/** What a soak run came to. */
export interface SoakSummary {
  readonly cycles: number;
  readonly seed: number;
  /** Atlas requests the emulator saw (control calls excluded). */
  readonly requests: number;
  /** Requests a scripted fault answered or dropped (the request log's `fault` field). */
  readonly faultsInjected: number;
  /** Fired faults by kind. */
  readonly faultsByKind: Readonly<Record<string, number>>;
  /** Services and registrations in Atlas that the provider never reported (or reported deleted). */
  readonly orphans: number;
  /** Services and registrations the provider reported as existing that Atlas does not have. */
  readonly lost: number;
  /** Cycles that ended in an error the provider should have handled. */
  readonly unhandled: number;
  /** Creates (services and registrations) that ended as a partial create (the engine records the id), then resumed or replaced. */
  readonly partialCreates: number;
  /** Of those, service creates whose POST Atlas never confirmed (recorded under a stand-in id, then taken back or made). */
  readonly unconfirmedCreates: number;
  /** Creates whose POST failed without a clear answer and made nothing: not resent by design, run again. */
  readonly plainCreateFailures: number;
  /** Registrations created (each then read and deleted). */
  readonly registrations: number;
  readonly wallMs: number;
}

/** The one summary line. */
export function summaryLine(s: SoakSummary): string {
  return `cycles ${s.cycles}, faults injected ${s.faultsInjected}, orphans ${s.orphans}, lost ${s.lost}, unhandled ${s.unhandled}`;
}

const PROJECT = EMULATOR_IDENTITY.projectId;

/** Regions per provider, cloud spelling. */
const REGIONS: Readonly<Record<"AWS" | "AZURE" | "GCP", readonly string[]>> = {
  AWS: ["us-east-1", "us-east-2", "us-west-2", "eu-west-1", "eu-central-1", "ap-south-1", "ap-southeast-2"],
  AZURE: ["eastus", "eastus2", "westeurope", "northeurope", "centralus"],
  GCP: ["us-central1", "us-east4", "europe-west1", "asia-south1"],
};

/** The faults the soak injects, by name. `Retry-After: 0` keeps the run fast; the matrix tests real waits. */
const FAULT_KINDS: Readonly<Record<string, Omit<FaultSpec, "path">>> = {
  "500": { status: 500 },
  "502 html": { status: 502, html: true },
  "503 Retry-After 0": { status: 503, headers: { "Retry-After": "0" } },
  "504": { status: 504 },
  "429 Retry-After 0": { status: 429, headers: { "Retry-After": "0" } },
  "drop before": { drop: "before" },
  "drop after": { drop: "after" },
  "act + 502": { status: 502, html: true, act: true },
  // Dropped, then carried out once the provider has looked (after 1) or even after the next up looked too (after 2).
  "lands after 1": { landsAfter: 1 },
  "lands after 2": { landsAfter: 2 },
};

/** The requests a cycle makes, as fault targets: method, path pattern, how many of them to let through at most. */
const TARGETS: readonly {
  readonly name: string;
  readonly method: string;
  readonly path: string;
  readonly maxSkip: number;
  readonly weight: number;
}[] = [
  { name: "list", method: "GET", path: "/privateEndpoint/(AWS|AZURE|GCP)/endpointService$", maxSkip: 1, weight: 2 },
  { name: "create", method: "POST", path: "/privateEndpoint/endpointService$", maxSkip: 0, weight: 2 },
  { name: "get", method: "GET", path: "/endpointService/[0-9a-f]{24}$", maxSkip: 3, weight: 4 },
  { name: "delete", method: "DELETE", path: "/endpointService/[0-9a-f]{24}$", maxSkip: 0, weight: 2 },
  { name: "register", method: "POST", path: "/endpointService/[0-9a-f]{24}/endpoint$", maxSkip: 0, weight: 2 },
  {
    name: "get registration",
    method: "GET",
    path: "/endpointService/[0-9a-f]{24}/endpoint/[^/]+$",
    maxSkip: 3,
    weight: 3,
  },
  {
    name: "deregister",
    method: "DELETE",
    path: "/endpointService/[0-9a-f]{24}/endpoint/[^/]+$",
    maxSkip: 0,
    weight: 2,
  },
];

/**
 * About how many Atlas requests one cycle makes without faults: the service's list, POST, polls, read, DELETE, polls,
 * and the registration's service GET, POST, polls, read, DELETE, polls.
 */
const REQUESTS_PER_CYCLE = 18;
/** Scripted faults per cycle, at most. */
const MAX_FAULTS_PER_CYCLE = 6;
/** Aim a little above the asked rate: some scripted faults never meet their request. */
const RATE_MARGIN = 0.03;
/** Share of cycles whose create times out on purpose (a partial create, resumed through update). */
const TIMEOUT_SHARE = 0.05;
/** Share of cycles whose service Atlas reports FAILED mid-create (a partial create, then replaced). */
const FAILED_SHARE = 0.03;
/** How often a user would run `pulumi up` again after a create that made nothing. */
const CREATE_RUNS = 3;

/**
 * A POST that failed without a clear answer and made nothing: the provider does not resend it, by design, and says so
 * (a registration's POST only after looking the registration up and finding nothing).
 */
const UNCLEAR_POST =
  /^Atlas (answered 5\d\d\b.* to|did not answer) POST (?:https?:\/\/[^/ ]+)?\/api\/atlas\/[^ ]+\/privateEndpoint\/(?:endpointService|(?:AWS|AZURE|GCP)\/endpointService\/[0-9a-f]{24}\/endpoint): /;

/** mulberry32: a small seeded generator, enough to make a run repeatable. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The emulator's control API, the few calls the soak needs. */
function controlOf(baseUrl: string) {
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${baseUrl}/__emulator${path}`, {
      method,
      headers: body === undefined ? {} : { "Content-Type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`emulator control ${method} ${path} answered ${response.status}: ${text}`);
    return (text === "" ? undefined : JSON.parse(text)) as T;
  }
  return {
    addFault: (fault: FaultSpec) => call<{ id: string }>("POST", "/faults", fault),
    clearFaults: () => call<void>("DELETE", "/faults"),
    requests: () => call<RequestLogEntry[]>("GET", "/requests"),
    clearRequests: () => call<void>("DELETE", "/requests"),
    services: () => call<EmulatorServiceEntry[]>("GET", "/services"),
    registrations: () => call<EmulatorRegistrationEntry[]>("GET", "/registrations"),
    patchService: (id: string, patch: Record<string, unknown>) => call<unknown>("PATCH", `/services/${id}`, patch),
  };
}
type Control = ReturnType<typeof controlOf>;

type Props = Record<string, unknown>;

/** Runs the soak and returns its summary; starts and stops its own emulator and plugin. */
export async function runSoak(options: SoakOptions = {}): Promise<SoakSummary> {
  const cycles = options.cycles ?? 200;
  const faultRate = options.faultRate ?? 0.1;
  const seed = options.seed ?? Date.now() % 2 ** 31;
  if (!Number.isInteger(cycles) || cycles < 1) throw new RangeError(`cycles must be a whole number ≥ 1, got ${cycles}`);
  if (!(faultRate >= 0 && faultRate <= 1)) throw new RangeError(`faultRate must be between 0 and 1, got ${faultRate}`);
  const log = options.log ?? (() => undefined);
  const startedAtMs = Date.now();

  const emulator = await startEmulator({
    provisionSeconds: 0.2,
    deletingSeconds: 0.05,
    updateSeconds: 0.05,
    registrationSeconds: 0.2,
    registrationDeletingSeconds: 0.05,
    quiet: true,
  });
  let plugin: DynamicPlugin | undefined;
  try {
    plugin = await startDynamicPlugin();
    await plugin.configure({
      "mongodbatlas:baseUrl": emulator.baseUrl,
      "mongodbatlas:publicKey": EMULATOR_IDENTITY.apiKey.publicKey,
      "mongodbatlas:privateKey": EMULATOR_IDENTITY.apiKey.privateKey,
      "atlasPrivateEndpoint:pollTimeScale": "0.01",
    });
    const run = new SoakRun(plugin, controlOf(emulator.baseUrl), seededRandom(seed), faultRate, log);
    for (let n = 1; n <= cycles; n++) {
      await run.cycle(n);
      if (n % 25 === 0 || n === cycles) log(`soak: ${n}/${cycles} cycles, ${run.progress()}`);
    }
    return { cycles, seed, ...run.totals(), wallMs: Date.now() - startedAtMs };
  } finally {
    await plugin?.close();
    await emulator.close();
  }
}

/** A problem that makes a cycle unhandled. */
class CycleProblem extends Error {
  override readonly name = "CycleProblem";
}

class SoakRun {
  /** What the provider told the engine about each service id. */
  private readonly reported = new Map<string, "exists" | "deleted">();
  /** What the provider told the engine about each registration, by {@link linkKey}. */
  private readonly reportedLinks = new Map<string, "exists" | "deleted">();
  /** Registrations already counted as a problem (Atlas keeps them: the control API cannot remove one). */
  private readonly countedLinks = new Set<string>();
  private requests = 0;
  private faultsInjected = 0;
  private readonly faultsByKind: Record<string, number> = {};
  private orphans = 0;
  private lost = 0;
  private unhandled = 0;
  private partialCreates = 0;
  private unconfirmedCreates = 0;
  private plainCreateFailures = 0;
  private registrations = 0;
  private readonly provider = providerReference(builtProviderPath("endpoint-service"));
  private readonly linkProvider = providerReference(builtProviderPath("private-endpoint"));

  constructor(
    private readonly plugin: DynamicPlugin,
    private readonly ctl: Control,
    private readonly random: () => number,
    private readonly faultRate: number,
    private readonly log: (line: string) => void,
  ) {}

  totals(): Omit<SoakSummary, "cycles" | "seed" | "wallMs"> {
    return {
      requests: this.requests,
      faultsInjected: this.faultsInjected,
      faultsByKind: { ...this.faultsByKind },
      orphans: this.orphans,
      lost: this.lost,
      unhandled: this.unhandled,
      partialCreates: this.partialCreates,
      unconfirmedCreates: this.unconfirmedCreates,
      plainCreateFailures: this.plainCreateFailures,
      registrations: this.registrations,
    };
  }

  progress(): string {
    const share = this.requests === 0 ? 0 : (100 * this.faultsInjected) / this.requests;
    return `${this.requests} requests, ${this.faultsInjected} faulted (${share.toFixed(1)} %), orphans ${this.orphans}, lost ${this.lost}, unhandled ${this.unhandled}`;
  }

  async cycle(n: number): Promise<void> {
    const providerName = this.pick(["AWS", "AZURE", "GCP"] as const);
    const region = this.pick(REGIONS[providerName]);
    const mode = this.random() < TIMEOUT_SHARE ? "timeout" : this.random() < FAILED_SHARE ? "failed" : "plain";
    const faultKinds = await this.scheduleFaults();
    const problems: string[] = [];
    const what = `cycle ${n} (${providerName} ${region}${mode === "plain" ? "" : `, ${mode}`})`;
    try {
      const base: Props = { projectId: PROJECT, providerName, region, resourceName: `soak-${n}` };
      const service = await this.createLikeTheEngine(base, mode, problems);
      const atlasId = String(service.props["privateLinkId"]);
      const link = await this.registerLikeTheEngine(registrationNews(providerName, PROJECT, atlasId, n), problems);
      const readLink = await this.plugin.read(link.id, link.props);
      if (readLink.id !== link.id)
        throw new CycleProblem(`read of registration ${link.id} answered id "${readLink.id}"`);
      // A refresh records Atlas' id as the resource's id (it differs only for a create Atlas never confirmed).
      const read = await this.plugin.read(service.id, service.props);
      if (read.id !== atlasId) throw new CycleProblem(`read of ${service.id} answered id "${read.id}", not ${atlasId}`);
      await this.deleteLikeTheEngine(link.id, readLink.properties, problems, () =>
        this.reportedLinks.set(link.key, "deleted"),
      );
      await this.deleteLikeTheEngine(read.id, read.properties, problems);
    } catch (error) {
      problems.push(error instanceof Error ? error.message : String(error));
    }
    await this.ctl.clearFaults();
    await this.account(faultKinds, problems);
    if (problems.length > 0) {
      this.unhandled += 1;
      for (const problem of problems) this.log(`soak: ${what}: ${problem}`);
    }
  }

  /** Queues this cycle's faults so the fired share stays at or above the asked rate; returns fault id → kind. */
  private async scheduleFaults(): Promise<Map<string, string>> {
    const aim = this.faultRate + (this.faultRate > 0 ? RATE_MARGIN : 0);
    const owed = Math.ceil(aim * (this.requests + REQUESTS_PER_CYCLE)) - this.faultsInjected;
    const count = this.faultRate > 0 ? Math.min(MAX_FAULTS_PER_CYCLE, Math.max(1, owed)) : 0;
    const kinds = new Map<string, string>();
    const postFaults = new Map<string, number>();
    for (let i = 0; i < count; i++) {
      let target = this.weighted();
      // One unclear POST per resource and cycle at most: a user runs `up` again, but not forever.
      if (target.method === "POST") {
        postFaults.set(target.name, (postFaults.get(target.name) ?? 0) + 1);
        if ((postFaults.get(target.name) ?? 0) > 1) target = TARGETS[2]!;
      }
      const kind = this.pick(Object.keys(FAULT_KINDS));
      const spec: FaultSpec = {
        ...FAULT_KINDS[kind],
        method: target.method,
        path: target.path,
        skip: Math.floor(this.random() * (target.maxSkip + 1)),
      };
      const { id } = await this.ctl.addFault(spec);
      kinds.set(id, `${kind} on ${target.name}`);
    }
    return kinds;
  }

  /**
   * Creates as the engine and a user would: a partial create is recorded and resumed through update (or, FAILED,
   * deleted and created again); a create that made nothing because its POST got no clear answer is run again. Resolves
   * to the resource's id (a stand-in for a create Atlas never confirmed) and properties (`privateLinkId`: Atlas' id).
   */
  private async createLikeTheEngine(
    base: Props,
    mode: "plain" | "timeout" | "failed",
    problems: string[],
  ): Promise<{ id: string; props: Props }> {
    const inputs = await this.check(mode === "timeout" ? { ...base, timeouts: { create: "50ms" } } : base);
    for (let run = 1; run <= CREATE_RUNS; run++) {
      const flipping = mode === "failed" && run === 1 ? this.flipToFailedWhenSeen() : undefined;
      let created: { id: string; properties: Props } | undefined;
      let failure: unknown;
      try {
        created = await this.plugin.create(inputs);
      } catch (error) {
        failure = error;
      } finally {
        flipping?.stop();
        await flipping?.done;
      }
      if (created !== undefined) {
        this.reported.set(created.id, "exists");
        return { id: created.id, props: created.properties };
      }
      const partial = failure instanceof PluginCallError ? failure.partial : undefined;
      if (partial !== undefined) {
        const unconfirmed = partial.properties["unconfirmedCreate"] !== null;
        // A stand-in id names no service: what it reports is told by the update that takes it back.
        if (!unconfirmed) this.reported.set(partial.id, "exists");
        this.partialCreates += 1;
        if (unconfirmed) this.unconfirmedCreates += 1;
        if (partial.properties["status"] === "FAILED") {
          // The engine replaces it, deleting first (same region), then creates again.
          await this.deleteLikeTheEngine(partial.id, partial.properties, problems);
          continue;
        }
        const news = await this.check(base);
        const resumed = await this.updateLikeTheEngine(partial.id, partial.properties, news);
        this.reported.set(String(resumed["privateLinkId"]), "exists");
        return { id: partial.id, props: resumed };
      }
      const message = failure instanceof Error ? failure.message : String(failure);
      const strays = (await this.ctl.services()).filter((s) => this.reported.get(s.id) !== "exists");
      if (UNCLEAR_POST.test(message) && strays.length === 0) {
        this.plainCreateFailures += 1;
        continue;
      }
      throw new CycleProblem(`create failed: ${message}`);
    }
    throw new CycleProblem(`create did not succeed in ${CREATE_RUNS} runs`);
  }

  /**
   * Registers a cloud endpoint as the engine and a user would: a partial create is recorded and resumed through update
   * (or, `REJECTED`/`FAILED`, deleted and created again); a create that made nothing is run again.
   */
  private async registerLikeTheEngine(
    news: Props,
    problems: string[],
  ): Promise<{ id: string; key: string; props: Props }> {
    const inputs = await this.check(news, this.linkProvider);
    const key = linkKey(String(inputs["privateLinkId"]), String(inputs["endpointServiceId"]));
    for (let run = 1; run <= CREATE_RUNS; run++) {
      let created: { id: string; properties: Props } | undefined;
      let failure: unknown;
      try {
        created = await this.plugin.create(inputs);
      } catch (error) {
        failure = error;
      }
      if (created !== undefined) {
        this.reportedLinks.set(key, "exists");
        this.registrations += 1;
        return { id: created.id, key, props: created.properties };
      }
      const partial = failure instanceof PluginCallError ? failure.partial : undefined;
      if (partial !== undefined) {
        this.reportedLinks.set(key, "exists");
        this.partialCreates += 1;
        const status = [
          partial.properties["awsConnectionStatus"],
          partial.properties["azureStatus"],
          partial.properties["gcpStatus"],
        ];
        if (status.includes("REJECTED") || status.includes("FAILED")) {
          await this.deleteLikeTheEngine(partial.id, partial.properties, problems, () =>
            this.reportedLinks.set(key, "deleted"),
          );
          continue;
        }
        const resumed = await this.updateLikeTheEngine(partial.id, partial.properties, inputs);
        this.registrations += 1;
        return { id: partial.id, key, props: resumed };
      }
      const message = failure instanceof Error ? failure.message : String(failure);
      const strays = (await this.ctl.registrations()).filter(
        (r) =>
          this.reportedLinks.get(linkKey(r.serviceId, r.endpointId)) !== "exists" &&
          !this.countedLinks.has(linkKey(r.serviceId, r.endpointId)),
      );
      if (UNCLEAR_POST.test(message) && strays.length === 0) {
        this.plainCreateFailures += 1;
        continue;
      }
      throw new CycleProblem(`registration failed: ${message}`);
    }
    throw new CycleProblem(`registration did not succeed in ${CREATE_RUNS} runs`);
  }

  /**
   * Updates as the engine would: a failed update keeps the old state (or, a partial failure, what it reports), and the
   * next `up` tries again.
   */
  private async updateLikeTheEngine(id: string, olds: Props, news: Props): Promise<Props> {
    let state = olds;
    for (let run = 1; ; run++) {
      try {
        return (await this.plugin.update(id, state, news)).properties;
      } catch (error) {
        if (run >= CREATE_RUNS) throw error;
        if (error instanceof PluginCallError && error.partial !== undefined) state = error.partial.properties;
      }
    }
  }

  /** Deletes as the engine would: a failed delete keeps the resource in state, and the next destroy tries again. */
  private async deleteLikeTheEngine(
    id: string,
    props: Props,
    problems: string[],
    deleted: () => void = () => this.reported.set(id, "deleted"),
  ): Promise<void> {
    try {
      await this.plugin.delete(id, props);
    } catch (error) {
      problems.push(`delete of ${id} failed: ${error instanceof Error ? error.message : String(error)}`);
      await this.plugin.delete(id, props);
    }
    deleted();
  }

  /** Watches for the service a create makes and has Atlas report it FAILED while the provider waits. */
  private flipToFailedWhenSeen(): { stop(): void; done: Promise<void> } {
    let stopped = false;
    const done = (async () => {
      while (!stopped) {
        const fresh = (await this.ctl.services()).find(
          (s) => this.reported.get(s.id) === undefined && s.status === "INITIATING",
        );
        if (fresh !== undefined) {
          await this.ctl.patchService(fresh.id, { status: "FAILED", errorMessage: "Reason: No Capacity." });
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    })();
    return { stop: () => void (stopped = true), done };
  }

  /**
   * Counts this cycle's requests and fired faults, then compares Atlas' services and registrations with what the
   * provider reported.
   */
  private async account(faultKinds: ReadonlyMap<string, string>, problems: string[]): Promise<void> {
    const log = await this.ctl.requests();
    await this.ctl.clearRequests();
    this.requests += log.length;
    for (const entry of log) {
      if (entry.fault === undefined) continue;
      this.faultsInjected += 1;
      const kind = faultKinds.get(entry.fault.split(" ")[0] ?? "") ?? entry.fault;
      this.faultsByKind[kind] = (this.faultsByKind[kind] ?? 0) + 1;
    }

    const services = await this.ctl.services();
    const present = new Set(services.map((s) => s.id));
    for (const service of services) {
      if (this.reported.get(service.id) === "exists") {
        // Reported and present, but the cycle should have deleted it: already a problem; clear the region.
        problems.push(`service ${service.id} still exists after the cycle`);
      } else {
        this.orphans += 1;
        problems.push(
          `orphan: Atlas holds ${service.id} (${service.cloudProvider} ${service.regionName}, ${service.status}), which the provider ${this.reported.get(service.id) === "deleted" ? "reported deleted" : "never reported"}`,
        );
      }
      await this.ctl.patchService(service.id, { remove: true });
      this.reported.set(service.id, "deleted");
    }
    for (const [id, status] of this.reported) {
      if (status === "exists" && !present.has(id)) {
        this.lost += 1;
        problems.push(`lost: the provider reported ${id} as existing, Atlas does not have it`);
        this.reported.set(id, "deleted");
      }
    }

    const registrations = await this.ctl.registrations();
    const linksPresent = new Set(registrations.map((r) => linkKey(r.serviceId, r.endpointId)));
    for (const registration of registrations) {
      const key = linkKey(registration.serviceId, registration.endpointId);
      if (this.countedLinks.has(key)) continue;
      this.countedLinks.add(key);
      if (this.reportedLinks.get(key) === "exists") {
        problems.push(`registration ${key} still exists after the cycle`);
      } else {
        this.orphans += 1;
        problems.push(
          `orphan: Atlas holds registration ${key} (${registration.cloudProvider}, ${registration.status}), which the provider ${this.reportedLinks.get(key) === "deleted" ? "reported deleted" : "never reported"}`,
        );
      }
      this.reportedLinks.set(key, "deleted");
    }
    for (const [key, status] of this.reportedLinks) {
      if (status === "exists" && !linksPresent.has(key)) {
        this.lost += 1;
        problems.push(`lost: the provider reported registration ${key} as existing, Atlas does not have it`);
        this.reportedLinks.set(key, "deleted");
      }
    }
  }

  private async check(news: Props, provider = this.provider): Promise<Props> {
    const { inputs, failures } = await this.plugin.check({}, { __provider: provider, ...news });
    if (failures.length > 0) throw new CycleProblem(`check failed: ${JSON.stringify(failures)}`);
    return inputs;
  }

  private pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.random() * items.length)];
    if (item === undefined) throw new RangeError("pick from an empty list");
    return item;
  }

  private weighted(): (typeof TARGETS)[number] {
    const total = TARGETS.reduce((sum, t) => sum + t.weight, 0);
    let draw = this.random() * total;
    for (const target of TARGETS) {
      draw -= target.weight;
      if (draw < 0) return target;
    }
    return TARGETS[TARGETS.length - 1]!;
  }
}

/** A registration's identity in Atlas: its service and its cloud endpoint. */
function linkKey(serviceId: string, endpointId: string): string {
  return `${serviceId} ${endpointId}`;
}

/** Reads `--cycles N --fault-rate X --seed S`. */
export function parseSoakArgs(argv: readonly string[]): SoakOptions {
  const options: { cycles?: number; faultRate?: number; seed?: number } = {};
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i];
    const value = argv[i + 1];
    const number = Number(value);
    if (value === undefined || value === "" || !Number.isFinite(number)) {
      throw new RangeError(`${String(flag)} needs a number, got ${JSON.stringify(value)}`);
    }
    if (flag === "--cycles") options.cycles = number;
    else if (flag === "--fault-rate") options.faultRate = number;
    else if (flag === "--seed") options.seed = number;
    else throw new RangeError(`unknown flag ${String(flag)}; use --cycles N, --fault-rate X, --seed S`);
  }
  return options;
}

async function main(): Promise<void> {
  let options: SoakOptions;
  try {
    options = parseSoakArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`soak: ${(error as Error).message}\n`);
    process.exitCode = 2;
    return;
  }
  const summary = await runSoak({ ...options, log: (line) => process.stderr.write(`${line}\n`) });
  const share = summary.requests === 0 ? 0 : (100 * summary.faultsInjected) / summary.requests;
  process.stderr.write(
    `soak: seed ${summary.seed}; ${summary.requests} requests, ${share.toFixed(1)} % faulted ` +
      `(${Object.entries(summary.faultsByKind)
        .map(([k, v]) => `${k}: ${v}`)
        .join(", ")}); ` +
      `${summary.registrations} registrations; ${summary.partialCreates} partial creates ` +
      `(${summary.unconfirmedCreates} unconfirmed services), ` +
      `${summary.plainCreateFailures} unclear POSTs run again; ` +
      `${(summary.wallMs / 1000).toFixed(1)} s\n`,
  );
  process.stdout.write(`${summaryLine(summary)}\n`);
  process.exitCode = summary.orphans + summary.lost + summary.unhandled > 0 ? 1 : 0;
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`soak: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
}
