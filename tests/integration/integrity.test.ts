// Double-entry verification on a real database: hand-built record pairs go in through the
// pipeline, buckets are checked (verifyRange directly, or the job from its watermark), and the
// stored outcomes are read back. Every test uses its own addresses, node ids and time range.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ingestStream } from "@/lib/ingest/ingest";
import { closeIngestPool, withIngestTx } from "@/lib/ingest/pg-pool";
import { findOrCreateSource } from "@/lib/ingest/sources";
import { flushDerived } from "@/lib/ingest/derived";
import { stopBoss } from "@/lib/jobs/boss";
import { INTEGRITY_DEFAULTS } from "@/lib/integrity/settings";
import { verifyRange } from "@/lib/integrity/verify";
import { CHECK_LAG_MS, runVerification } from "@/lib/integrity/run-verification";
import { VERIFY_WATERMARK_ID } from "@/lib/detections/helpers/integrity";
import { trafficRecord } from "../support/tailscale-records";
import { bucketAt, connection, freshNet, node, pairOf, type Side } from "../support/integrity-records";

const MIN = 60_000;
const settings = INTEGRITY_DEFAULTS;
let sourceId: number;
const ingest = (records: object[]) => ingestStream([Buffer.from(records.map((r) => JSON.stringify(r)).join("\n"))], { sourceId });

beforeAll(async () => {
  sourceId = (await findOrCreateSource(`integrity-${Date.now()}`, "IMPORT")).id;
  await db.appSetting.deleteMany({ where: { key: "integrity" } });
});
afterAll(async () => {
  await stopBoss();
  await closeIngestPool();
});

const verify = (from: number, minutes: number) => withIngestTx((c) => verifyRange(c, { from: new Date(from), to: new Date(from + minutes * MIN), settings }));
const resultsOf = (address: string) =>
  db.$queryRaw<{ bucket: Date; outcome: string; silent_node_id: string | null }[]>`
    SELECT bucket, outcome::text, silent_node_id FROM integrity_pair_results WHERE low_ip = ${address}::inet OR high_ip = ${address}::inet ORDER BY bucket`;
const deviceBuckets = (nodeId: string) => db.integrityDeviceBucket.findMany({ where: { nodeId }, orderBy: { bucket: "asc" } });

describe("double-entry verification", () => {
  it("countersigns a connection both sides logged in unaligned windows", async () => {
    const { a, b } = pairOf();
    const t = bucketAt(30);
    await ingest(connection(a, b, t, t + 5 * MIN, 40));
    const summary = await verify(t, 5);
    expect(summary.buckets).toBe(5);
    expect(await resultsOf(a.address)).toEqual([]);
    const rows = await deviceBuckets(a.node);
    expect(rows).toHaveLength(5);
    expect(rows.every((r) => r.countersigned === 1 && r.mismatched === 0 && r.silent === 0 && r.peerSilent === 0)).toBe(true);
    expect((await deviceBuckets(b.node)).every((r) => r.countersigned === 1)).toBe(true);
  });

  it("reports a mismatch when one side's counts disagree beyond the tolerance", async () => {
    const { a, b } = pairOf();
    const t = bucketAt(31);
    // b under-reports what it received by a third from minute 2 on.
    await ingest(connection(a, b, t, t + 5 * MIN, 40, (side, w, e) => (side === "b" && w >= t + 2 * MIN ? { ...e, rxPkts: Math.round(e.rxPkts * 0.66), rxBytes: Math.round(e.rxBytes * 0.66) } : e)));
    await verify(t, 5);
    const results = await resultsOf(a.address);
    expect(results.map((r) => [r.bucket.getTime() - t, r.outcome])).toEqual([
      [2 * MIN, "MISMATCHED"],
      [3 * MIN, "MISMATCHED"],
      [4 * MIN, "MISMATCHED"],
    ]);
    expect((await deviceBuckets(b.node)).map((r) => r.mismatched)).toEqual([0, 0, 1, 1, 1]);
  });

  it("stays countersigned within the tolerance for packets in flight", async () => {
    const { a, b } = pairOf();
    const t = bucketAt(32);
    // b is 3 packets short in every window (12 a minute, under the 5 % of 2400).
    await ingest(connection(a, b, t, t + 3 * MIN, 40, (side, _w, e) => (side === "b" ? { ...e, rxPkts: Math.max(0, e.rxPkts - 1) } : e)));
    await verify(t, 3);
    expect(await resultsOf(a.address)).toEqual([]);
  });

  it("judges traffic logged without ports (ICMP) like any other, and a one-sided ping is stored", async () => {
    const { a, b } = pairOf();
    const t = bucketAt(34);
    // A pings B every 5 s for 3 minutes; B logs only the first two minutes of it. ICMP entries
    // carry bare addresses: the port is stored empty.
    const records: object[] = [];
    for (let w = t; w < t + 3 * MIN; w += 5_000) {
      records.push(trafficRecord({ node: a.node, address: a.address, at: w, virtual: [{ proto: 1, src: a.address, dst: b.address, txPkts: 5, txBytes: 420, rxPkts: 5, rxBytes: 420 }] }));
      if (w < t + 2 * MIN) records.push(trafficRecord({ node: b.node, address: b.address, at: w + 1_000, virtual: [{ proto: 1, src: b.address, dst: a.address, txPkts: 5, txBytes: 420, rxPkts: 5, rxBytes: 420 }] }));
    }
    await ingest(records);
    await verify(t, 3);
    const results = await resultsOf(a.address);
    expect(results.map((r) => [r.bucket.getTime() - t, r.outcome, r.silent_node_id])).toEqual([[2 * MIN, "ONE_SIDED", b.node]]);
    expect((await deviceBuckets(a.node)).map((r) => r.countersigned)).toEqual([1, 1, 0]);
  });

  it("reports one-sided traffic and which side is silent", async () => {
    const { a, b } = pairOf();
    const t = bucketAt(33);
    // b drops every record of minute 2 (windows starting in it).
    await ingest(connection(a, b, t, t + 5 * MIN, 40, (side, w, e) => (side === "b" && w >= t + 2 * MIN && w < t + 3 * MIN ? null : e)));
    await verify(t, 5);
    const results = await resultsOf(a.address);
    expect(results.map((r) => [r.bucket.getTime() - t, r.outcome, r.silent_node_id])).toEqual([[2 * MIN, "ONE_SIDED", b.node]]);
    expect((await deviceBuckets(b.node)).map((r) => r.silent)).toEqual([0, 0, 1, 0, 0]);
    expect((await deviceBuckets(a.node)).map((r) => r.peerSilent)).toEqual([0, 0, 1, 0, 0]);
  });

  it("names the silent side from the inventory when it never reported the connection", async () => {
    const { a, b } = pairOf();
    const t = bucketAt(34);
    // b is known (it reported subnet traffic an hour earlier) but logs nothing of the connection.
    await ingest([trafficRecord({ node: b.node, address: b.address, at: t - 60 * MIN, subnet: [{ proto: 6, src: `${b.address}:5000`, dst: "10.9.9.9:5432", txPkts: 3 }] })]);
    await flushDerived();
    await ingest(connection(a, b, t, t + 2 * MIN, 40, (side, _w, e) => (side === "b" ? null : e)));
    await verify(t, 2);
    const results = await resultsOf(a.address);
    expect(results.map((r) => [r.outcome, r.silent_node_id])).toEqual([
      ["ONE_SIDED", b.node],
      ["ONE_SIDED", b.node],
    ]);
  });

  it("reports subnet and exit traffic as single-sided, never as a failure", async () => {
    const net = freshNet();
    const router = node("IntRouter");
    const t = bucketAt(35);
    await ingest([0, 5000, 10_000].map((offset) =>
      trafficRecord({
        node: router,
        address: net(1),
        at: t + offset,
        subnet: [{ proto: 6, src: `${net(1)}:50412`, dst: "10.0.0.5:5432", txPkts: 12, txBytes: 1830, rxPkts: 10, rxBytes: 4410 }],
        exit: [{ src: `${net(1)}:0`, dst: "", txPkts: 300, txBytes: 41000, rxPkts: 420, rxBytes: 512000 }],
      }),
    ));
    const summary = await verify(t, 1);
    expect(summary.singleSided).toBeGreaterThanOrEqual(6);
    expect(await resultsOf(net(1))).toEqual([]);
    const [row] = await deviceBuckets(router);
    expect(row).toMatchObject({ singleSided: 6, entries: 6, countersigned: 0, mismatched: 0, silent: 0, peerSilent: 0 });
  });

  it("countersigns a burst whose windows straddle a bucket edge differently on each side", async () => {
    const { a, b } = pairOf();
    const t = bucketAt(36);
    const edge = t + MIN;
    const entry = (me: Side, peer: Side) => ({ proto: 6, src: `${me.address}:${me.port}`, dst: `${peer.address}:${peer.port}`, txPkts: 300, txBytes: 30000, rxPkts: 300, rxBytes: 30000 });
    // The same 300-packet burst: a's window is half before the edge, b's almost all after it.
    await ingest([
      trafficRecord({ node: a.node, address: a.address, at: edge - 2500, virtual: [entry(a, b)] }),
      trafficRecord({ node: b.node, address: b.address, at: edge - 100, virtual: [entry(b, a)] }),
    ]);
    await verify(t, 2);
    expect(await resultsOf(a.address)).toEqual([]);
    // Without its neighbour, the first bucket alone would not agree: 150 packets against 6.
    const mismatch = await withIngestTx(async (c) => {
      await verifyRange(c, { from: new Date(t), to: new Date(t + MIN), settings });
      return c.query(`SELECT 1 FROM integrity_pair_results WHERE low_ip = $1::inet`, [a.address]);
    });
    expect(mismatch.rowCount).toBe(0);
  });
});

describe("the verification job", () => {
  const setWatermark = async (at: number) => {
    await db.detectionWatermark.deleteMany({ where: { ruleId: VERIFY_WATERMARK_ID } });
    await db.detectionWatermark.create({ data: { ruleId: VERIFY_WATERMARK_ID, evaluatedTo: new Date(at) } });
  };
  /** `now` at which buckets up to `to` (exclusive) are due and no later. */
  const dueAt = (to: number) => new Date(to + MIN + CHECK_LAG_MS + 1000);

  it("checks each bucket once, across runs and a restart, skipping none", async () => {
    const { a, b } = pairOf();
    const t = bucketAt(12);
    await ingest(connection(a, b, t, t + 20 * MIN, 10));
    await setWatermark(t);
    const first = await runVerification({ now: dueAt(t + 7 * MIN), settings });
    expect(first.buckets).toBe(7);
    // The same clock again: nothing new to check.
    expect((await runVerification({ now: dueAt(t + 7 * MIN), settings })).buckets).toBe(0);
    // A worker stopped after 3 buckets (maxBuckets), then a new process carries on.
    expect((await runVerification({ now: dueAt(t + 20 * MIN), settings, maxBuckets: 3 })).buckets).toBe(3);
    const after = await runVerification({ now: dueAt(t + 20 * MIN), settings });
    expect(after.buckets).toBe(10);
    const rows = await db.integrityBucket.findMany({ where: { bucket: { gte: new Date(t), lt: new Date(t + 20 * MIN) } }, orderBy: { bucket: "asc" } });
    expect(rows.map((r) => r.bucket.getTime() - t)).toEqual(Array.from({ length: 20 }, (_, i) => i * MIN));
    expect(rows.every((r) => r.checks === 1)).toBe(true);
    expect((await db.detectionWatermark.findUnique({ where: { ruleId: VERIFY_WATERMARK_ID } }))!.evaluatedTo.getTime()).toBe(t + 20 * MIN);
    expect(await resultsOf(a.address)).toEqual([]);
  });

  it("after a long stop, catches up six hours a run, skipping no bucket", async () => {
    const t = Math.floor((Date.now() - 48 * 3_600_000) / MIN) * MIN;
    const end = t + 8 * 60 * MIN;
    await setWatermark(t);
    const first = await runVerification({ now: dueAt(end), settings });
    expect(first).toMatchObject({ buckets: 360, checkedFrom: new Date(t), checkedTo: new Date(t + 360 * MIN) });
    const second = await runVerification({ now: dueAt(end), settings });
    expect(second).toMatchObject({ buckets: 120, checkedFrom: new Date(t + 360 * MIN), checkedTo: new Date(end) });
    expect(await db.integrityBucket.count({ where: { bucket: { gte: new Date(t), lt: new Date(end) } } })).toBe(480);
  });

  it("re-checks a bucket when the silent side's records arrive late, within the grace period", async () => {
    const { a, b } = pairOf();
    const t = Math.floor((Date.now() - 6 * MIN) / MIN) * MIN;
    const records = connection(a, b, t, t + MIN, 20);
    const [late, onTime] = [records.filter((r) => (r as { nodeId: string }).nodeId === b.node), records.filter((r) => (r as { nodeId: string }).nodeId === a.node)];
    await ingest(onTime);
    await setWatermark(t);
    await runVerification({ now: new Date(), settings });
    // b was never seen: the silent side is known by its address only. a's last window straddles into the next bucket.
    expect((await resultsOf(a.address)).map((r) => [r.bucket.getTime() - t, r.outcome, r.silent_node_id])).toEqual([
      [0, "ONE_SIDED", null],
      [MIN, "ONE_SIDED", null],
    ]);

    await ingest(late);
    const run = await runVerification({ now: new Date(), settings });
    expect(run.rechecked).toBeGreaterThanOrEqual(1);
    expect(await resultsOf(a.address)).toEqual([]);
    expect((await db.integrityBucket.findUnique({ where: { bucket: new Date(t) } }))!.checks).toBe(2);
    // Nothing new arrived: the next run re-checks nothing.
    expect((await runVerification({ now: new Date(), settings })).rechecked).toBe(0);
  });

  it("leaves a bucket alone when its late records arrive after the grace period", async () => {
    const { a, b } = pairOf();
    const t = Math.floor((Date.now() - 40 * MIN) / MIN) * MIN;
    const records = connection(a, b, t, t + MIN, 20);
    await ingest(records.filter((r) => (r as { nodeId: string }).nodeId === a.node));
    await setWatermark(t);
    await runVerification({ now: new Date(), settings });
    await ingest(records.filter((r) => (r as { nodeId: string }).nodeId === b.node));
    await runVerification({ now: new Date(), settings });
    expect((await resultsOf(a.address)).map((r) => r.outcome)).toEqual(["ONE_SIDED", "ONE_SIDED"]);
    expect((await db.integrityBucket.findUnique({ where: { bucket: new Date(t) } }))!.checks).toBe(1);
  });
});
