// The integrity rules on a real database: hand-built traffic is verified (lib/integrity), the
// rule's window is evaluated from a watermark set by the test (its SQL reads the results 20
// minutes back), and the alert, or its absence on healthy traffic, is checked after raiseAlerts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ingestStream } from "@/lib/ingest/ingest";
import { closeIngestPool, withIngestTx } from "@/lib/ingest/pg-pool";
import { findOrCreateSource } from "@/lib/ingest/sources";
import { flushDerived } from "@/lib/ingest/derived";
import { raiseAlerts } from "@/lib/alerts/raise-alerts";
import { stopBoss } from "@/lib/jobs/boss";
import { runWindowedRules, WINDOW_LAG_MS } from "@/lib/detections/run-windowed";
import type { AnyWindowedRule } from "@/lib/detections/define-rule";
import { invalidateDetectionCache } from "@/lib/detections/settings";
import { INTEGRITY_DEFAULTS } from "@/lib/integrity/settings";
import { SETTLE_MINUTES, VERIFY_WATERMARK_ID } from "@/lib/detections/helpers/integrity";
import { verifyRange } from "@/lib/integrity/verify";
import stoppedCountersigning from "@/lib/detections/rules/countersign-integrity/stopped-countersigning";
import loggingGap from "@/lib/detections/rules/countersign-integrity/logging-gap";
import possibleRestart from "@/lib/detections/rules/countersign-integrity/possible-restart";
import { auditRecord, trafficRecord } from "../support/tailscale-records";
import { bucketAt, connection, pairOf, type Side } from "../support/integrity-records";

const MIN = 60_000;
const SETTLE = SETTLE_MINUTES * MIN;
let sourceId: number;
const ingest = (records: object[]) => ingestStream([Buffer.from(records.map((r) => JSON.stringify(r)).join("\n"))], { sourceId });
const verify = async (from: number, minutes: number) => {
  await flushDerived();
  return withIngestTx((c) => verifyRange(c, { from: new Date(from), to: new Date(from + minutes * MIN), settings: INTEGRITY_DEFAULTS }));
};

beforeAll(async () => {
  sourceId = (await findOrCreateSource(`integrity-detections-${Date.now()}`, "IMPORT")).id;
  await db.appSetting.deleteMany({ where: { key: "detections" } });
  invalidateDetectionCache();
});
afterAll(async () => {
  await stopBoss();
  await closeIngestPool();
});

/** Evaluates the rule's one window whose results span starts at `resultsFrom` (15-minute windows). */
async function evaluate(rule: AnyWindowedRule, resultsFrom: number) {
  const from = resultsFrom + SETTLE;
  await db.detectionWatermark.deleteMany({ where: { ruleId: rule.id } });
  await db.detectionWatermark.create({ data: { ruleId: rule.id, evaluatedTo: new Date(from), startedAt: new Date(from - 48 * 3_600_000) } });
  // The results were checked (verify() above, as the job would): its watermark has passed them.
  const checked = new Date(resultsFrom + 15 * MIN);
  await db.detectionWatermark.upsert({ where: { ruleId: VERIFY_WATERMARK_ID }, create: { ruleId: VERIFY_WATERMARK_ID, evaluatedTo: checked }, update: { evaluatedTo: checked } });
  const [run] = await runWindowedRules({ now: new Date(from + 15 * MIN + WINDOW_LAG_MS + 1000), rules: [rule] });
  expect(run!.windows).toBe(1);
  await raiseAlerts();
}
const alertsOf = (ruleId: string, dedupKey: string) => db.alert.findMany({ where: { ruleId, dedupKey } });

describe("Countersign.Integrity.StoppedCountersigning", () => {
  it("raises a High alert for a device whose counts drift, and none for its healthy neighbours", async () => {
    const drift = pairOf();
    const healthy = pairOf();
    const t = bucketAt(50);
    await ingest(connection(drift.a, drift.b, t, t + 15 * MIN, 30, (side, _w, e) => (side === "b" ? { ...e, rxPkts: Math.round(e.rxPkts / 2), rxBytes: Math.round(e.rxBytes / 2) } : e)));
    await ingest(connection(healthy.a, healthy.b, t, t + 15 * MIN, 30));
    await verify(t, 15);
    await evaluate(stoppedCountersigning, t);
    // Both ends of the drifting connection disagree; the alert names each device whose buckets mismatched.
    const alerts = await alertsOf(stoppedCountersigning.id, drift.b.node);
    expect(alerts.map((a) => a.severity)).toEqual(["HIGH"]);
    expect(await alertsOf(stoppedCountersigning.id, healthy.a.node)).toEqual([]);
    expect(await alertsOf(stoppedCountersigning.id, healthy.b.node)).toEqual([]);
  });

  it("blames the device that disagrees with all its peers, not the peers", async () => {
    const liar = pairOf().a;
    const peers = [pairOf().b, pairOf().b, pairOf().b].map((p, i) => ({ ...p, port: 8000 + i }));
    const t = bucketAt(51);
    for (const peer of peers) {
      // The liar reports half of what it sent to each peer.
      await ingest(connection(liar, peer, t, t + 15 * MIN, 30, (side, _w, e) => (side === "a" ? { ...e, txPkts: Math.round(e.txPkts / 2), txBytes: Math.round(e.txBytes / 2) } : e)));
    }
    await verify(t, 15);
    await evaluate(stoppedCountersigning, t);
    expect((await alertsOf(stoppedCountersigning.id, liar.node)).map((a) => a.severity)).toEqual(["HIGH"]);
    for (const peer of peers) expect(await alertsOf(stoppedCountersigning.id, peer.node)).toEqual([]);
  });

  it("raises a Critical alert for a device that went silent after flow logging was turned off", async () => {
    const { a, b } = pairOf();
    const t = bucketAt(52);
    await ingest(connection(a, b, t, t + 15 * MIN, 30, (side, w, e) => (side === "b" && w >= t + 4 * MIN ? null : e)));
    await ingest([auditRecord({ target: { id: "example.com", name: "example.com", type: "TAILNET", property: "NETWORK_FLOW_LOGGING" }, action: "DISABLE", old: true, new: false }, t + 3 * MIN)]);
    await verify(t, 15);
    await evaluate(stoppedCountersigning, t);
    const alerts = await alertsOf(stoppedCountersigning.id, b.node);
    expect(alerts.map((x) => x.severity)).toEqual(["CRITICAL"]);
    // a kept logging: its peer went silent, not it.
    expect(await alertsOf(stoppedCountersigning.id, a.node)).toEqual([]);
  });
});

describe("Countersign.Integrity.LoggingGap", () => {
  it("raises an alert for a device silent 17 minutes while its peer logged, not for a 3-minute pause", async () => {
    const long = pairOf();
    const short = pairOf();
    const t = bucketAt(54);
    await ingest(connection(long.a, long.b, t, t + 30 * MIN, 20, (side, w, e) => (side === "b" && w >= t + 5 * MIN && w < t + 22 * MIN ? null : e)));
    await ingest(connection(short.a, short.b, t, t + 30 * MIN, 20, (side, w, e) => (side === "b" && w >= t + 5 * MIN && w < t + 8 * MIN ? null : e)));
    await verify(t, 30);
    await evaluate(loggingGap, t + 15 * MIN);
    const alerts = await db.alert.findMany({ where: { ruleId: loggingGap.id, dedupKey: { startsWith: `device:${long.b.node}:` } } });
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.title).toContain("17 min");
    expect(await db.alert.count({ where: { ruleId: loggingGap.id, dedupKey: { startsWith: `device:${short.b.node}:` } } })).toBe(0);
  });

  it("raises an alert for a source that sent nothing for 40 minutes", async () => {
    const source = await findOrCreateSource(`integrity-gap-source-${Date.now()}`, "IMPORT");
    const m0 = bucketAt(56);
    await db.ingestMinute.createMany({ data: [0, 1, 41, 42].map((m) => ({ sourceId: source.id, minute: new Date(m0 + m * MIN), records: 3 })) });
    await evaluate(loggingGap, m0 + 30 * MIN - SETTLE);
    const alerts = await db.alert.findMany({ where: { ruleId: loggingGap.id, dedupKey: { startsWith: `source:${source.id}:` } } });
    expect(alerts.map((a) => a.title)).toEqual([`No records from source ${source.name} for 39 min`]);
  });
});

describe("Countersign.Integrity.PossibleRestart", () => {
  it("flags a device back from a new endpoint, not one back at the same endpoint", async () => {
    const moved = pairOf();
    const stayed = pairOf();
    const t = bucketAt(58);
    const physical = (peer: Side, device: Side, at: number, endpoint: string) =>
      trafficRecord({ node: peer.node, address: peer.address, at, physical: [{ src: `${device.address}:0`, dst: endpoint, txPkts: 5, txBytes: 500, rxPkts: 5, rxBytes: 500 }] });
    for (const [p, after] of [[moved, "198.51.100.7:41641"], [stayed, "203.0.113.9:41641"]] as const) {
      await ingest([...connection(p.a, p.b, t, t + 5 * MIN, 10), ...connection(p.a, p.b, t + 35 * MIN, t + 40 * MIN, 10)]);
      await ingest([physical(p.a, p.b, t + MIN, "203.0.113.9:41641"), physical(p.a, p.b, t + 36 * MIN, after)]);
    }
    await verify(t, 45);
    await evaluate(possibleRestart, t + 30 * MIN);
    const alerts = await db.alert.findMany({ where: { ruleId: possibleRestart.id, dedupKey: { startsWith: `${moved.b.node}:` } } });
    expect(alerts.map((a) => a.severity)).toEqual(["LOW"]);
    expect(alerts[0]!.title).toContain("198.51.100.7:41641");
    expect(await db.alert.count({ where: { ruleId: possibleRestart.id, dedupKey: { startsWith: `${stayed.b.node}:` } } })).toBe(0);
  });
});
