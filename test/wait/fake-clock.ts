import type { Clock } from "../../provider/wait/poller";

/**
 * A clock that only moves when slept on (or advanced by a test), recording every sleep, so a whole wait runs at once
 * and its timing can be asserted exactly.
 */
export class FakeClock implements Clock {
  /** Every sleep asked for, in ms, in order. */
  readonly sleepsMs: number[] = [];

  constructor(private nowMs = 1_700_000_000_000) {}

  now(): number {
    return this.nowMs;
  }

  sleep(ms: number): Promise<void> {
    this.sleepsMs.push(ms);
    this.nowMs += ms;
    return Promise.resolve();
  }

  /** Moves time on without a sleep: what a slow request does. */
  advance(ms: number): void {
    this.nowMs += ms;
  }
}
