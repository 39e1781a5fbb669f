import type { ProviderName } from "../../regions/regions";
import {
  PROVISIONING_PROFILES,
  connectionStringsPollSchedule,
  deletePollSchedule,
  pollScheduleFor,
  pollTimesS,
  scheduleForProfile,
  tabulatedSchedule,
  updatePollSchedule,
  type ClusterActivity,
  type PollSchedule,
} from "../../provider/wait/schedule";

const PROVIDERS: readonly ProviderName[] = ["AWS", "AZURE", "GCP"];
const TWO_HOURS_S = 7200;

const SCHEDULES: readonly (readonly [string, PollSchedule])[] = [
  ...PROVIDERS.map((provider) => [provider, pollScheduleFor(provider)] as const),
  ["update", updatePollSchedule()],
  ["delete", deletePollSchedule()],
];

/** The promise under test, written out rather than imported so loosening it in the code fails here. */
function boundS(readyAtS: number): number {
  return Math.max(10, 0.5 * readyAtS);
}

function firstAtOrAfterS(timesS: readonly number[], readyAtS: number): number {
  const found = timesS.find((timeS) => timeS >= readyAtS);
  if (found === undefined) throw new Error(`no poll at or after ${readyAtS} s`);
  return found;
}

function gapsS(timesS: readonly number[]): number[] {
  return timesS.slice(1).map((timeS, i) => timeS - (timesS[i] ?? NaN));
}

describe.each(SCHEDULES)("the %s schedule", (_name, schedule) => {
  const timesS = pollTimesS(schedule, TWO_HOURS_S);

  it("notices every whole-second ready time from 1 s to 2 h within max(10 s, 50% of T)", () => {
    const violations: string[] = [];
    for (let readyAtS = 1; readyAtS <= TWO_HOURS_S; readyAtS += 1) {
      const overshootS = firstAtOrAfterS(timesS, readyAtS) - readyAtS;
      if (overshootS > boundS(readyAtS)) violations.push(`T=${readyAtS} s: overshoot ${overshootS} s`);
    }
    expect(violations).toEqual([]);
  });

  it("keeps the bound for a ready time just after each poll, where the overshoot is largest", () => {
    const violations = [0, ...timesS.slice(0, -1)].flatMap((pollS) => {
      const readyAtS = pollS + 0.001;
      const overshootS = firstAtOrAfterS(timesS, readyAtS) - readyAtS;
      return overshootS > boundS(readyAtS) ? [`after ${pollS} s: overshoot ${overshootS} s`] : [];
    });
    expect(violations).toEqual([]);
  });

  it("is strictly increasing", () => {
    expect(gapsS(timesS).filter((gapS) => gapS <= 0)).toEqual([]);
  });

  it("answers with the first poll strictly after any elapsed time", () => {
    timesS.forEach((timeS, i) => {
      const timeMs = timeS * 1000;
      expect(schedule.nextPollAtMs(timeMs - 0.5)).toBe(timeMs);
      expect(schedule.nextPollAtMs(timeMs - 1)).toBe(timeMs);
      if (i + 1 < timesS.length) expect(schedule.nextPollAtMs(timeMs)).toBe((timesS[i + 1] ?? NaN) * 1000);
    });
  });

  it("gives the same times on every call", () => {
    expect(pollTimesS(schedule, TWO_HOURS_S)).toEqual(timesS);
  });
});

describe("create schedules", () => {
  it("poll AZURE at 10, 20, 30, 40 s, every 6 s to the bulk, every 3 s through it, then back off to a minute", () => {
    expect(pollTimesS(pollScheduleFor("AZURE"), 311)).toEqual([
      10, 20, 30, 40, 46, 50, 53, 56, 59, 62, 65, 68, 71, 74, 77, 80, 85, 93, 105, 123, 150, 191, 251, 311,
    ]);
  });

  it("approach AWS as sparsely as the bound allows: 10, 20, 30 s, then each gap half the time elapsed", () => {
    expect(pollTimesS(pollScheduleFor("AWS"), 140)).toEqual([10, 20, 30, 45, 67, 100, 140]);
  });

  it.each(PROVIDERS)("notice a %s ready time in the bulk of its profile within 3 s", (provider) => {
    const { bulkStartS, bulkEndS } = PROVISIONING_PROFILES[provider];
    const timesS = pollTimesS(pollScheduleFor(provider), bulkEndS + 60);
    const late: string[] = [];
    for (let readyAtS = bulkStartS + 0.5; readyAtS <= bulkEndS; readyAtS += 0.5) {
      const overshootS = firstAtOrAfterS(timesS, readyAtS) - readyAtS;
      if (overshootS >= 3) late.push(`T=${readyAtS} s: ${overshootS} s`);
    }
    expect(late).toEqual([]);
  });

  it.each(PROVIDERS)(
    "leave %s at most a minute between polls past its bulk, and settle on once a minute",
    (provider) => {
      const { bulkEndS } = PROVISIONING_PROFILES[provider];
      const timesS = pollTimesS(pollScheduleFor(provider), TWO_HOURS_S);
      const tailGaps = gapsS(timesS.filter((timeS) => timeS >= bulkEndS));
      expect(Math.max(...tailGaps)).toBe(60);
      expect(tailGaps.slice(-20)).toEqual(Array.from({ length: 20 }, () => 60));
    },
  );

  it("reject a provider outside the known three", () => {
    expect(() => pollScheduleFor("OCI" as ProviderName)).toThrow(
      new RangeError("provider must be one of AWS, AZURE, GCP, got OCI"),
    );
  });
});

describe("update and delete schedules", () => {
  it.each([
    ["update", updatePollSchedule()],
    ["delete", deletePollSchedule()],
  ])("poll a %s at 2, 6, 14 s, then within the bound up to every 15 s", (_name, schedule) => {
    expect(pollTimesS(schedule, 81)).toEqual([2, 6, 14, 24, 36, 51, 66, 81]);
  });
});

describe("the connection strings schedule", () => {
  /** Poll times (s) as a poller makes them: each time the first after the last, with `activity` read before each. */
  function run(activityAtS: (atS: number) => ClusterActivity, untilS: number): number[] {
    let atS = 0;
    const schedule = connectionStringsPollSchedule(() => activityAtS(atS));
    const timesS: number[] = [];
    while (atS < untilS) {
      atS = schedule.nextPollAtMs(atS * 1000) / 1000;
      timesS.push(atS);
    }
    return timesS;
  }

  it("polls a steady cluster at 2, 6, 14, 24 s, then every 10 s (the official provider's pace)", () => {
    expect(run(() => "steady", 60)).toEqual([2, 6, 14, 24, 34, 44, 54, 64]);
  });

  it("polls every 1.5 s while the cluster moves, and falls back when it settles", () => {
    expect(run((atS) => (atS < 6 ? "moving" : "steady"), 30)).toEqual([1.5, 3, 4.5, 6, 14, 24, 34]);
  });

  it("polls a change fast for 10 minutes at most, then every 10 s", () => {
    const timesS = run(() => "moving", 620);
    expect(timesS.filter((t) => t <= 600)).toHaveLength(400);
    expect(timesS.slice(398)).toEqual([598.5, 600, 604, 614, 624]);
  });

  it("starts a new fast phase for a new change", () => {
    const moving = (atS: number): boolean => atS < 3 || (atS >= 34 && atS < 37);
    expect(run((atS) => (moving(atS) ? "moving" : "steady"), 50)).toEqual([1.5, 3, 6, 14, 24, 34, 35.5, 37, 44, 54]);
  });
});

describe("scheduleForProfile", () => {
  it("rejects a bulk that starts before the earliest-ready time", () => {
    expect(() => scheduleForProfile({ earliestReadyS: 100, bulkStartS: 90, bulkEndS: 200 })).toThrow(
      new RangeError("bulkStartS must be at least earliestReadyS (100), got 90"),
    );
  });

  it("rejects a bulk that ends before it starts", () => {
    expect(() => scheduleForProfile({ earliestReadyS: 100, bulkStartS: 120, bulkEndS: 120 })).toThrow(
      new RangeError("bulkEndS must be greater than bulkStartS (120), got 120"),
    );
  });

  it("cuts the tail's growth to the bound for a profile much faster than any measured", () => {
    const schedule = scheduleForProfile({ earliestReadyS: 3, bulkStartS: 4, bulkEndS: 9 });
    // The tail's growth (5, 8, 12, 18, … s) is cut to half the elapsed time from 34 s until a minute fits.
    expect(pollTimesS(schedule, 231)).toEqual([3, 4, 7, 10, 15, 23, 34, 51, 76, 114, 171, 231]);
  });
});

describe("tabulatedSchedule", () => {
  it("polls at the given times, then at the fixed interval", () => {
    expect(pollTimesS(tabulatedSchedule([5, 10, 20], 10), 40)).toEqual([5, 10, 20, 30, 40]);
  });

  it("answers the first table time for an elapsed time before the start", () => {
    expect(tabulatedSchedule([5, 10], 10).nextPollAtMs(-3000)).toBe(5000);
  });

  it("rejects times that do not increase", () => {
    expect(() => tabulatedSchedule([5, 5], 10)).toThrow(
      new RangeError("headTimesS must be finite, positive and strictly increasing, got 5 at index 1"),
    );
  });

  it("rejects an interval that is not positive", () => {
    expect(() => tabulatedSchedule([5], 0)).toThrow(
      new RangeError("thenEveryS must be a positive finite number of seconds, got 0"),
    );
  });

  it("rejects an elapsed time that is not a number", () => {
    expect(() => tabulatedSchedule([5], 5).nextPollAtMs(Number.NaN)).toThrow(
      new RangeError("elapsedMs must be a finite number, got NaN"),
    );
  });
});

describe("pollTimesS", () => {
  it("ends with the first poll at or after untilS", () => {
    const schedule = tabulatedSchedule([5, 10, 20], 10);
    expect(pollTimesS(schedule, 30)).toEqual([5, 10, 20, 30]);
    expect(pollTimesS(schedule, 30.5)).toEqual([5, 10, 20, 30, 40]);
  });

  it("refuses a schedule that does not move forward", () => {
    const stuck: PollSchedule = { nextPollAtMs: () => 5000 };
    expect(() => pollTimesS(stuck, 60)).toThrow(
      new RangeError("schedule did not move forward: after 5000 ms it gave 5000 ms"),
    );
  });
});
