/** A clock the test moves by hand, passed to `startEmulator({ now })`. */
export interface FakeClock {
  readonly now: () => number;
  advance(ms: number): void;
}

/** A fake clock starting at a fixed, realistic instant. */
export function fakeClock(start = Date.parse("2026-08-10T03:03:04Z")): FakeClock {
  let t = start;
  return {
    now: () => t,
    advance(ms) {
      t += ms;
    },
  };
}
