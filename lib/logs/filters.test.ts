import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor, flowTimeBounds, parseNetwork, parseTime, timeBounds, ZAuditEventFilter, ZDeviceFilter, ZFlowFilter, ZFlowSummaryFilter } from "./filters";

describe("parseTime", () => {
  it("reads days, local UTC times and offsets", () => {
    expect(parseTime("2026-11-21")).toEqual({ at: new Date("2026-11-21T00:00:00Z"), isDay: true });
    expect(parseTime("2026-11-21T14:05")?.at.toISOString()).toBe("2026-11-21T14:05:00.000Z");
    expect(parseTime("2026-11-21 14:05:06.789123456Z")?.at.toISOString()).toBe("2026-11-21T14:05:06.789Z");
    expect(parseTime("2026-11-21T14:05:00+02:00")?.at.toISOString()).toBe("2026-11-21T12:05:00.000Z");
    expect(parseTime("2026-11-21T14:05:00-0530")?.at.toISOString()).toBe("2026-11-21T19:35:00.000Z");
  });

  it("refuses what is not a real time", () => {
    for (const bad of ["2026-02-31", "2026-13-01", "2026-11-21T25:00", "1969-12-31", "tomorrow", "2026-11-21T10:00+19:00", "20261121", "", "2026-11-21'; DROP TABLE x"]) {
      expect(parseTime(bad), bad).toBeNull();
    }
  });
});

describe("timeBounds", () => {
  const now = new Date("2026-11-21T12:00:00Z");
  it("takes a whole day for a date-only `to`, a range back from now, and `from` over a range", () => {
    const f = ZAuditEventFilter.parse({ to: "2026-11-20" });
    expect(timeBounds(f, now)).toEqual({ from: undefined, until: new Date("2026-11-21T00:00:00Z") });
    expect(timeBounds(ZAuditEventFilter.parse({ range: "24h" }), now).from).toEqual(new Date("2026-11-20T12:00:00Z"));
    expect(timeBounds(ZAuditEventFilter.parse({ range: "24h", from: "2026-01-01" }), now).from).toEqual(new Date("2026-01-01T00:00:00Z"));
    expect(timeBounds(ZAuditEventFilter.parse({ to: "2026-11-20T10:00" }), now).until).toEqual(new Date("2026-11-20T10:00:00.001Z"));
  });
});

describe("flowTimeBounds", () => {
  const now = new Date("2026-11-21T12:00:00Z");
  it("always has a start: the last hour by default, the hour before `to`, or the range before `to`", () => {
    expect(flowTimeBounds(ZFlowFilter.parse({}), now)).toEqual({ from: new Date("2026-11-21T11:00:00Z"), until: undefined });
    expect(flowTimeBounds(ZFlowFilter.parse({ to: "2026-11-20T10:00" }), now).from).toEqual(new Date("2026-11-20T09:00:00.001Z"));
    expect(flowTimeBounds(ZFlowFilter.parse({ range: "24h", to: "2026-11-19" }), now)).toEqual({ from: new Date("2026-11-19T00:00:00Z"), until: new Date("2026-11-20T00:00:00Z") });
    expect(flowTimeBounds(ZFlowFilter.parse({ from: "2026-11-01", range: "1h" }), now).from).toEqual(new Date("2026-11-01T00:00:00Z"));
  });

  it("summary filters take no page position", () => {
    expect(ZFlowSummaryFilter.safeParse({ before: "1_1" }).data).toEqual({});
    expect(Object.keys(ZFlowSummaryFilter.shape)).not.toContain("before");
  });
});

describe("parseNetwork", () => {
  it("accepts addresses and networks of both families", () => {
    expect(parseNetwork("100.64.0.1")).toBe("100.64.0.1");
    expect(parseNetwork("100.64.0.0/10")).toBe("100.64.0.0/10");
    expect(parseNetwork("fd7a:115c:a1e0::/48")).toBe("fd7a:115c:a1e0::/48");
    for (const bad of ["100.64.0.0/33", "::/129", "999.1.1.1", "host.example", "1.2.3.4/8/8", "1.2.3.4/-1", "/8", "1.2.3.4:80"]) expect(parseNetwork(bad), bad).toBeNull();
  });
});

describe("cursors", () => {
  it("round-trip and refuse what they did not make", () => {
    const c = { micros: 1_795_000_000_123_456n, key: -9_223_372_036_854_775_808n };
    expect(decodeCursor(encodeCursor(c))).toEqual(c);
    for (const bad of ["", "1", "1_", "_1", "1_9223372036854775808", "abc_1", "1_1_1", "-1_1"]) expect(decodeCursor(bad), bad).toBeNull();
  });
});

describe("filters", () => {
  it("normalise what people type", () => {
    expect(ZAuditEventFilter.parse({ action: " disable ", eventGroup: "ABC123", q: "", failed: "true" })).toEqual({ action: "DISABLE", eventGroup: "abc123", failed: "true" });
    expect(ZFlowFilter.parse({ proto: "UDP", kind: "exit", port: "53" })).toEqual({ proto: 17, kind: "EXIT", port: 53 });
    expect(ZFlowFilter.parse({ proto: "58" }).proto).toBe(58);
  });

  it("refuse hostile and mistyped values with a message", () => {
    const bad: [typeof ZFlowFilter | typeof ZAuditEventFilter | typeof ZDeviceFilter, Record<string, unknown>][] = [
      [ZAuditEventFilter, { action: "DROP TABLE" }],
      [ZAuditEventFilter, { actor: "a\u0000b" }],
      [ZAuditEventFilter, { q: "x".repeat(201) }],
      [ZAuditEventFilter, { failed: "maybe" }],
      [ZAuditEventFilter, { range: "1y" }],
      [ZAuditEventFilter, { limit: "0" }],
      [ZAuditEventFilter, { limit: "501" }],
      [ZAuditEventFilter, { before: "not-a-cursor" }],
      [ZAuditEventFilter, { eventGroup: "xyz" }],
      [ZAuditEventFilter, { action: ["A", "B"] }],
      [ZFlowFilter, { proto: "carrier-pigeon" }],
      [ZFlowFilter, { proto: "256" }],
      [ZFlowFilter, { kind: "TELEPATHY" }],
      [ZFlowFilter, { port: "1.5" }],
      [ZFlowFilter, { port: "http" }],
      [ZFlowFilter, { ip: "1.2.3.4'--" }],
      [ZDeviceFilter, { status: "gone" }],
      [ZDeviceFilter, { page: "0" }],
    ];
    for (const [schema, input] of bad) {
      const result = schema.safeParse(input);
      expect(result.success, JSON.stringify(input)).toBe(false);
      expect(result.error!.issues[0]!.message.length).toBeGreaterThan(5);
    }
  });
});
