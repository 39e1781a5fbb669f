import type { RateLimitOptions } from "./emulator-options";

/** Outcome of taking one token. */
export interface BucketTake {
  readonly allowed: boolean;
  /** The bucket's capacity, for `RateLimit-Limit`. */
  readonly limit: number;
  /** Whole tokens left after this request, for `RateLimit-Remaining`. */
  readonly remaining: number;
  /** When refused: whole seconds (≥ 1) until a token is back, for `Retry-After`. */
  readonly retryAfterSeconds: number;
}

interface Bucket {
  readonly capacity: number;
  readonly refillPerSecond: number;
  tokens: number;
  updatedAt: number;
}

/** Token buckets by key (project id, OAuth client id). A bucket starts full. */
export class TokenBuckets {
  readonly #buckets = new Map<string, Bucket>();

  /** Takes one token from `key`'s bucket at `now`; a change of `limits` for a key starts a fresh bucket. */
  take(key: string, limits: RateLimitOptions, now: number): BucketTake {
    let bucket = this.#buckets.get(key);
    if (
      bucket === undefined ||
      bucket.capacity !== limits.capacity ||
      bucket.refillPerSecond !== limits.refillPerSecond
    ) {
      bucket = { ...limits, tokens: limits.capacity, updatedAt: now };
      this.#buckets.set(key, bucket);
    }
    const elapsedSeconds = Math.max(0, now - bucket.updatedAt) / 1000;
    bucket.tokens = Math.min(bucket.capacity, bucket.tokens + elapsedSeconds * bucket.refillPerSecond);
    bucket.updatedAt = now;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true, limit: bucket.capacity, remaining: Math.floor(bucket.tokens), retryAfterSeconds: 0 };
    }
    const retryAfterSeconds = Math.max(1, Math.ceil((1 - bucket.tokens) / bucket.refillPerSecond));
    return { allowed: false, limit: bucket.capacity, remaining: 0, retryAfterSeconds };
  }

  /** Refills every bucket (forgets them). */
  clear(): void {
    this.#buckets.clear();
  }
}
