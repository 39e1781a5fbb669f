import { createDigestSigner, type DigestSigner } from "../../provider/atlas/digest";
import { DigestLanes } from "../../provider/atlas/digest-lanes";

describe("DigestLanes", () => {
  const opener = (): { open: () => DigestSigner; opened: DigestSigner[] } => {
    const opened: DigestSigner[] = [];
    return {
      opened,
      open: () => {
        const lane = createDigestSigner("user", "secret");
        opened.push(lane);
        return lane;
      },
    };
  };

  it("opens a lane only while every open lane is busy, up to the bound", async () => {
    const { open, opened } = opener();
    const lanes = new DigestLanes(open, 2);
    const first = await lanes.acquire();
    lanes.release(first);
    expect(await lanes.acquire()).toBe(first); // reused, not a second lane
    const second = await lanes.acquire();
    expect(second).not.toBe(first);
    expect(opened).toEqual([first, second]);
    expect(lanes.size).toBe(2);
  });

  it("hands a released lane to the longest waiter, one holder at a time", async () => {
    const { open } = opener();
    const lanes = new DigestLanes(open, 1);
    const only = await lanes.acquire();
    const order: number[] = [];
    const waiters = [1, 2].map((n) =>
      lanes.acquire().then((lane) => {
        order.push(n);
        return lane;
      }),
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual([]);
    lanes.release(only);
    expect(await waiters[0]).toBe(only);
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual([1]);
    lanes.release(only);
    expect(await waiters[1]).toBe(only);
    expect(order).toEqual([1, 2]);
    expect(lanes.size).toBe(1);
  });

  it("refuses a bound that is not a whole number of at least one, naming it", () => {
    expect(() => new DigestLanes(opener().open, 0)).toThrow("maxLanes must be a whole number ≥ 1, got 0");
  });
});
