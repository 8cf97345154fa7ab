import { describe, expect, it } from "vitest";
import { firstCursor, isDue, LAG_MS, planWindows, retryAfterMs } from "./schedule";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const now = new Date("2026-11-21T12:00:00.000Z");
const at = (ms: number) => new Date(now.getTime() + ms);

describe("firstCursor", () => {
  it("starts the backfill window before now, within the retention of the log type", () => {
    expect(firstCursor("configuration", 24, now)).toEqual(at(-DAY));
    expect(firstCursor("network", 24, now)).toEqual(at(-DAY));
    expect(firstCursor("network", 90 * 24, now).getTime()).toBeGreaterThan(at(-30 * DAY).getTime());
    expect(firstCursor("configuration", 90 * 24, now).getTime()).toBeGreaterThan(at(-90 * DAY).getTime());
    expect(firstCursor("configuration", 90 * 24, now).getTime()).toBeLessThan(at(-89 * DAY).getTime());
  });
});

describe("planWindows", () => {
  it("covers cursor to now minus the lag in contiguous windows of at most the type's size", () => {
    const windows = planWindows("network", at(-3 * HOUR - 30 * MINUTE), now);
    expect(windows.map((w) => [w.start.getTime() - now.getTime(), w.end.getTime() - now.getTime()])).toEqual([
      [-210 * MINUTE, -150 * MINUTE],
      [-150 * MINUTE, -90 * MINUTE],
      [-90 * MINUTE, -30 * MINUTE],
      [-30 * MINUTE, -LAG_MS],
    ]);
    expect(planWindows("configuration", at(-3 * DAY), now)).toHaveLength(3);
  });

  it("asks for nothing when the cursor is already within the lag", () => {
    expect(planWindows("configuration", at(-LAG_MS), now)).toEqual([]);
    expect(planWindows("configuration", at(-MINUTE), now)).toEqual([]);
  });

  it("skips what has left Tailscale's retention", () => {
    const windows = planWindows("network", at(-40 * DAY), now);
    expect(windows[0]!.start.getTime()).toBeGreaterThan(at(-30 * DAY).getTime());
    expect(windows.at(-1)!.end).toEqual(at(-LAG_MS));
  });
});

describe("isDue", () => {
  const state = (o: Partial<Parameters<typeof isDue>[0] & object> = {}) => ({ cursor: at(-LAG_MS - MINUTE), lastRunAt: at(-MINUTE), lastError: null, retryAt: null, ...o });

  it("runs a first time, then once per interval (with slack for the minute job)", () => {
    expect(isDue(null, now, 5)).toEqual({ isDue: true });
    expect(isDue(state(), now, 5)).toMatchObject({ isDue: false, waitingFor: "interval", until: at(4 * MINUTE) });
    expect(isDue(state({ lastRunAt: at(-5 * MINUTE + 5_000) }), now, 5)).toEqual({ isDue: true });
    expect(isDue(state(), now, 1)).toEqual({ isDue: true });
  });

  it("continues at once a run that stopped behind without error, not one that failed", () => {
    expect(isDue(state({ cursor: at(-3 * HOUR) }), now, 5)).toEqual({ isDue: true });
    expect(isDue(state({ cursor: at(-3 * HOUR), lastError: "HTTP 500" }), now, 5)).toMatchObject({ isDue: false });
  });

  it("honours Retry-After even when forced; force ignores the interval only", () => {
    expect(isDue(state({ retryAt: at(30_000) }), now, 5, true)).toEqual({ isDue: false, waitingFor: "retry-after", until: at(30_000) });
    expect(isDue(state({ retryAt: at(-1) }), now, 5, true)).toEqual({ isDue: true });
    expect(isDue(state(), now, 5, true)).toEqual({ isDue: true });
  });
});

describe("retryAfterMs", () => {
  it("reads seconds and HTTP dates, bounded to a second and an hour", () => {
    expect(retryAfterMs("2", now)).toBe(2000);
    expect(retryAfterMs("0", now)).toBe(1000);
    expect(retryAfterMs("86400", now)).toBe(HOUR);
    expect(retryAfterMs(new Date(now.getTime() + 90_000).toUTCString(), now)).toBe(90_000);
    expect(retryAfterMs(null, now)).toBeNull();
    expect(retryAfterMs("soon", now)).toBeNull();
    expect(retryAfterMs("-5", now)).toBeNull();
  });
});
