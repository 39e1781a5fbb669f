/**
 * How an operation waits: its polls on the context's clock and the window's schedule (scaled for rehearsals), riding
 * out transient failures, and the progress lines it writes meanwhile. Both resources' waits go through here.
 */
import { isTransientFailure } from "../atlas/errors";
import type { OperationContext } from "../context/operation-context";
import { poll, type PollResult, type PollState, type WaitWindow } from "../wait/poller";
import { scaled } from "../wait/schedule";

/** What one wait reports while it runs. */
export interface WaitProgress {
  /** Says once per status that Atlas answered a status this provider does not know (and keeps waiting). */
  readonly unknownStatus: (status: string) => void;
  /** For the poller: a "still waiting" line a minute at most, enough to show life in a CI log without drowning it. */
  readonly onObservation: (observation: { pollNumber: number; elapsedMs: number }) => void;
}

const PROGRESS_LINE_EVERY_MS = 60_000;

/** The progress lines of one wait; `what` names what is waited for in the "still waiting" line, if anything. */
export function waitProgress(context: OperationContext, what?: string): WaitProgress {
  const reportedUnknown = new Set<string>();
  let lastLineAtMs = context.clock.now();
  return {
    unknownStatus: (status) => {
      if (reportedUnknown.has(status)) return;
      reportedUnknown.add(status);
      context.log(
        `Atlas reports status ${JSON.stringify(status)}, which this provider does not know; treating it as still in progress`,
      );
    },
    onObservation: ({ pollNumber, elapsedMs }) => {
      if (context.clock.now() - lastLineAtMs < PROGRESS_LINE_EVERY_MS) return;
      lastLineAtMs = context.clock.now();
      const subject = what === undefined ? "" : ` for ${what}`;
      context.log(`still waiting${subject} after ${Math.round(elapsedMs / 1000)} s (${pollNumber} polls)`);
    },
  };
}

/** Polls `check` within `window`; `progress`, when given, reports each observation. */
export function pollWithin<T>(
  context: OperationContext,
  window: WaitWindow,
  check: () => Promise<PollState<T>>,
  progress?: WaitProgress,
): Promise<PollResult<T>> {
  return poll<T>({
    check,
    isTransient: isTransientFailure,
    schedule: scaled(window.schedule, context.pollTimeScale),
    startedAtMs: window.startedAtMs,
    deadlineAtMs: window.deadlineAtMs,
    clock: context.clock,
    ...(progress === undefined ? {} : { onObservation: progress.onObservation }),
  });
}
