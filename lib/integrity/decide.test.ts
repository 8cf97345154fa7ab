import { describe, expect, it } from "vitest";
import { agrees, decide, sidesAgree, sqlAgrees, type Sides } from "./decide";

const t = { packets: 10, ratio: 0.05 };
/** Low sent `lowTx` (high received `highRx`), high sent `highTx` (low received `lowRx`); 100 bytes a packet. */
const sides = (lowTx: number, highRx: number, highTx = lowTx, lowRx = highTx): Sides => ({
  lowTxPkts: lowTx, highRxPkts: highRx, highTxPkts: highTx, lowRxPkts: lowRx,
  lowTxBytes: lowTx * 100, highRxBytes: highRx * 100, highTxBytes: highTx * 100, lowRxBytes: lowRx * 100,
});
const zero = sides(0, 0, 0, 0);

describe("agrees", () => {
  it("allows the absolute allowance or the ratio of the larger count, whichever is more", () => {
    expect(agrees(0, 10, 10, 0.05)).toBe(true);
    expect(agrees(0, 11, 10, 0.05)).toBe(false);
    expect(agrees(1000, 950, 10, 0.05)).toBe(true);
    expect(agrees(1000, 949, 10, 0.05)).toBe(false);
  });
  it("judges both directions and bytes too", () => {
    expect(sidesAgree(sides(100, 100, 50, 50), t)).toBe(true);
    expect(sidesAgree(sides(100, 100, 50, 20), t)).toBe(false);
    expect(sidesAgree({ ...sides(100, 100), highRxBytes: 40_000 }, t)).toBe(false);
  });
  it("has a SQL twin that refuses what is not a tolerance", () => {
    expect(sqlAgrees("a", "b", 10, 0.05)).toBe("(abs((a) - (b)) <= greatest(10, 0.05 * greatest(a, b)))");
    expect(() => sqlAgrees("a", "b", Number.NaN, 0.05)).toThrow();
    expect(() => sqlAgrees("a", "b", -1, 0.05)).toThrow();
  });
});

describe("decide", () => {
  it("countersigns a bucket whose sides agree", () => {
    expect(decide({ own: sides(500, 498), lowEntries: 12, highEntries: 12 }, t)).toEqual({ outcome: "COUNTERSIGNED", silent: null });
  });
  it("countersigns a bucket that agrees only merged with a neighbour (windows straddling the edge)", () => {
    const own = sides(150, 6, 0, 0);
    const next = sides(150, 294, 0, 0);
    expect(decide({ own, lowEntries: 1, highEntries: 0 }, t).outcome).toBe("ONE_SIDED");
    expect(decide({ own, next, lowEntries: 1, highEntries: 0 }, t).outcome).toBe("COUNTERSIGNED");
    expect(decide({ own, prev: next, lowEntries: 1, highEntries: 0 }, t).outcome).toBe("COUNTERSIGNED");
    expect(decide({ own, prev: zero, next: zero, lowEntries: 1, highEntries: 0 }, t).outcome).toBe("ONE_SIDED");
  });
  it("reports one-sided traffic with the quieter side as the silent one", () => {
    expect(decide({ own: sides(0, 400, 0, 300), lowEntries: 0, highEntries: 12 }, t)).toEqual({ outcome: "ONE_SIDED", silent: "low" });
    expect(decide({ own: sides(400, 0, 300, 0), lowEntries: 12, highEntries: 0 }, t)).toEqual({ outcome: "ONE_SIDED", silent: "high" });
  });
  it("reports a mismatch when both sides logged and disagree", () => {
    expect(decide({ own: sides(400, 200), lowEntries: 12, highEntries: 12 }, t)).toEqual({ outcome: "MISMATCHED", silent: null });
  });
});
