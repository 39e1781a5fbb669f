import { backoffDelayMs, type ResolvedRetryOptions } from "./backoff";

/** Injected time and randomness, so retry tests run in milliseconds and can assert exact delays. */
export interface RetryClock {
  now(): number;
  sleep(ms: number): Promise<void>;
  random(): number;
}

/** The real clock. */
export const systemRetryClock: RetryClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: () => Math.random(),
};

/** What one attempt came to: a value, or an error with whether another attempt may help. */
export type AttemptResult<T, E> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: E; readonly retryable: boolean; readonly retryAfterMs?: number | undefined };

/**
 * Runs `attempt` until it succeeds, fails for good, or the attempt count or time budget is spent; between attempts
 * it waits the server's `retryAfterMs` or a full-jitter backoff. Rejects with the last error.
 */
export async function retry<T, E extends Error>(
  attempt: (attemptNumber: number) => Promise<AttemptResult<T, E>>,
  options: ResolvedRetryOptions,
  clock: RetryClock,
): Promise<T> {
  const startedAtMs = clock.now();
  for (let attemptNumber = 1; ; attemptNumber++) {
    const result = await attempt(attemptNumber);
    if (result.ok) return result.value;
    if (!result.retryable || attemptNumber >= options.maxAttempts) throw result.error;
    const delayMs = backoffDelayMs(attemptNumber, options, () => clock.random(), result.retryAfterMs);
    if (clock.now() - startedAtMs + delayMs > options.maxTotalMs) throw result.error;
    await clock.sleep(delayMs);
  }
}
