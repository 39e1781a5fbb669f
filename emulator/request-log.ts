/** How a request authenticated, judged by its `Authorization` scheme. */
export type AuthScheme = "digest" | "bearer" | "basic" | "none";

/** One non-control request the emulator answered (or dropped: status 0). */
export interface RequestLogEntry {
  /** 1, 2, 3… in arrival order. */
  readonly seq: number;
  readonly method: string;
  /** Path including the query string, as sent. */
  readonly path: string;
  /** Status sent; 0 when the connection was dropped or left hanging. */
  readonly status: number;
  readonly auth: AuthScheme;
  /** ISO time of arrival (by the emulator's clock). */
  readonly time: string;
  readonly durationMs: number;
  /** `<fault id> <kind>` when a scripted fault fired, e.g. `f1 drop-before`. */
  readonly fault?: string;
  /** The `{groupId}` of the path, when it has one. */
  readonly projectId?: string;
}

/** Entries kept at most; the oldest go first, so a long soak run cannot exhaust memory. */
const MAX_ENTRIES = 10_000;

/** The request log behind `GET /__emulator/requests`. */
export class RequestLog {
  #entries: RequestLogEntry[] = [];
  #seq = 0;

  /** The next sequence number (taken when a request arrives, so the log keeps arrival order). */
  nextSeq(): number {
    this.#seq += 1;
    return this.#seq;
  }

  /** Records a finished request. */
  add(entry: RequestLogEntry): void {
    // Requests can finish out of order (delays, hangs); insert by sequence number, almost always at the end.
    let at = this.#entries.length;
    while (at > 0 && (this.#entries[at - 1]?.seq ?? 0) > entry.seq) at -= 1;
    this.#entries.splice(at, 0, entry);
    if (this.#entries.length > MAX_ENTRIES) this.#entries.splice(0, this.#entries.length - MAX_ENTRIES);
  }

  /** Every kept entry, oldest first. */
  entries(): RequestLogEntry[] {
    return [...this.#entries];
  }

  /** Empties the log; numbering starts again at 1. */
  clear(): void {
    this.#entries = [];
    this.#seq = 0;
  }
}
