/** How transient failures are retried. Every field has a default; see {@link resolveRetryOptions}. */
export interface RetryOptions {
  /** Attempts in all, the first included. Default 6. */
  maxAttempts?: number;
  /** Cap of the first backoff window; window n is `baseDelayMs * 2^(n-1)`. Default 500 ms. */
  baseDelayMs?: number;
  /** Largest single wait, also for a server's `Retry-After`. Default 30 000 ms. */
  maxDelayMs?: number;
  /** Time budget for all attempts of one call, waits included. Default 120 000 ms. */
  maxTotalMs?: number;
}

/** {@link RetryOptions} with every default applied. */
export type ResolvedRetryOptions = Required<RetryOptions>;

const DEFAULT_RETRY_OPTIONS: ResolvedRetryOptions = {
  maxAttempts: 6,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxTotalMs: 120_000,
};

/** Merges user options over the defaults once, rejecting values that would make retries meaningless. */
export function resolveRetryOptions(options: RetryOptions = {}): ResolvedRetryOptions {
  const resolved = { ...DEFAULT_RETRY_OPTIONS };
  for (const key of Object.keys(DEFAULT_RETRY_OPTIONS) as (keyof RetryOptions)[]) {
    const value = options[key];
    if (value === undefined) continue;
    if (!Number.isFinite(value) || value < 0 || (key === "maxAttempts" && (value < 1 || !Number.isInteger(value)))) {
      throw new RangeError(
        `retry option ${key} must be a ${key === "maxAttempts" ? "whole number ≥ 1" : "number ≥ 0"}, got ${String(value)}`,
      );
    }
    resolved[key] = value;
  }
  return resolved;
}

/**
 * The wait before retry number `retry` (1 for the first retry): "full jitter", a uniform draw in
 * `[0, min(maxDelayMs, baseDelayMs * 2^(retry-1))]`, so many clients failing together spread out.
 * A server-given `retryAfterMs` is honoured as is (capped by `maxDelayMs`), without jitter: the server said when.
 */
export function backoffDelayMs(
  retry: number,
  options: ResolvedRetryOptions,
  random: () => number,
  retryAfterMs?: number,
): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, options.maxDelayMs);
  const windowMs = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (retry - 1));
  return Math.floor(random() * windowMs);
}
