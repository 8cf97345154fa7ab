// Gaps and restarts on a real database: a device that stops logging while its peer keeps going,
// a source that goes quiet, and a device that comes back from a new physical endpoint.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ingestStream } from "@/lib/ingest/ingest";
import { closeIngestPool, withIngestTx } from "@/lib/ingest/pg-pool";
import { findOrCreateSource } from "@/lib/ingest/sources";
import { flushDerived } from "@/lib/ingest/derived";
import { stopBoss } from "@/lib/jobs/boss";
import { INTEGRITY_DEFAULTS } from "@/lib/integrity/settings";
import { verifyRange } from "@/lib/integrity/verify";
import { quietSpans, restartSpans, silentSpans } from "@/lib/integrity/gaps";
import { trafficRecord } from "../support/tailscale-records";
import { bucketAt, connection, pairOf } from "../support/integrity-records";

const MIN = 60_000;
let sourceId: number;
const ingest = (records: object[]) => ingestStream([Buffer.from(records.map((r) => JSON.stringify(r)).join("\n"))], { sourceId });
const verify = (from: number, minutes: number) => withIngestTx((c) => verifyRange(c, { from: new Date(from), to: new Date(from + minutes * MIN), settings: INTEGRITY_DEFAULTS }));

beforeAll(async () => {
  sourceId = (await findOrCreateSource(`integrity-gaps-${Date.now()}`, "IMPORT")).id;
});
afterAll(async () => {
  await stopBoss();
  await closeIngestPool();
});

describe("gaps", () => {
  it("finds the span in which a device's peers saw traffic with it and it logged nothing", async () => {
    const { a, b } = pairOf();
    const t = bucketAt(40);
    await ingest(connection(a, b, t, t + 12 * MIN, 40, (side, w, e) => (side === "b" && w >= t + 3 * MIN && w < t + 8 * MIN ? null : e)));
    await flushDerived(); // the inventory knows b's address: the silent side of its buckets
    await verify(t, 12);
    const spans = await silentSpans({ from: new Date(t), to: new Date(t + 12 * MIN), nodeId: b.node });
    expect(spans.map((s) => [s.from.getTime() - t, s.to.getTime() - t, s.minutes])).toEqual([[3 * MIN, 8 * MIN, 5]]);
    expect(await silentSpans({ from: new Date(t), to: new Date(t + 12 * MIN), nodeId: b.node, minMinutes: 6 })).toEqual([]);
    // The peer that kept logging has no gap.
    expect(await silentSpans({ from: new Date(t), to: new Date(t + 12 * MIN), nodeId: a.node })).toEqual([]);
  });

  it("finds the minutes in which a source sent no records at all", async () => {
    const source = await findOrCreateSource(`integrity-quiet-${Date.now()}`, "IMPORT");
    const m0 = bucketAt(41);
    await db.ingestMinute.createMany({
      data: [0, 1, 20, 21, 23].map((m) => ({ sourceId: source.id, minute: new Date(m0 + m * MIN), records: 5, requests: 1 })),
    });
    const spans = (await quietSpans({ from: new Date(m0), to: new Date(m0 + 30 * MIN), minMinutes: 1 })).filter((s) => s.sourceId === source.id);
    expect(spans.map((s) => [s.from.getTime() - m0, s.to.getTime() - m0, s.minutes])).toEqual([
      [2 * MIN, 20 * MIN, 18],
      [22 * MIN, 23 * MIN, 1],
    ]);
    expect((await quietSpans({ from: new Date(m0), to: new Date(m0 + 30 * MIN), minMinutes: 5 })).filter((s) => s.sourceId === source.id)).toHaveLength(1);
  });

  it("flags a device that went silent and came back from a new physical endpoint", async () => {
    const { a, b } = pairOf();
    const moved = pairOf();
    const t = bucketAt(42);
    const physical = (peer: typeof a, device: typeof a, at: number, endpoint: string) =>
      trafficRecord({ node: peer.node, address: peer.address, at, physical: [{ src: `${device.address}:0`, dst: endpoint, txPkts: 5, txBytes: 500, rxPkts: 5, rxBytes: 500 }] });
    // b (and, separately, moved.b) talk for 5 minutes, stop for 30, talk again.
    for (const [x, y, after] of [[a, b, "198.51.100.7:41641"], [moved.a, moved.b, "203.0.113.9:41641"]] as const) {
      await ingest([...connection(x, y, t, t + 5 * MIN, 10), ...connection(x, y, t + 35 * MIN, t + 40 * MIN, 10)]);
      await ingest([physical(x, y, t + 60_000, "203.0.113.9:41641"), physical(x, y, t + 36 * MIN, after)]);
    }
    await flushDerived();
    await verify(t, 40);
    const spans = (await restartSpans({ from: new Date(t), to: new Date(t + 40 * MIN), minMinutes: 15 })).filter((s) => [b.node, moved.b.node].includes(s.nodeId));
    // From the end of its last bucket with entries (t+5) to its first window again (t+34:58.7, bucket t+34).
    expect(spans.map((s) => [s.nodeId, s.endpointBefore, s.endpointAfter, s.minutes])).toEqual([[b.node, "203.0.113.9:41641", "198.51.100.7:41641", 29]]);
    // A shorter threshold than the silence still finds it; a longer one does not.
    expect((await restartSpans({ from: new Date(t), to: new Date(t + 40 * MIN), minMinutes: 30 })).filter((s) => s.nodeId === b.node)).toEqual([]);
  });
});
