import type { EmulatorControl, EmulatorServiceEntry } from "./emulator-control";

/** Options of {@link failNextService}. */
export interface FailNextServiceOptions {
  /** The `errorMessage` Atlas reports with `FAILED`. Default `"Simulated failure (Atlas emulator)"`. */
  readonly errorMessage?: string;
  /** How long to wait for a new service before giving up (the `failed` promise rejects). Default 120 000 ms. */
  readonly timeoutMs?: number;
}

/** A pending {@link failNextService}. */
export interface FailingService {
  /** The service once it is `FAILED`; rejects when no service was created in time, or after {@link cancel}. */
  readonly failed: Promise<EmulatorServiceEntry>;
  /** Stops waiting and disarms the failure if no service took it yet. */
  cancel(): void;
}

const POLL_INTERVAL_MS = 20;

/**
 * Makes the next service created end `FAILED`, as Atlas does when it cannot provision one: that service (and no other:
 * services created meanwhile provision as usual) answers `INITIATING` for its provisioning time and then `FAILED` with
 * `errorMessage`. Resolves once armed: start the `up` after it.
 *
 * ```ts
 * const failing = await atlas.failNextService({ errorMessage: "Quota exceeded" });
 * await expect(stack.up()).rejects.toThrow(/FAILED: Quota exceeded/);
 * expect((await failing.failed).status).toBe("FAILED");
 * ```
 */
export async function failNextService(
  ctl: EmulatorControl,
  options: FailNextServiceOptions = {},
): Promise<FailingService> {
  const { errorMessage = "Simulated failure (Atlas emulator)", timeoutMs = 120_000 } = options;
  const known = new Set((await ctl.services()).map((s) => s.id));
  await ctl.armFailingCreate({ resource: "service", errorMessage });
  const disarm = async (): Promise<void> => {
    // Taken by a create already, or still armed: either way no later service fails for this call.
    if ((await ctl.failingCreates()).some((f) => f.resource === "service")) await ctl.clearFailingCreates();
  };

  let cancelled = false;
  let wake: (() => void) | undefined;
  let timer: NodeJS.Timeout | undefined;
  const pause = (): Promise<void> =>
    new Promise((resolve) => {
      wake = resolve;
      timer = setTimeout(resolve, POLL_INTERVAL_MS);
    });

  const deadline = Date.now() + timeoutMs;
  const failed = (async (): Promise<EmulatorServiceEntry> => {
    try {
      for (;;) {
        if (cancelled) throw cancelledError();
        const made = (await ctl.services()).find((s) => !known.has(s.id) && s.status === "FAILED");
        if (made !== undefined) return made;
        if (Date.now() > deadline) throw new Error(`failNextService: no service was created within ${timeoutMs} ms`);
        await pause();
      }
    } catch (error) {
      await disarm().catch(() => undefined);
      // A stop while a control call was in flight fails that call; the cause is the cancellation.
      throw cancelled ? cancelledError() : error;
    }
  })();
  // Awaiting `failed` is optional; a rejection nobody awaits must not crash the test run.
  failed.catch(() => undefined);
  return {
    failed,
    cancel() {
      cancelled = true;
      clearTimeout(timer);
      wake?.();
    },
  };
}

function cancelledError(): Error {
  return new Error("failNextService was cancelled before a service was created");
}

/**
 * Makes the next registration created (and only that one) end as Atlas ends one whose cloud endpoint is missing:
 * AWS `REJECTED`, Azure and GCP `FAILED`, with Atlas' "was not found" `errorMessage`. The provider records it as a
 * partial create and replaces it on the next `up`.
 */
export async function rejectNextRegistration(ctl: EmulatorControl): Promise<void> {
  await ctl.armFailingCreate({ resource: "registration" });
}

/** Options of {@link serviceUnavailable}. */
export interface ServiceUnavailableOptions {
  /** How many Atlas calls get the 503. Default 3. */
  readonly times?: number;
  /** Only calls with this method (`GET`, `POST`, `PATCH`, `DELETE`). Default: any. */
  readonly method?: string;
  /** Only calls whose path matches this RegExp source. Default: every Atlas API call (`^/api/atlas/`). */
  readonly path?: string;
  /** Sent as `Retry-After`, which the provider honours. Default: none (the provider backs off on its own). */
  readonly retryAfterSeconds?: number;
}

/**
 * A 503 storm: the next `times` Atlas calls answer 503 `SERVICE_UNAVAILABLE` with Atlas' error body, as during an
 * Atlas incident. The provider retries reads and deletes (up to 5 times each); a create it cannot be sure of is not
 * repeated blindly: a 503 to the create's POST fails the `up` with the create recorded as unfinished, and the next `up`
 * takes back what that POST made, or creates it.
 */
export async function serviceUnavailable(ctl: EmulatorControl, options: ServiceUnavailableOptions = {}): Promise<void> {
  const { times = 3, method, path = "^/api/atlas/", retryAfterSeconds } = options;
  await ctl.addFault({
    path,
    status: 503,
    times,
    ...(method === undefined ? {} : { method }),
    ...(retryAfterSeconds === undefined ? {} : { headers: { "Retry-After": String(retryAfterSeconds) } }),
  });
}
