import type { DigestSigner } from "./digest";

/**
 * Digest "lanes": a bounded set of signers, each with its own nonce and nonce count, each held by one request at a
 * time. A lane's counts therefore reach the server in the order they were signed, so a server that wants them strictly
 * rising per nonce refuses none of them, and one that only refuses a repeated count refuses none either. A lane costs
 * one challenge when first used (and one per expiry of its nonce); lanes are opened only while every open lane is
 * busy, never more than `maxLanes`, and reused most recently released first.
 */
export class DigestLanes {
  private readonly idle: DigestSigner[] = [];
  private readonly waiting: ((lane: DigestSigner) => void)[] = [];
  private opened = 0;

  constructor(
    private readonly openLane: () => DigestSigner,
    private readonly maxLanes: number,
  ) {
    if (!Number.isInteger(maxLanes) || maxLanes < 1) {
      throw new RangeError(`maxLanes must be a whole number ≥ 1, got ${maxLanes}`);
    }
  }

  /** Lanes opened so far (each has drawn, or is drawing, its own challenge). */
  get size(): number {
    return this.opened;
  }

  /** Resolves with a lane this caller alone holds until {@link release}; first come, first served. */
  acquire(): Promise<DigestSigner> {
    const lane = this.idle.pop();
    if (lane !== undefined) return Promise.resolve(lane);
    if (this.opened < this.maxLanes) {
      this.opened += 1;
      return Promise.resolve(this.openLane());
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Hands the lane to the longest waiter, or keeps it for the next caller. */
  release(lane: DigestSigner): void {
    const next = this.waiting.shift();
    if (next !== undefined) next(lane);
    else this.idle.push(lane);
  }
}
