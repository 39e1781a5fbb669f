import { setTimeout as delay } from "node:timers/promises";

import { throwIfCancelled, unlessCancelled } from "./cancelled";
import type { PollSchedule } from "./schedule";

/**
 * One observation, as judged by the caller: done (`success`), done and never going to succeed (`failure`, with a
 * reason a user can act on), or not yet (`retry`, optionally with what was seen, which a timeout reports).
 */
export type PollState<T> =
  { state: "success"; value: T } | { state: "failure"; value: T; reason: string } | { state: "retry"; value?: T };

/** Time, injected so tests run a whole wait in microseconds and assert exact poll times. */
export interface Clock {
  /** The current time in milliseconds, on the same scale as `startedAtMs` and `deadlineAtMs` (epoch for the system). */
  now(): number;
  /** Resolves after `ms` milliseconds. */
  sleep(ms: number): Promise<void>;
}

/** The real clock: `Date.now()`, so start and deadline times can be stored and a wait resumed in another process. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => delay(ms),
};

/** When a wait started (the request it follows) and when it must give up, both clock times in ms, and its schedule. */
export interface WaitWindow {
  readonly startedAtMs: number;
  readonly deadlineAtMs: number;
  readonly schedule: PollSchedule;
}

/** How to wait: what to observe, which errors to ride out, and when to look. */
export interface PollOptions<T> {
  /** Makes one observation. Called once per poll, never concurrently with itself. */
  check: () => Promise<PollState<T>>;
  /**
   * Whether an error thrown by `check` is transient: a transient error is counted and polling goes on; any other is
   * rethrown unchanged, because only the caller knows what it means.
   */
  isTransient: (error: unknown) => boolean;
  /** When to poll, counted from `startedAtMs`. The poller follows it exactly. */
  schedule: PollSchedule;
  /**
   * Clock time the schedule counts from: the request that started the wait. May lie in the past (a resumed wait):
   * then a poll that is already due is made at once, and the schedule is followed from there, one poll at a time,
   * never a burst to catch up.
   */
  startedAtMs: number;
  /**
   * Clock time after which the wait gives up. The poller never sleeps past it, and when the next scheduled poll would
   * fall after it, makes one last poll at it. A deadline already past still gets that one poll.
   */
  deadlineAtMs: number;
  /** Defaults to {@link systemClock}. */
  clock?: Clock;
  /**
   * Ends the wait when aborted, at once: a sleep or an observation in progress is abandoned and the poll throws a
   * `WaitCancelledError` (`./cancelled`).
   */
  signal?: AbortSignal;
  /** Called after every observation, for logs and progress; `elapsedMs` is when the poll started, since `startedAtMs`. */
  onObservation?: (observation: {
    pollNumber: number;
    elapsedMs: number;
    state: "success" | "failure" | "retry" | "error";
  }) => void;
}

/**
 * How a wait ended, with counts of every observation so a timeout can be diagnosed. `polls` counts calls to `check`
 * (including those that threw a transient error, also counted in `transientErrors`); requests the caller made inside
 * one call, such as its own retries, are not seen here. `elapsedMs` is the clock time at the end minus `startedAtMs`.
 */
export type PollResult<T> =
  | { outcome: "success"; value: T; polls: number; transientErrors: number; elapsedMs: number }
  | { outcome: "failure"; value: T; reason: string; polls: number; transientErrors: number; elapsedMs: number }
  | {
      outcome: "timeout";
      /** The most recent value a `retry` carried, if any did. */
      lastValue: T | undefined;
      /** The most recent transient error, if any; later good observations do not clear it. */
      lastError: unknown;
      polls: number;
      transientErrors: number;
      elapsedMs: number;
    };

function requireFiniteTime(name: string, value: number): void {
  if (!Number.isFinite(value)) throw new RangeError(`${name} must be a finite clock time in ms, got ${value}`);
}

/**
 * Polls `check` on `schedule` until it reports success or failure, or the deadline passes. The first poll is at the
 * schedule's first time, not at once (the request that started the wait has only just been made), unless it is
 * already due.
 *
 * @returns A tagged result; a timeout is a result, not an error, so the caller words the message for its resource.
 * @throws Whatever `check` throws that `isTransient` does not accept, unchanged; RangeError for non-finite times;
 *   `WaitCancelledError` once `signal` is aborted.
 */
export async function poll<T>(options: PollOptions<T>): Promise<PollResult<T>> {
  const { check, isTransient, schedule, startedAtMs, deadlineAtMs, onObservation, signal } = options;
  const clock = options.clock ?? systemClock;
  requireFiniteTime("startedAtMs", startedAtMs);
  requireFiniteTime("deadlineAtMs", deadlineAtMs);

  let polls = 0;
  let transientErrors = 0;
  let lastValue: T | undefined;
  let lastError: unknown;
  // The schedule time of the last poll made (or of the start): the next poll is the schedule's first time after it.
  let cursorMs = 0;

  for (;;) {
    const dueAtMs = startedAtMs + schedule.nextPollAtMs(cursorMs);
    const pollAtMs = Math.min(dueAtMs, deadlineAtMs);
    const nowMs = clock.now();
    throwIfCancelled(signal);
    if (pollAtMs > nowMs) await unlessCancelled(clock.sleep(pollAtMs - nowMs), signal);

    const elapsedMs = clock.now() - startedAtMs;
    // A poll made late (resumed wait, slow check) moves the cursor to when it happened, so missed times are skipped
    // rather than made up in a burst; one made a little early still counts as the scheduled one.
    cursorMs = Math.max(dueAtMs - startedAtMs, elapsedMs);
    polls += 1;

    let observed: PollState<T> | undefined;
    try {
      observed = await unlessCancelled(check(), signal);
    } catch (error: unknown) {
      if (!isTransient(error)) throw error;
      transientErrors += 1;
      lastError = error;
    }
    onObservation?.({ pollNumber: polls, elapsedMs, state: observed?.state ?? "error" });

    const endMs = clock.now();
    const counts = { polls, transientErrors, elapsedMs: endMs - startedAtMs };
    if (observed?.state === "success") return { outcome: "success", value: observed.value, ...counts };
    if (observed?.state === "failure") {
      return { outcome: "failure", value: observed.value, reason: observed.reason, ...counts };
    }
    if (observed !== undefined && "value" in observed) lastValue = observed.value;
    // A poll aimed at the deadline is the last one even if a real timer woke a millisecond early.
    if (endMs >= deadlineAtMs || pollAtMs >= deadlineAtMs)
      return { outcome: "timeout", lastValue, lastError, ...counts };
  }
}
