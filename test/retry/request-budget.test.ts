import { RequestBudget } from "../../provider/retry/request-budget";

/** A clock that only moves when told; sleepers wake in order as it passes their time. */
function manualClock() {
  let nowMs = 0;
  const sleepers: { atMs: number; wake: () => void }[] = [];
  return {
    now: () => nowMs,
    sleep: (ms: number) => new Promise<void>((resolve) => sleepers.push({ atMs: nowMs + ms, wake: resolve })),
    async advance(ms: number) {
      nowMs += ms;
      for (const sleeper of sleepers.filter((s) => s.atMs <= nowMs)) {
        sleepers.splice(sleepers.indexOf(sleeper), 1);
        sleeper.wake();
      }
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

describe("RequestBudget", () => {
  it("lets requests straight out while the server has said nothing", async () => {
    const budget = new RequestBudget(manualClock());
    await Promise.all([budget.acquire(), budget.acquire(), budget.acquire()]);
  });

  it("keeps no more requests in flight than the server says are left", async () => {
    const budget = new RequestBudget(manualClock());
    await budget.acquire();
    budget.settle({ remaining: 2, rateLimited: false });
    const started: number[] = [];
    const requests = [1, 2, 3].map((n) => budget.acquire().then(() => started.push(n)));
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([1, 2]);
    budget.settle({ remaining: 2, rateLimited: false });
    await Promise.all(requests);
    expect(started).toEqual([1, 2, 3]);
  });

  it("holds every request of the scope until Retry-After after a refusal, then lets them go in order", async () => {
    const clock = manualClock();
    const budget = new RequestBudget(clock);
    await budget.acquire();
    budget.settle({ remaining: 0, rateLimited: true, retryAfterMs: 1000 });
    const started: number[] = [];
    const waiting = [1, 2].map((n) => budget.acquire().then(() => started.push(n)));
    await clock.advance(999);
    expect(started).toEqual([]);
    await clock.advance(1);
    expect(started).toEqual([1]); // one probe: nothing is known to be left
    budget.settle({ remaining: 5, rateLimited: false });
    await Promise.all(waiting);
    expect(started).toEqual([1, 2]);
  });

  it("says it is holding while nothing is left or requests are queueing, and not before the server said anything", async () => {
    const budget = new RequestBudget(manualClock());
    expect(budget.holding).toBe(false);
    await budget.acquire();
    budget.settle({ remaining: 1, rateLimited: false });
    expect(budget.holding).toBe(false);
    await budget.acquire();
    expect(budget.holding).toBe(true); // the one request left is in flight
    budget.settle({ remaining: 5, rateLimited: false });
    expect(budget.holding).toBe(false);
  });
});
