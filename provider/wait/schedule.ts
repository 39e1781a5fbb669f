import type { ProviderName } from "../../regions/regions";

/**
 * When to look again while waiting for Atlas, as a pure function of the time since the request that started the wait.
 *
 * The waiter uses exactly this function, so the times it publishes (see {@link pollTimesS}) are the times it polls.
 */
export interface PollSchedule {
  /**
   * The time, in milliseconds since the request that started the wait (the POST), of the first poll strictly after
   * `elapsedMs`. Pure and deterministic: no randomness, no clock. Always greater than `elapsedMs`.
   *
   * @throws RangeError when `elapsedMs` is not a finite number.
   */
  nextPollAtMs(elapsedMs: number): number;
}

/**
 * The shape of one provider's provisioning-time distribution, in seconds from the create (POST) to the first answer
 * showing `AVAILABLE`. Rounded shape numbers, not samples: the schedule is derived from where the distribution starts,
 * where its bulk lies and where its tail begins, so a handful of new samples does not move it.
 */
export interface ProvisioningProfile {
  /** Before this, an endpoint service is almost never ready: polls are as sparse as the overshoot bound allows. */
  readonly earliestReadyS: number;
  /** Where the bulk of the distribution begins: polls from here on are 3 s apart. */
  readonly bulkStartS: number;
  /** Where the tail begins: polls from here on back off geometrically, up to one a minute. */
  readonly bulkEndS: number;
}

/**
 * Per-provider profiles, from the Atlas CLI's recorded end-to-end runs (`data/atlas/provisioning-times.json`,
 * 2025-03 … 2026-08, about 110 runs per provider, about 4 s resolution; percentiles by linear interpolation between
 * closest ranks). One rule for all three, so no number is tuned to a sample:
 * `earliestReadyS` = p1 rounded down to 10 s, `bulkStartS` = p10 rounded down to 10 s, `bulkEndS` = p95 rounded up
 * to 10 s.
 */
export const PROVISIONING_PROFILES: Readonly<Record<ProviderName, ProvisioningProfile>> = {
  // p1 45, p10 50, p95 78 (median 59).
  AZURE: { earliestReadyS: 40, bulkStartS: 50, bulkEndS: 80 },
  // p1 146, p10 153, p95 186.6 (median 168); a few runs take 18-25 min, which the tail covers.
  AWS: { earliestReadyS: 140, bulkStartS: 150, bulkEndS: 190 },
  // p1 224.1, p10 242.9, p95 362.9 (median 274.5): the widest bulk, and a run of about 25 min.
  GCP: { earliestReadyS: 220, bulkStartS: 240, bulkEndS: 370 },
};

/**
 * The promise every schedule keeps: whenever Atlas becomes ready, at `T` seconds, the next poll comes at most
 * max(10 s, 50 % of T) later. A floor, because a few seconds late is nothing on a short wait; a fraction, because an
 * Atlas that is much faster or slower than the profile should never leave a wait far behind a fixed schedule.
 */
const OVERSHOOT_FLOOR_S = 10;
const OVERSHOOT_FRACTION = 0.5;

/**
 * Spacing before the bulk, between the earliest-ready time and the bulk start: few runs finish there, so twice the
 * bulk spacing buys most of the benefit for half the polls.
 */
const LEADING_EDGE_INTERVAL_S = 6;

/**
 * Spacing through the bulk. With ready times spread evenly relative to a d-second grid the overshoot is uniform on
 * [0, d), so its p90 is about 0.9·d; a third of Terraform's p90 (8-9 s on the recorded runs) needs d of 3 s.
 */
const BULK_INTERVAL_S = 3;

/** Growth of the interval per poll in the tail: long waits cost few polls. */
const TAIL_GROWTH = 1.5;

/**
 * The longest interval in the tail: a 30-minute wait is still noticed within a minute, at about one request a minute,
 * far below Atlas' rate limits. (The approach before the earliest-ready time answers to the overshoot bound alone.)
 */
const TAIL_MAX_INTERVAL_S = 60;

/**
 * Update (PATCH) and delete waits: no recorded timings exist for them (the recordings stop at the DELETE's 202), so a
 * plain backoff: 2 s, then intervals doubling (4 s, 8 s, …) up to 15 s, within the overshoot bound.
 */
const CHANGE_FIRST_POLL_S = 2;
const CHANGE_GROWTH = 2;
const CHANGE_MAX_INTERVAL_S = 15;

/** The longest gap after a poll at `atS` that keeps the overshoot bound for every ready time just after it. */
function boundedGapAfterS(atS: number): number {
  return Math.max(OVERSHOOT_FLOOR_S, Math.floor(atS * OVERSHOOT_FRACTION));
}

/**
 * Poll times as a finite table followed by a fixed interval. Every schedule here has that shape, which keeps
 * {@link PollSchedule.nextPollAtMs} a binary search and makes the tail's bound easy to reason about.
 */
class TabulatedSchedule implements PollSchedule {
  private readonly headMs: readonly number[];
  private readonly lastHeadMs: number;
  private readonly thenEveryMs: number;

  constructor(headTimesS: readonly number[], thenEveryS: number) {
    const first = headTimesS[0];
    if (first === undefined) throw new RangeError("headTimesS must hold at least one poll time, got none");
    headTimesS.forEach((timeS, index) => {
      const previousS = index === 0 ? 0 : (headTimesS[index - 1] ?? 0);
      if (!Number.isFinite(timeS) || timeS <= previousS) {
        throw new RangeError(
          `headTimesS must be finite, positive and strictly increasing, got ${timeS} at index ${index}`,
        );
      }
    });
    if (!Number.isFinite(thenEveryS) || thenEveryS <= 0) {
      throw new RangeError(`thenEveryS must be a positive finite number of seconds, got ${thenEveryS}`);
    }
    this.headMs = headTimesS.map((timeS) => timeS * 1000);
    this.lastHeadMs = (headTimesS[headTimesS.length - 1] ?? first) * 1000;
    this.thenEveryMs = thenEveryS * 1000;
  }

  nextPollAtMs(elapsedMs: number): number {
    if (!Number.isFinite(elapsedMs)) throw new RangeError(`elapsedMs must be a finite number, got ${elapsedMs}`);
    if (elapsedMs < this.lastHeadMs) {
      // First table entry strictly after elapsedMs; the loop invariant is headMs[high] > elapsedMs.
      let low = 0;
      let high = this.headMs.length - 1;
      while (low < high) {
        const middle = (low + high) >> 1;
        if ((this.headMs[middle] ?? Infinity) > elapsedMs) high = middle;
        else low = middle + 1;
      }
      return this.headMs[high] ?? this.lastHeadMs;
    }
    const periods = Math.floor((elapsedMs - this.lastHeadMs) / this.thenEveryMs) + 1;
    return this.lastHeadMs + periods * this.thenEveryMs;
  }
}

/**
 * Appends polls whose interval grows from `gapS` by `growth` up to `maxIntervalS`, each kept within the overshoot
 * bound, and stops once a fixed `maxIntervalS` keeps the bound by itself from then on.
 */
function growToCap(timesS: number[], gapS: number, growth: number, maxIntervalS: number): TabulatedSchedule {
  let atS = timesS[timesS.length - 1] ?? 0;
  let wantedGapS = gapS;
  while (wantedGapS < maxIntervalS || boundedGapAfterS(atS) < maxIntervalS) {
    wantedGapS = Math.min(maxIntervalS, Math.ceil(wantedGapS * growth));
    atS += Math.min(wantedGapS, boundedGapAfterS(atS));
    timesS.push(atS);
  }
  return new TabulatedSchedule(timesS, maxIntervalS);
}

function validateProfile(profile: ProvisioningProfile): void {
  const { earliestReadyS, bulkStartS, bulkEndS } = profile;
  if (!Number.isFinite(earliestReadyS) || earliestReadyS <= 0) {
    throw new RangeError(`earliestReadyS must be a positive number of seconds, got ${earliestReadyS}`);
  }
  if (!Number.isFinite(bulkStartS) || bulkStartS < earliestReadyS) {
    throw new RangeError(`bulkStartS must be at least earliestReadyS (${earliestReadyS}), got ${bulkStartS}`);
  }
  if (!Number.isFinite(bulkEndS) || bulkEndS <= bulkStartS) {
    throw new RangeError(`bulkEndS must be greater than bulkStartS (${bulkStartS}), got ${bulkEndS}`);
  }
}

/**
 * The create-wait schedule for a provisioning profile: as sparse as the overshoot bound allows until the earliest-ready
 * time (10 s, 20 s, 30 s, then each gap half the time elapsed), every 6 s up to the bulk, every 3 s through it, then
 * intervals growing by half each poll up to 60 s. All times are whole seconds when the profile's are.
 *
 * @throws RangeError when the profile is not ordered `0 < earliestReadyS ≤ bulkStartS < bulkEndS`.
 */
export function scheduleForProfile(profile: ProvisioningProfile): PollSchedule {
  validateProfile(profile);
  const timesS: number[] = [];
  let atS = 0;
  const step = (wantedGapS: number, notBeyondS = Infinity): void => {
    atS = Math.min(atS + Math.min(wantedGapS, boundedGapAfterS(atS)), notBeyondS);
    timesS.push(atS);
  };
  // Landing exactly on earliestReadyS and bulkStartS starts each closer spacing where the profile says it should.
  while (atS < profile.earliestReadyS) step(Infinity, profile.earliestReadyS);
  while (atS < profile.bulkStartS) step(LEADING_EDGE_INTERVAL_S, profile.bulkStartS);
  while (atS < profile.bulkEndS) step(BULK_INTERVAL_S);
  return growToCap(timesS, BULK_INTERVAL_S, TAIL_GROWTH, TAIL_MAX_INTERVAL_S);
}

const CREATE_SCHEDULES: Readonly<Record<ProviderName, PollSchedule>> = {
  AWS: scheduleForProfile(PROVISIONING_PROFILES.AWS),
  AZURE: scheduleForProfile(PROVISIONING_PROFILES.AZURE),
  GCP: scheduleForProfile(PROVISIONING_PROFILES.GCP),
};

/**
 * The schedule for waiting until a new endpoint service on `provider` is `AVAILABLE`, counted from the create (POST).
 *
 * @throws RangeError for a provider name outside {@link ProviderName} (possible from untyped callers).
 */
export function pollScheduleFor(provider: ProviderName): PollSchedule {
  const schedule = Object.prototype.hasOwnProperty.call(CREATE_SCHEDULES, provider)
    ? CREATE_SCHEDULES[provider]
    : undefined;
  if (schedule === undefined) {
    throw new RangeError(`provider must be one of AWS, AZURE, GCP, got ${String(provider)}`);
  }
  return schedule;
}

function changeSchedule(): PollSchedule {
  return growToCap([CHANGE_FIRST_POLL_S], CHANGE_FIRST_POLL_S, CHANGE_GROWTH, CHANGE_MAX_INTERVAL_S);
}

const UPDATE_SCHEDULE = changeSchedule();
const DELETE_SCHEDULE = changeSchedule();
const REGISTRATION_SCHEDULE = changeSchedule();

/**
 * The schedule for waiting after an update (PATCH), counted from the PATCH: 2 s, 6 s, 14 s, 24 s, 36 s, then every
 * 15 s. The 10 s and 12 s steps after 14 s and 24 s, where doubling would give 16 s, are the overshoot bound at work.
 */
export function updatePollSchedule(): PollSchedule {
  return UPDATE_SCHEDULE;
}

/**
 * The schedule for waiting until a deleted endpoint service is gone, counted from the DELETE. The same backoff as
 * {@link updatePollSchedule}, kept separate so either can follow measurements once there are some.
 */
export function deletePollSchedule(): PollSchedule {
  return DELETE_SCHEDULE;
}

/**
 * The schedule for waits around registering a cloud endpoint (the registration becoming `AVAILABLE`, a service
 * becoming able to accept it, a deleted one answering 404), counted from the request that started the wait. Atlas'
 * registration times were never recorded, so no profile exists: the same backoff as {@link updatePollSchedule}
 * (2 s, 6 s, 14 s, 24 s, 36 s, then every 15 s), kept separate so it can follow measurements once there are some.
 */
export function registrationPollSchedule(): PollSchedule {
  return REGISTRATION_SCHEDULE;
}

/** Terraform's wait after a regional mode change: its first look 30 s after the PATCH, then every 15 s. */
const REGIONAL_MODE_SCHEDULE = new TabulatedSchedule([30], 15);

/**
 * The schedule for waiting, after a change of the project's regional mode, until every cluster is `IDLE`, counted from
 * the PATCH: 30 s, then every 15 s. Atlas puts clusters through the change asynchronously, so an early look could
 * find them all `IDLE` before their change began: the first look waits as long as Terraform's does ("give time for
 * cluster connection strings to be updated"), and the interval is Terraform's too. No timings were ever recorded.
 */
export function regionalModePollSchedule(): PollSchedule {
  return REGIONAL_MODE_SCHEDULE;
}

/** Whether Atlas is changing a cluster, as the last answer showed (`UPDATING`, or an entry there but not yet `IDLE`). */
export type ClusterActivity = "moving" | "steady";

/**
 * While Atlas changes the cluster, a poll every 1.5 s: Atlas publishes the strings when the change ends, at a moment
 * nothing announces, and a 1.5 s grid notices it within 1.35 s nine times in ten (the promise is 2 s, and the margin
 * is for the network). For at most 10 minutes of one change: a cluster changed for longer (resized, upgraded) is
 * polled as a steady one.
 */
const MOVING_INTERVAL_MS = 1500;
const MOVING_FAST_FOR_MS = 10 * 60_000;
/**
 * While nothing moves (the endpoints are not linked yet, or a region has none), 2 s, then intervals doubling up to
 * 10 s, the official provider's pace: where Atlas publishes without a change phase, never later than it.
 */
const STEADY_SCHEDULE = growToCap([CHANGE_FIRST_POLL_S], CHANGE_FIRST_POLL_S, CHANGE_GROWTH, 10);

/**
 * The schedule for waiting until a cluster publishes the private connection strings of given endpoints, counted from
 * the start of the wait. Unlike the others it follows what the wait sees, through `activity` (read before each poll):
 * every 1.5 s while the cluster is `moving` (for the first 10 minutes of a change), else 2 s, 6 s, 14 s, 24 s, then
 * every 10 s. One instance per wait: it remembers when the current change was first seen.
 */
export function connectionStringsPollSchedule(activity: () => ClusterActivity): PollSchedule {
  let movingSinceMs: number | undefined;
  return {
    nextPollAtMs(elapsedMs) {
      if (!Number.isFinite(elapsedMs)) throw new RangeError(`elapsedMs must be a finite number, got ${elapsedMs}`);
      if (activity() === "moving") {
        movingSinceMs ??= elapsedMs;
        if (elapsedMs - movingSinceMs < MOVING_FAST_FOR_MS) return elapsedMs + MOVING_INTERVAL_MS;
      } else {
        movingSinceMs = undefined;
      }
      return STEADY_SCHEDULE.nextPollAtMs(elapsedMs);
    },
  };
}

/**
 * A schedule that polls at the given times, then every `thenEveryS` after the last of them. For fixed schedules
 * (other tools' behaviour, tests).
 *
 * @param headTimesS Poll times in seconds since the start of the wait: positive and strictly increasing.
 * @param thenEveryS The interval after the last of `headTimesS`, in seconds.
 * @throws RangeError when the times are empty, not increasing, or the interval is not positive.
 */
export function tabulatedSchedule(headTimesS: readonly number[], thenEveryS: number): PollSchedule {
  return new TabulatedSchedule(headTimesS, thenEveryS);
}

/**
 * The poll times of `schedule`, in seconds since the start of the wait, from the first poll up to and including the
 * first poll at or after `untilS`, so every ready time up to `untilS` has the poll that notices it in the list.
 *
 * @throws RangeError when `untilS` is not finite, or when the schedule does not move forward.
 */
export function pollTimesS(schedule: PollSchedule, untilS: number): number[] {
  if (!Number.isFinite(untilS)) throw new RangeError(`untilS must be a finite number of seconds, got ${untilS}`);
  const untilMs = untilS * 1000;
  const timesS: number[] = [];
  let atMs = 0;
  do {
    const nextMs = schedule.nextPollAtMs(atMs);
    if (!(nextMs > atMs)) throw new RangeError(`schedule did not move forward: after ${atMs} ms it gave ${nextMs} ms`);
    atMs = nextMs;
    timesS.push(atMs / 1000);
  } while (atMs < untilMs);
  return timesS;
}

/** The schedule stretched or shrunk in time (a scale below 1 only for rehearsals against an emulator). */
export function scaled(schedule: PollSchedule, scale: number): PollSchedule {
  if (scale === 1) return schedule;
  return { nextPollAtMs: (elapsedMs) => schedule.nextPollAtMs(elapsedMs / scale) * scale };
}
