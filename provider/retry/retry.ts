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
  | {
      readonly ok: false;
      readonly error: E;
      readonly retryable: boolean;
      readonly retryAfterMs?: number | undefined;
      /** The server refused the attempt for its rate limit: it did not act, and trying later will help. */
      readonly rateLimited?: boolean;
      /** Time the attempt spent held back by a shared rate limit before it went out, in ms. */
      readonly heldMs?: number;
    };

/**
 * Runs `attempt` until it succeeds, fails for good, or its limits are spent; between attempts it waits the server's
 * `retryAfterMs` or a full-jitter backoff. Rejects with the last error.
 *
 * Without `deadlineAtMs` every retryable failure counts against `maxAttempts` and `maxTotalMs`. With it (the deadline of
 * the operation the call belongs to), a rate-limit refusal does not: the server did not act, so it is waited out (for
 * its whole `Retry-After`, or a backoff) as long as the next attempt can go out by the deadline, and the per-call
 * limits apply to other failures only. Time spent on rate limits (refused attempts and their waits, under a deadline;
 * time held back by a shared limit, always) does not count against `maxTotalMs`.
 */
export async function retry<T, E extends Error>(
  attempt: (attemptNumber: number) => Promise<AttemptResult<T, E>>,
  options: ResolvedRetryOptions,
  clock: RetryClock,
  deadlineAtMs?: number,
): Promise<T> {
  const startedAtMs = clock.now();
  let counted = 0;
  let rateLimitedInARow = 0;
  let rateLimitedMs = 0;
  for (let attemptNumber = 1; ; attemptNumber++) {
    const attemptStartedAtMs = clock.now();
    const result = await attempt(attemptNumber);
    if (result.ok) return result.value;
    if (!result.retryable) throw result.error;
    if (result.rateLimited === true && deadlineAtMs !== undefined) {
      rateLimitedInARow += 1;
      const delayMs = result.retryAfterMs ?? backoffDelayMs(rateLimitedInARow, options, () => clock.random());
      if (clock.now() + delayMs > deadlineAtMs) throw result.error;
      await clock.sleep(delayMs);
      rateLimitedMs += clock.now() - attemptStartedAtMs;
      continue;
    }
    rateLimitedInARow = 0;
    rateLimitedMs += result.heldMs ?? 0;
    counted += 1;
    if (counted >= options.maxAttempts) throw result.error;
    const delayMs = backoffDelayMs(counted, options, () => clock.random(), result.retryAfterMs);
    if (clock.now() - startedAtMs - rateLimitedMs + delayMs > options.maxTotalMs) throw result.error;
    await clock.sleep(delayMs);
  }
}
