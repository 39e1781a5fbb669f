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
  /** Stops waiting and puts the provisioning time back. */
  cancel(): void;
}

const POLL_INTERVAL_MS = 20;
/** How long new services stay `INITIATING` while a failure is armed: long enough never to become ready first. */
const HOLD_SECONDS = 3600;

/**
 * Makes the next service created end `FAILED`, as Atlas does when it cannot provision one: until a new service
 * appears, new services stay `INITIATING`; the first one is then set to `FAILED` with `errorMessage`, and the
 * provisioning time goes back to what it was. Resolves once armed: start the `up` after it.
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
  const saved = await ctl.currentSettings();
  await ctl.settings({ timing: "fixed", provisionSeconds: HOLD_SECONDS });
  const restore = async (): Promise<void> => {
    await ctl.settings({ timing: saved.timing, provisionSeconds: saved.provisionSeconds });
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
        const created = (await ctl.services()).find((s) => !known.has(s.id) && s.status === "INITIATING");
        if (created !== undefined) return await ctl.patchService(created.id, { status: "FAILED", errorMessage });
        if (Date.now() > deadline) throw new Error(`failNextService: no service was created within ${timeoutMs} ms`);
        await pause();
      }
    } catch (error) {
      // A stop while a control call was in flight fails that call; the cause is the cancellation.
      throw cancelled ? cancelledError() : error;
    } finally {
      await restore().catch(() => undefined);
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
 * repeated blindly, so a 503 to the create's POST fails the `up` with "nothing was created".
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
