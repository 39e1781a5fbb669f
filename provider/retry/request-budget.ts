import type { RetryClock } from "./retry";

/** What one answer said about the shared budget. */
export interface BudgetObservation {
  /** Requests the server says are left (`RateLimit-Remaining`), when it said. */
  readonly remaining?: number | undefined;
  /** The answer was a rate-limit refusal (429). */
  readonly rateLimited: boolean;
  /** How long the server asked to wait (`Retry-After`), in ms. */
  readonly retryAfterMs?: number | undefined;
}

/** The pause after a refusal that did not say how long to wait. */
const DEFAULT_PAUSE_MS = 1000;

/**
 * A request budget shared by every caller of one rate-limited scope (an Atlas project). While the server has not said
 * how much is left, requests go straight out. Once it has, no more requests are in flight than it says are left
 * (at least one, a probe); after a refusal nothing goes out until its `Retry-After`. Waiting requests go first come,
 * first served, so concurrent waits share the budget instead of all retrying at once and being refused again.
 */
export class RequestBudget {
  private remaining: number | undefined;
  private inFlight = 0;
  private pausedUntilMs = 0;
  private waking = false;
  private readonly queue: (() => void)[] = [];

  constructor(private readonly clock: Pick<RetryClock, "now" | "sleep">) {}

  /** True while a request asking now would have to wait: the budget is spent, paused or queueing. */
  get holding(): boolean {
    return this.queue.length > 0 || !this.canSend();
  }

  /** Resolves when a request may go out; pair every call with one {@link settle}. */
  acquire(): Promise<void> {
    if (this.queue.length === 0 && this.canSend()) {
      this.inFlight += 1;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      this.queue.push(resolve);
      this.pump();
    });
  }

  /** Records what the answer said about the budget (nothing, for a request without an answer) and lets the next go. */
  settle(observation: BudgetObservation | undefined): void {
    this.inFlight -= 1;
    if (observation?.remaining !== undefined) this.remaining = observation.remaining;
    if (observation?.rateLimited === true) {
      this.remaining = 0;
      const untilMs = this.clock.now() + (observation.retryAfterMs ?? DEFAULT_PAUSE_MS);
      this.pausedUntilMs = Math.max(this.pausedUntilMs, untilMs);
    }
    this.pump();
  }

  private canSend(): boolean {
    if (this.clock.now() < this.pausedUntilMs) return false;
    return this.remaining === undefined || this.inFlight < Math.max(1, this.remaining);
  }

  private pump(): void {
    while (this.queue.length > 0 && this.canSend()) {
      this.inFlight += 1;
      this.queue.shift()?.();
    }
    // Nothing in flight will settle and wake the queue: wake it when the pause ends.
    if (this.queue.length > 0 && this.inFlight === 0 && !this.waking) {
      this.waking = true;
      void this.clock.sleep(Math.max(0, this.pausedUntilMs - this.clock.now())).then(() => {
        this.waking = false;
        this.pump();
      });
    }
  }
}
