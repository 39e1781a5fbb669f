/** A held operation and how many more answered requests it waits for. */
interface HeldWrite {
  readonly afterSeq: number;
  remaining: number;
  readonly run: () => void;
}

/**
 * Writes that land late: operations whose connection was dropped without an answer (a fault with `landsAfter`), held
 * until a given number of later requests have been answered, then carried out. This is how a POST completes in Atlas
 * after its client gave up on it and looked for what it made.
 */
export class LateWrites {
  #pending: HeldWrite[] = [];

  /** Holds `run` (the operation of request `seq`) until `requests` later requests have been answered. */
  add(seq: number, requests: number, run: () => void): void {
    this.#pending.push({ afterSeq: seq, remaining: requests, run });
  }

  /**
   * Called once request `seq` has been answered (or dropped), the held one included: counts it for the writes held
   * before it, and carries out those now due (a write held for 0 requests lands right after its own was dropped).
   */
  answered(seq: number): void {
    const due: HeldWrite[] = [];
    for (const entry of this.#pending) {
      if (seq > entry.afterSeq) entry.remaining -= 1;
      if (entry.remaining <= 0) due.push(entry);
    }
    this.#pending = this.#pending.filter((entry) => !due.includes(entry));
    for (const entry of due) entry.run();
  }

  /** How many writes are still held. */
  get size(): number {
    return this.#pending.length;
  }

  /** Forgets every held write (reset). */
  clear(): void {
    this.#pending = [];
  }
}
