/**
 * How an operation waits: its polls on the context's clock and the window's schedule (scaled for rehearsals), riding
 * out transient failures, and the progress lines it writes meanwhile. Both resources' waits go through here.
 */
import { isTransientFailure } from "../atlas/errors";
import type { OperationContext } from "../context/operation-context";
import { poll, type PollResult, type PollState, type WaitWindow } from "../wait/poller";
import { scaled } from "../wait/schedule";
import { isGone } from "./read-or-gone";

/** What one wait reports while it runs. */
export interface WaitProgress {
  /** Says once per status that Atlas answered a status this provider does not know (and keeps waiting). */
  readonly unknownStatus: (status: string) => void;
  /** True when the next observation writes a "still waiting" line. */
  readonly lineDue: () => boolean;
  /** Sets what the "still waiting" lines add after a colon: what is still missing, in the user's terms. */
  readonly setDetail: (detail: string | undefined) => void;
  /** For the poller: a "still waiting" line a minute at most, enough to show life in a CI log without drowning it. */
  readonly onObservation: (observation: { pollNumber: number; elapsedMs: number }) => void;
}

/** A minute between "still waiting" lines, scaled like the polls (a rehearsal against the emulator sees them too). */
const PROGRESS_LINE_EVERY_MS = 60_000;

/** The progress lines of one wait; `what` names what is waited for in the "still waiting" line, if anything. */
export function waitProgress(context: OperationContext, what?: string): WaitProgress {
  const reportedUnknown = new Set<string>();
  const lineEveryMs = PROGRESS_LINE_EVERY_MS * context.pollTimeScale;
  let lastLineAtMs = context.clock.now();
  let detail: string | undefined;
  const lineDue = (): boolean => context.clock.now() - lastLineAtMs >= lineEveryMs;
  return {
    lineDue,
    setDetail: (text) => {
      detail = text;
    },
    unknownStatus: (status) => {
      if (reportedUnknown.has(status)) return;
      reportedUnknown.add(status);
      context.log(
        `Atlas reports status ${JSON.stringify(status)}, which this provider does not know; treating it as still in progress`,
      );
    },
    onObservation: ({ pollNumber, elapsedMs }) => {
      if (!lineDue()) return;
      lastLineAtMs = context.clock.now();
      const subject = what === undefined ? "" : ` for ${what}`;
      const missing = detail === undefined ? "" : `: ${detail}`;
      context.log(`still waiting${subject} after ${Math.round(elapsedMs / 1000)} s (${pollNumber} polls)${missing}`);
    },
  };
}

/** Polls `check` within `window`, ending at once when the run is cancelled; `progress` reports each observation. */
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
    ...(context.signal === undefined ? {} : { signal: context.signal }),
    ...(progress === undefined ? {} : { onObservation: progress.onObservation }),
  });
}

/** What one observation of a resource's statuses adds up to. */
export type StatusVerdict =
  | { readonly kind: "ready" }
  | { readonly kind: "failed"; readonly reason: string }
  /** `unknown` holds a status this provider does not know, said once and waited out. */
  | { readonly kind: "pending"; readonly unknown?: string };

/**
 * Polls `observe` within `window` until `judge` calls the answer ready (success) or failed (failure, with Atlas'
 * reason), riding out transient errors; any other error (a 404) is thrown. Writes the wait's progress lines; `what`
 * names what is waited for in them, and `describe`, when given, says what is still missing at the end of each (it is
 * called only when a line is due, so it may ask Atlas more; it must not throw).
 */
export function waitForVerdict<T>(
  context: OperationContext,
  window: WaitWindow,
  observe: () => Promise<T>,
  judge: (answer: T) => StatusVerdict,
  what?: string,
  describe?: (answer: T) => Promise<string | undefined>,
): Promise<PollResult<T>> {
  const progress = waitProgress(context, what);
  return pollWithin<T>(
    context,
    window,
    async () => {
      const answer = await observe();
      const verdict = judge(answer);
      if (verdict.kind === "ready") return { state: "success", value: answer };
      if (verdict.kind === "failed") return { state: "failure", value: answer, reason: verdict.reason };
      if (verdict.unknown !== undefined) progress.unknownStatus(verdict.unknown);
      if (describe !== undefined && progress.lineDue()) progress.setDetail(await describe(answer));
      return { state: "retry", value: answer };
    },
    progress,
  );
}

/**
 * Polls `observe` within `window` until Atlas says it is gone ({@link isGone}: success), riding out transient errors.
 * `failed`, when given, ends the wait early with a failure for an answer that will never go away (a reason, or
 * `undefined`); `gone`, when given, ends it with success for an answer that means gone although Atlas still answers.
 */
export function waitUntilGone<T>(
  context: OperationContext,
  window: WaitWindow,
  observe: () => Promise<T>,
  failed: (answer: T) => string | undefined = () => undefined,
  gone: (answer: T) => boolean = () => false,
): Promise<PollResult<T | undefined>> {
  return pollWithin<T | undefined>(context, window, async () => {
    try {
      const answer = await observe();
      if (gone(answer)) return { state: "success", value: answer };
      const reason = failed(answer);
      return reason === undefined ? { state: "retry", value: answer } : { state: "failure", value: answer, reason };
    } catch (error) {
      if (isGone(error)) return { state: "success", value: undefined };
      throw error;
    }
  });
}
