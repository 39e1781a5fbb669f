/**
 * A scripted one-off misbehaviour, matched against requests before authentication (as a proxy in front of Atlas
 * would misbehave), or after the real handling with `act`/`drop: "after"`.
 */
export interface FaultSpec {
  /** HTTP method to match (any when absent), case-insensitive. */
  readonly method?: string;
  /** RegExp source tested against the path without the query string. */
  readonly path: string;
  /** Matching requests to let through before the fault fires. Default 0. */
  readonly skip?: number;
  /** How many matching requests get the fault. Default 1. */
  readonly times?: number;
  /** Status to answer with. Default 502 with `html`, else 500. */
  readonly status?: number;
  /** Headers to add (to the fault answer, or to the real answer when the fault only adds headers or delays). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Body: an object is sent as JSON, a string as is. Absent with status ≥ 400: an Atlas error body. */
  readonly body?: unknown;
  /** `errorCode` of the Atlas error body (default by status: 429 RATE_LIMITED_TOKEN_BUCKET, 500 UNEXPECTED_ERROR…). */
  readonly errorCode?: string;
  /** `detail` of the Atlas error body. */
  readonly detail?: string;
  /** Answer with a proxy's HTML error page (`text/html`). */
  readonly html?: boolean;
  /** Wait this long first; alone, the real answer follows the wait. */
  readonly delayMs?: number;
  /** Do the real operation first, then answer with the fault: the client cannot tell whether it happened. */
  readonly act?: boolean;
  /** Destroy the connection without an answer, before or after doing the real operation. */
  readonly drop?: "before" | "after";
  /** Never answer (until reset or close); with `act`, after doing the real operation. */
  readonly hang?: boolean;
  /**
   * Drop the connection without an answer and carry out the real operation only after this many later Atlas requests
   * have been answered: a write that completes after its client gave up on it (and looked for it). Credentials and the
   * rate limit are checked on arrival; a request refused there does not use the fault up.
   */
  readonly landsAfter?: number;
}

/** A fault waiting for requests, with what is left of its `skip` and `times`. */
export interface PendingFault extends FaultSpec {
  readonly id: string;
  skip: number;
  times: number;
}

/**
 * When a fault is applied: in front of the real handling, once the request was admitted (authenticated, within the
 * rate limit, allowed) but before its operation runs, or after the operation.
 */
export type FaultStage = "before" | "admitted" | "after";

/** The stage of `fault`: `admitted` for `landsAfter`, `after` when the operation must run first (`act`, `drop: "after"`). */
export function faultStage(fault: FaultSpec): FaultStage {
  if (fault.landsAfter !== undefined) return "admitted";
  return fault.act === true || fault.drop === "after" ? "after" : "before";
}

/** Thrown by {@link FaultStore.add} for a fault that cannot be applied; the message names the field. */
export class FaultSpecError extends Error {
  override readonly name = "FaultSpecError";
}

const FIELDS = new Set([
  "method",
  "path",
  "skip",
  "times",
  "status",
  "headers",
  "body",
  "errorCode",
  "detail",
  "html",
  "delayMs",
  "act",
  "drop",
  "hang",
  "landsAfter",
]);

/** The pending faults, matched in the order they were added. */
export class FaultStore {
  #faults: { fault: PendingFault; pattern: RegExp }[] = [];
  #nextId = 1;

  /** Validates and queues `spec`. */
  add(spec: unknown): PendingFault {
    const fault = validateFault(spec, `f${this.#nextId}`);
    this.#nextId += 1;
    this.#faults.push({ fault, pattern: new RegExp(fault.path) });
    return fault;
  }

  /**
   * The fault that fires for this request at this `stage`, if any. Every matching fault still skipping counts the
   * request; the first matching fault with nothing left to skip fires and is used up after `times` requests.
   * `before` faults act as a proxy in front of Atlas (before authentication); `admitted` faults (`landsAfter`) once the
   * request was admitted; `after` faults (`act`, `drop: "after"`) once the real operation ran. So an authentication
   * challenge never uses up the latter two.
   */
  take(stage: FaultStage, method: string, pathname: string): PendingFault | undefined {
    for (const entry of this.#faults) {
      const { fault, pattern } = entry;
      if (faultStage(fault) !== stage) continue;
      if (fault.method !== undefined && fault.method.toUpperCase() !== method.toUpperCase()) continue;
      if (!pattern.test(pathname)) continue;
      if (fault.skip > 0) {
        fault.skip -= 1;
        continue;
      }
      fault.times -= 1;
      if (fault.times <= 0) this.#faults = this.#faults.filter((e) => e !== entry);
      return { ...fault };
    }
    return undefined;
  }

  /** The faults still pending. */
  list(): PendingFault[] {
    return this.#faults.map((e) => ({ ...e.fault }));
  }

  /** Drops every pending fault; ids start again at `f1`. */
  clear(): void {
    this.#faults = [];
    this.#nextId = 1;
  }
}

function validateFault(spec: unknown, id: string): PendingFault {
  if (spec === null || typeof spec !== "object" || Array.isArray(spec))
    throw new FaultSpecError("fault must be an object");
  const s = spec as Record<string, unknown>;
  for (const key of Object.keys(s)) if (!FIELDS.has(key)) throw new FaultSpecError(`unknown fault field "${key}"`);
  if (typeof s.path !== "string") throw new FaultSpecError("fault.path must be a RegExp source string");
  try {
    new RegExp(s.path);
  } catch (error) {
    throw new FaultSpecError(`fault.path is not a valid RegExp: ${(error as Error).message}`);
  }
  optional(s, "method", (v) => typeof v === "string" && v !== "", "a method name");
  optional(s, "skip", (v) => Number.isInteger(v) && (v as number) >= 0, "an integer ≥ 0");
  optional(s, "times", (v) => Number.isInteger(v) && (v as number) >= 1, "an integer ≥ 1");
  optional(s, "status", (v) => Number.isInteger(v) && (v as number) >= 100 && (v as number) <= 599, "an HTTP status");
  optional(s, "delayMs", (v) => typeof v === "number" && Number.isFinite(v) && v >= 0, "a number ≥ 0");
  optional(s, "errorCode", (v) => typeof v === "string", "a string");
  optional(s, "detail", (v) => typeof v === "string", "a string");
  optional(s, "html", (v) => typeof v === "boolean", "a boolean");
  optional(s, "act", (v) => typeof v === "boolean", "a boolean");
  optional(s, "hang", (v) => typeof v === "boolean", "a boolean");
  optional(s, "drop", (v) => v === "before" || v === "after", '"before" or "after"');
  optional(
    s,
    "headers",
    (v) => v !== null && typeof v === "object" && Object.values(v).every((h) => typeof h === "string"),
    "an object of string header values",
  );
  optional(s, "landsAfter", (v) => Number.isInteger(v) && (v as number) >= 0, "an integer ≥ 0");
  if (s.drop !== undefined && s.hang === true) throw new FaultSpecError("fault cannot both drop and hang");
  const others = ["status", "body", "html", "errorCode", "detail", "headers", "delayMs", "act", "drop", "hang"];
  if (s.landsAfter !== undefined && others.some((key) => s[key] !== undefined)) {
    throw new FaultSpecError("a landsAfter fault drops the connection: it takes only method, path, skip and times");
  }
  const answers = s.status !== undefined || s.body !== undefined || s.html === true || s.errorCode !== undefined;
  if (s.drop !== undefined && answers) throw new FaultSpecError("a dropping fault sends no status, body or html");
  return {
    ...(s as unknown as FaultSpec),
    id,
    skip: (s.skip as number | undefined) ?? 0,
    times: (s.times as number | undefined) ?? 1,
  };
}

function optional(s: Record<string, unknown>, name: string, ok: (v: unknown) => boolean, what: string): void {
  if (s[name] !== undefined && !ok(s[name]))
    throw new FaultSpecError(`fault.${name} must be ${what}, got ${JSON.stringify(s[name])}`);
}
