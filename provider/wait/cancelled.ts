/**
 * Cancellation of a wait: a run that is cancelled (the engine's `Cancel`) ends its waits at once, whatever they were
 * doing (sleeping, or waiting for an observation), and each caller turns that into what it means for its resource.
 */

/** Thrown by a wait whose signal was aborted. */
export class WaitCancelledError extends Error {
  override readonly name = "WaitCancelledError";
  constructor() {
    super("the wait was cancelled");
  }
}

/** True for a {@link WaitCancelledError}, also from another copy of this module. */
export function isWaitCancelled(error: unknown): error is WaitCancelledError {
  return error instanceof WaitCancelledError || (error instanceof Error && error.name === "WaitCancelledError");
}

/** Throws a {@link WaitCancelledError} when `signal` is aborted. */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) throw new WaitCancelledError();
}

/**
 * `work`, unless `signal` is aborted first: then a {@link WaitCancelledError} at once. Abandoned work runs on and
 * its outcome is ignored (only reads and sleeps are raced this way).
 */
export function unlessCancelled<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return work;
  if (signal.aborted) {
    work.catch(() => undefined);
    return Promise.reject(new WaitCancelledError());
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => {
      work.catch(() => undefined);
      reject(new WaitCancelledError());
    };
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        // Passed on unchanged, whatever the work threw.
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
        reject(error);
      },
    );
  });
}
