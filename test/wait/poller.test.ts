import { readFileSync } from "node:fs";
import * as path from "node:path";

import type { ProviderName } from "../../regions/regions";
import { WaitCancelledError } from "../../provider/wait/cancelled";
import { poll, systemClock, type Clock, type PollOptions, type PollState } from "../../provider/wait/poller";
import { pollScheduleFor, pollTimesS, tabulatedSchedule } from "../../provider/wait/schedule";
import { FakeClock } from "./fake-clock";

const PROVIDERS: readonly ProviderName[] = ["AWS", "AZURE", "GCP"];
const HOUR_MS = 3_600_000;

class TransientError extends Error {
  override readonly name = "TransientError";
}

/** A wait on a fake clock that records when (in seconds since the start) each check ran. */
function harness(startedAgoMs = 0) {
  const clock = new FakeClock();
  const startedAtMs = clock.now() - startedAgoMs;
  const checkTimesS: number[] = [];
  const elapsedS = (): number => (clock.now() - startedAtMs) / 1000;
  const observations: unknown[] = [];
  const options = <T>(
    check: (elapsedS: number) => Promise<PollState<T>> | PollState<T>,
    overrides: Partial<PollOptions<T>> = {},
  ): PollOptions<T> => ({
    check: async () => {
      checkTimesS.push(elapsedS());
      return check(elapsedS());
    },
    isTransient: (error) => error instanceof TransientError,
    schedule: pollScheduleFor("AZURE"),
    startedAtMs,
    deadlineAtMs: startedAtMs + HOUR_MS,
    clock,
    onObservation: (observation) => observations.push(observation),
    ...overrides,
  });
  return { clock, startedAtMs, checkTimesS, observations, options };
}

/** A check that plays `steps` in order, one per poll. */
function scripted<T>(steps: readonly (() => PollState<T>)[]): () => PollState<T> {
  let played = 0;
  return () => {
    const step = steps[played];
    played += 1;
    if (step === undefined) throw new Error(`the script has ${steps.length} steps; poll ${played} is one too many`);
    return step();
  };
}

const readyAt =
  (readyAtS: number) =>
  (elapsedS: number): PollState<string> =>
    elapsedS >= readyAtS ? { state: "success", value: "AVAILABLE" } : { state: "retry", value: "INITIATING" };

describe("poll on a create schedule", () => {
  it.each(PROVIDERS)("polls %s at exactly the schedule's times until success", async (provider) => {
    const schedule = pollScheduleFor(provider);
    const readyAtS = 1500;
    const { clock, checkTimesS, options } = harness();

    const result = await poll(options(readyAt(readyAtS), { schedule }));

    const expectedS = pollTimesS(schedule, readyAtS);
    expect(checkTimesS).toEqual(expectedS);
    expect(clock.sleepsMs).toEqual(
      expectedS.map((timeS, i) => (timeS - (i === 0 ? 0 : (expectedS[i - 1] ?? 0))) * 1000),
    );
    expect(result).toEqual({
      outcome: "success",
      value: "AVAILABLE",
      polls: expectedS.length,
      transientErrors: 0,
      elapsedMs: (expectedS[expectedS.length - 1] ?? NaN) * 1000,
    });
  });

  it.each(PROVIDERS)("polls %s at the times published in bench/results/schedule.json", async (provider) => {
    const published = JSON.parse(
      readFileSync(path.resolve(__dirname, "../../bench/results/schedule.json"), "utf8"),
    ) as { pollTimesS: Record<ProviderName, number[]> };
    const publishedS = published.pollTimesS[provider];
    const lastS = publishedS[publishedS.length - 1] ?? NaN;
    const { checkTimesS, startedAtMs, options } = harness();

    await poll(
      options(readyAt(lastS), { schedule: pollScheduleFor(provider), deadlineAtMs: startedAtMs + 3 * HOUR_MS }),
    );

    expect(lastS).toBeGreaterThanOrEqual(7200);
    expect(checkTimesS).toEqual(publishedS);
  });

  it("waits for the first scheduled time rather than polling at once", async () => {
    const { clock, checkTimesS, options } = harness();

    await poll(options(readyAt(0)));

    expect(clock.sleepsMs).toEqual([10_000]);
    expect(checkTimesS).toEqual([10]);
  });

  it("reports every observation with its number, elapsed time and state", async () => {
    const { observations, options } = harness();

    await poll(options(readyAt(20)));

    expect(observations).toEqual([
      { pollNumber: 1, elapsedMs: 10_000, state: "retry" },
      { pollNumber: 2, elapsedMs: 20_000, state: "success" },
    ]);
  });
});

describe("poll on a resumed wait", () => {
  it("polls once at once, then follows the schedule from there, without catching up missed polls", async () => {
    const { clock, checkTimesS, options } = harness(100_000);

    await poll(options(readyAt(150)));

    // AZURE's schedule runs …, 93, 105, 123, 150 s: the polls due before 100 s collapse into one.
    expect(checkTimesS).toEqual([100, 105, 123, 150]);
    expect(clock.sleepsMs).toEqual([5_000, 18_000, 27_000]);
  });

  it("waits for the first scheduled time when none is due yet", async () => {
    const { clock, checkTimesS, options } = harness(3_000);

    await poll(options(readyAt(0)));

    expect(clock.sleepsMs).toEqual([7_000]);
    expect(checkTimesS).toEqual([10]);
  });

  it("makes one poll, not a burst, after a check that outlasted several scheduled times", async () => {
    const { clock, checkTimesS, options } = harness();
    const slowOnce = (elapsedS: number): PollState<string> => {
      if (elapsedS === 10) clock.advance(25_000);
      return readyAt(46)(elapsedS);
    };

    await poll(options(slowOnce));

    // The check at 10 s ends at 35 s, past the 20 s and 30 s times: one poll at once, then the schedule's 40 s.
    expect(checkTimesS).toEqual([10, 35, 40, 46]);
  });
});

describe("poll at the deadline", () => {
  it("makes a last poll at the deadline when the next scheduled one falls after it, then times out", async () => {
    const { clock, checkTimesS, startedAtMs, options } = harness();

    const result = await poll(options(readyAt(Infinity), { deadlineAtMs: startedAtMs + 25_000 }));

    expect(checkTimesS).toEqual([10, 20, 25]);
    expect(clock.sleepsMs).toEqual([10_000, 10_000, 5_000]);
    expect(result).toEqual({
      outcome: "timeout",
      lastValue: "INITIATING",
      lastError: undefined,
      polls: 3,
      transientErrors: 0,
      elapsedMs: 25_000,
    });
  });

  it("makes no extra poll when a scheduled one falls on the deadline", async () => {
    const { checkTimesS, startedAtMs, options } = harness();

    const result = await poll(options(readyAt(Infinity), { deadlineAtMs: startedAtMs + 20_000 }));

    expect(checkTimesS).toEqual([10, 20]);
    expect(result.outcome).toBe("timeout");
  });

  it("gives a resumed wait whose deadline has passed one poll, at once", async () => {
    const { clock, checkTimesS, startedAtMs, options } = harness(100_000);

    const result = await poll(options(readyAt(Infinity), { deadlineAtMs: startedAtMs + 60_000 }));

    expect(checkTimesS).toEqual([100]);
    expect(clock.sleepsMs).toEqual([]);
    expect(result).toMatchObject({ outcome: "timeout", polls: 1, elapsedMs: 100_000 });
  });

  it("succeeds on the last poll at the deadline", async () => {
    const { checkTimesS, startedAtMs, options } = harness();

    const result = await poll(options(readyAt(25), { deadlineAtMs: startedAtMs + 25_000 }));

    expect(checkTimesS).toEqual([10, 20, 25]);
    expect(result).toMatchObject({ outcome: "success", polls: 3 });
  });
});

describe("poll outcomes", () => {
  it("counts transient errors and keeps to the schedule through them", async () => {
    const { checkTimesS, observations, options } = harness();
    const script = [
      (): PollState<string> => ({ state: "retry", value: "INITIATING" }),
      (): PollState<string> => {
        throw new TransientError("503 Service Unavailable");
      },
      (): PollState<string> => {
        throw new TransientError("socket hang up");
      },
      (): PollState<string> => ({ state: "success", value: "AVAILABLE" }),
    ];

    const result = await poll(options(scripted(script)));

    expect(result).toEqual({ outcome: "success", value: "AVAILABLE", polls: 4, transientErrors: 2, elapsedMs: 40_000 });
    expect(checkTimesS).toEqual([10, 20, 30, 40]);
    expect(observations).toEqual([
      { pollNumber: 1, elapsedMs: 10_000, state: "retry" },
      { pollNumber: 2, elapsedMs: 20_000, state: "error" },
      { pollNumber: 3, elapsedMs: 30_000, state: "error" },
      { pollNumber: 4, elapsedMs: 40_000, state: "success" },
    ]);
  });

  it("rethrows an error that is not transient, unchanged, and polls no more", async () => {
    const { checkTimesS, options } = harness();
    const fatal = new Error("401 Unauthorized");
    const seen: unknown[] = [];

    const waiting = poll(
      options(
        () => {
          throw fatal;
        },
        {
          isTransient: (error) => {
            seen.push(error);
            return false;
          },
        },
      ),
    );

    await expect(waiting).rejects.toBe(fatal);
    expect(seen).toEqual([fatal]);
    expect(checkTimesS).toEqual([10]);
  });

  it("returns a failure with its value and reason", async () => {
    const { options } = harness();
    const check = (elapsedS: number): PollState<string> =>
      elapsedS < 20
        ? { state: "retry", value: "INITIATING" }
        : { state: "failure", value: "FAILED", reason: "Atlas reports the endpoint service FAILED" };

    const result = await poll(options(check));

    expect(result).toEqual({
      outcome: "failure",
      value: "FAILED",
      reason: "Atlas reports the endpoint service FAILED",
      polls: 2,
      transientErrors: 0,
      elapsedMs: 20_000,
    });
  });

  it("times out with the last value, the last error and the counts", async () => {
    const { startedAtMs, checkTimesS, options } = harness();
    const outage = new TransientError("502 Bad Gateway");
    const script = [
      (): PollState<string> => ({ state: "retry", value: "INITIATING" }),
      (): PollState<string> => ({ state: "retry", value: "WAITING_FOR_USER" }),
      (): PollState<string> => {
        throw outage;
      },
      (): PollState<string> => ({ state: "retry" }),
    ];

    const result = await poll(
      options(scripted(script), {
        schedule: tabulatedSchedule([1], 1),
        deadlineAtMs: startedAtMs + 4_000,
      }),
    );

    expect(checkTimesS).toEqual([1, 2, 3, 4]);
    expect(result).toEqual({
      outcome: "timeout",
      lastValue: "WAITING_FOR_USER",
      lastError: outage,
      polls: 4,
      transientErrors: 1,
      elapsedMs: 4_000,
    });
  });

  it("rejects a start time that is not a number", async () => {
    const { options } = harness();

    await expect(poll(options(readyAt(0), { startedAtMs: Number.NaN }))).rejects.toThrow(
      new RangeError("startedAtMs must be a finite clock time in ms, got NaN"),
    );
  });
});

describe("poll when cancelled", () => {
  /** A clock whose sleeps never end on their own: only a cancelled wait gets past one. */
  const stuckClock = (): Clock & { sleeps: number } => {
    const clock = {
      sleeps: 0,
      now: () => 1_700_000_000_000,
      sleep: (): Promise<void> => {
        clock.sleeps += 1;
        return new Promise<void>(() => undefined);
      },
    };
    return clock;
  };

  it("ends a sleep in progress with a WaitCancelledError and polls no more", async () => {
    const clock = stuckClock();
    const controller = new AbortController();
    let checks = 0;
    const waiting = poll<string>({
      check: () => {
        checks += 1;
        return Promise.resolve({ state: "retry" });
      },
      isTransient: () => false,
      schedule: pollScheduleFor("AWS"),
      startedAtMs: clock.now(),
      deadlineAtMs: clock.now() + HOUR_MS,
      clock,
      signal: controller.signal,
    });
    await Promise.resolve();
    expect(clock.sleeps).toBe(1);
    controller.abort();
    await expect(waiting).rejects.toBeInstanceOf(WaitCancelledError);
    expect(checks).toBe(0);
  });

  it("abandons an observation in progress (its late answer is ignored)", async () => {
    const { options } = harness();
    const controller = new AbortController();
    let answer: ((state: PollState<string>) => void) | undefined;
    const waiting = poll(
      options(() => new Promise<PollState<string>>((resolve) => (answer = resolve)), { signal: controller.signal }),
    );
    await eventuallyTrue(() => answer !== undefined);
    controller.abort();
    await expect(waiting).rejects.toBeInstanceOf(WaitCancelledError);
    answer?.({ state: "success", value: "AVAILABLE" });
  });

  it("makes no poll at all when the signal is already aborted", async () => {
    const { options, checkTimesS } = harness();
    const controller = new AbortController();
    controller.abort();
    await expect(poll(options(readyAt(0), { signal: controller.signal }))).rejects.toThrow("the wait was cancelled");
    expect(checkTimesS).toEqual([]);
  });
});

/** Lets pending promise callbacks run until `condition` holds (at most 100 turns). */
async function eventuallyTrue(condition: () => boolean): Promise<void> {
  for (let turn = 0; turn < 100 && !condition(); turn += 1) await Promise.resolve();
  expect(condition()).toBe(true);
}

describe("systemClock", () => {
  it("sleeps on real time and reads the epoch clock", async () => {
    const beforeMs = Date.now();
    await systemClock.sleep(20);
    const afterMs = systemClock.now();
    expect(afterMs - beforeMs).toBeGreaterThanOrEqual(19);
    expect(Math.abs(afterMs - Date.now())).toBeLessThan(5);
  });
});
