import { describe, expect, it } from "vitest";
import { bucketSecondsFor, fillBuckets } from "./flow-buckets";

const HOUR = 3_600_000;

describe("bucketSecondsFor", () => {
  it("takes a minute for an hour, an hour for a week, a day for 90 days", () => {
    expect(bucketSecondsFor(HOUR)).toBe(60);
    expect(bucketSecondsFor(3 * HOUR)).toBe(60);
    expect(bucketSecondsFor(3 * HOUR + 1)).toBe(300);
    expect(bucketSecondsFor(24 * HOUR)).toBe(900);
    expect(bucketSecondsFor(7 * 24 * HOUR)).toBe(3600);
    expect(bucketSecondsFor(30 * 24 * HOUR)).toBe(6 * 3600);
    expect(bucketSecondsFor(90 * 24 * HOUR)).toBe(86_400);
    expect(bucketSecondsFor(5 * 365 * 24 * HOUR)).toBe(86_400);
    expect(bucketSecondsFor(0)).toBe(60);
  });
});

describe("fillBuckets", () => {
  it("gives every bucket of the span, zeros where nothing was sent, and keeps sums outside it", () => {
    const from = new Date("2026-11-21T10:00:30Z");
    const until = new Date("2026-11-21T10:03:00Z");
    const sums = new Map([
      [Date.parse("2026-11-21T10:01:00Z"), { txBytes: 5, rxBytes: 7 }],
      [Date.parse("2026-11-21T10:07:00Z"), { txBytes: 1, rxBytes: 0 }],
    ]);
    expect(fillBuckets(sums, from, until, 60)).toEqual([
      { start: "2026-11-21T10:00:00.000Z", txBytes: 0, rxBytes: 0 },
      { start: "2026-11-21T10:01:00.000Z", txBytes: 5, rxBytes: 7 },
      { start: "2026-11-21T10:02:00.000Z", txBytes: 0, rxBytes: 0 },
      { start: "2026-11-21T10:07:00.000Z", txBytes: 1, rxBytes: 0 },
    ]);
    expect(fillBuckets(new Map(), until, until, 60)).toHaveLength(1);
  });
});
