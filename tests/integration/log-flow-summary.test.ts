// The flow explorer's view of a range on a real database: totals, top talkers and bytes per
// bucket computed over known records must add up exactly, follow the table's filters, and
// read the last hour when no window is given.
import { randomBytes, randomInt } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UserViewer } from "@/lib/auth/viewer";
import { ingestStream } from "@/lib/ingest/ingest";
import { flushDerived } from "@/lib/ingest/derived";
import { closeIngestPool } from "@/lib/ingest/pg-pool";
import { findOrCreateSource } from "@/lib/ingest/sources";
import { ZFlowFilter, ZFlowSummaryFilter } from "@/lib/logs/filters";
import { listFlows } from "@/lib/logs/list-flows";
import { summarizeFlows } from "@/lib/logs/summarize-flows";

const security: UserViewer = { kind: "user", id: "test", email: "test@example.com", name: "Test", roles: ["EMPLOYEE", "SECURITY"] };
const run = randomBytes(4).toString("hex");
const net = `100.96.${randomInt(1, 250)}`;
const A = { nodeId: `nSumA${run}CNTRL`, name: `alpha-${run}.example.ts.net`, addresses: [`${net}.1`] };
const B = { nodeId: `nSumB${run}CNTRL`, name: `bravo-${run}.example.ts.net`, addresses: [`${net}.2`] };
const C = { nodeId: `nSumC${run}CNTRL`, name: `charlie-${run}.example.ts.net`, addresses: [`${net}.3`] };
const MIN = 60_000;
// A whole minute three hours ago: the buckets of the test start exactly on it.
const t0 = Math.floor((Date.now() - 3 * 3_600_000) / MIN) * MIN;
const iso = (ms: number) => new Date(ms).toISOString();

type Entry = { proto?: number; src: string; dst: string; txPkts: number; txBytes: number; rxPkts: number; rxBytes: number };
const record = (node: typeof A, at: number, virtual: Entry[], physical: Entry[] = []) => ({
  nodeId: node.nodeId,
  start: iso(at),
  end: iso(at + 5000),
  srcNode: { ...node, os: "linux" },
  dstNodes: [A, B, C].filter((n) => n !== node),
  virtualTraffic: virtual,
  ...(physical.length ? { physicalTraffic: physical } : {}),
});

const window = { from: iso(t0), to: iso(t0 + 30 * MIN) };
const summary = (query: Record<string, string>) => summarizeFlows({ viewer: security, filter: ZFlowSummaryFilter.parse(query) });

beforeAll(async () => {
  const { id: sourceId } = await findOrCreateSource(`flow-summary-test-${run}`, "IMPORT");
  const records = [
    record(A, t0 + 10_000, [
      { proto: 6, src: `${net}.1:40001`, dst: `${net}.3:443`, txPkts: 10, txBytes: 1000, rxPkts: 20, rxBytes: 2000 },
      { proto: 17, src: `${net}.1:40002`, dst: `${net}.2:53`, txPkts: 1, txBytes: 100, rxPkts: 2, rxBytes: 200 },
    ]),
    record(A, t0 + 70_000, [{ proto: 6, src: `${net}.1:40001`, dst: `${net}.3:443`, txPkts: 30, txBytes: 3000, rxPkts: 40, rxBytes: 4000 }]),
    record(B, t0 + 130_000, [{ proto: 6, src: `${net}.2:40003`, dst: `${net}.3:22`, txPkts: 5, txBytes: 50, rxPkts: 6, rxBytes: 60 }], [
      { src: `${net}.2:0`, dst: "203.0.113.9:41641", txPkts: 1, txBytes: 7, rxPkts: 1, rxBytes: 8 },
    ]),
    // Five minutes ago: inside the default window, outside the test's own window.
    record(A, Date.now() - 5 * MIN, [{ proto: 6, src: `${net}.1:40009`, dst: `${net}.3:443`, txPkts: 1, txBytes: 1, rxPkts: 1, rxBytes: 1 }]),
  ];
  const result = await ingestStream([Buffer.from(records.map((r) => JSON.stringify(r)).join("\n"))], { sourceId });
  await flushDerived(); // the device inventory is written within a second; read it now
  expect(result.flowStored).toBe(6);
});
afterAll(() => closeIngestPool());

describe("flow summary", () => {
  it("totals every counter of the range and the filters", async () => {
    const s = await summary({ ...window, ip: `${net}.0/24` });
    expect(s.window).toEqual({ from: iso(t0), until: iso(t0 + 30 * MIN + 1) });
    expect(s.totals).toEqual({ entries: 5, txBytes: 1000 + 100 + 3000 + 50 + 7, rxBytes: 2000 + 200 + 4000 + 60 + 8, txPkts: 10 + 1 + 30 + 5 + 1, rxPkts: 20 + 2 + 40 + 6 + 1 });
    expect((await summary({ ...window, ip: `${net}.0/24`, kind: "physical" })).totals).toEqual({ entries: 1, txBytes: 7, rxBytes: 8, txPkts: 1, rxPkts: 1 });
    expect((await summary({ ...window, ip: `${net}.0/24`, proto: "udp" })).totals).toMatchObject({ entries: 1, txBytes: 100, rxBytes: 200 });
    expect((await summary({ ...window, node: B.nodeId })).totals).toMatchObject({ entries: 2, txBytes: 57, rxBytes: 68 });
    expect((await summary({ ...window, ip: `${net}.0/24`, port: "22" })).totals).toMatchObject({ entries: 1, txBytes: 50 });
    // The same rows as the table.
    const table = await listFlows({ viewer: security, filter: ZFlowFilter.parse({ ...window, ip: `${net}.0/24`, limit: "500" }) });
    expect(table.flows).toHaveLength(s.totals.entries);
    expect(table.flows.reduce((t, f) => t + f.txBytes, 0)).toBe(s.totals.txBytes);
  });

  it("ranks the nodes and the address pairs by bytes, named after their devices", async () => {
    const s = await summary({ ...window, ip: `${net}.0/24` });
    expect(s.topNodes).toEqual([
      { node: { nodeId: A.nodeId, name: A.name }, entries: 3, txBytes: 4100, rxBytes: 6200, txPkts: 41, rxPkts: 62, bytes: 10_300 },
      { node: { nodeId: B.nodeId, name: B.name }, entries: 2, txBytes: 57, rxBytes: 68, txPkts: 6, rxPkts: 7, bytes: 125 },
    ]);
    expect(s.topPairs.map((p) => [p.src.ip, p.dst.ip, p.entries, p.bytes])).toEqual([
      [`${net}.1`, `${net}.3`, 2, 10_000],
      [`${net}.1`, `${net}.2`, 1, 300],
      [`${net}.2`, `${net}.3`, 1, 110],
      [`${net}.2`, "203.0.113.9", 1, 15],
    ]);
    expect(s.topPairs[0]).toMatchObject({ src: { node: { nodeId: A.nodeId } }, dst: { node: { nodeId: C.nodeId, name: C.name } } });
    expect(s.topPairs[3]!.dst.node).toBeNull();
  });

  it("charts bytes per bucket sized from the range, every bucket present", async () => {
    const s = await summary({ ...window, ip: `${net}.0/24` });
    expect(s.series.bucketSeconds).toBe(60);
    expect(s.series.points).toHaveLength(31);
    expect(s.series.points[0]!.start).toBe(iso(t0));
    const busy = s.series.points.filter((p) => p.txBytes || p.rxBytes);
    expect(busy).toEqual([
      { start: iso(t0), txBytes: 1100, rxBytes: 2200 },
      { start: iso(t0 + MIN), txBytes: 3000, rxBytes: 4000 },
      { start: iso(t0 + 2 * MIN), txBytes: 57, rxBytes: 68 },
    ]);
    expect(s.series.points.reduce((t, p) => t + p.txBytes, 0)).toBe(s.totals.txBytes);

    const week = await summary({ ip: `${net}.0/24`, range: "7d" });
    expect(week.series.bucketSeconds).toBe(3600);
    const hour = week.series.points.find((p) => p.start === iso(Math.floor(t0 / 3_600_000) * 3_600_000));
    // t0 and the two minutes after it may straddle an hour: the hours around t0 hold the 4157 bytes.
    const around = week.series.points.filter((p) => Math.abs(Date.parse(p.start) - t0) <= 3_600_000).reduce((t, p) => t + p.txBytes, 0);
    expect(hour).toBeDefined();
    expect(around).toBe(4157);
    expect(week.totals.entries).toBe(6);
  });

  it("reads the last hour when no window is given, in the list and the summary alike", async () => {
    const now = new Date();
    const list = await listFlows({ viewer: security, filter: ZFlowFilter.parse({ ip: `${net}.0/24` }), now });
    expect(list.window).toEqual({ from: iso(now.getTime() - 3_600_000), until: null });
    expect(list.flows.map((f) => f.txBytes)).toEqual([1]);
    const s = await summarizeFlows({ viewer: security, filter: ZFlowSummaryFilter.parse({ ip: `${net}.0/24` }), now });
    expect(s.window.from).toBe(iso(now.getTime() - 3_600_000));
    expect(s.totals).toMatchObject({ entries: 1, txBytes: 1 });
    expect(s.series.bucketSeconds).toBe(60);
    // `to` alone: the hour before it.
    const before = await summary({ ip: `${net}.0/24`, to: iso(t0 + 30 * MIN) });
    expect(before.window.from).toBe(iso(t0 - 30 * MIN + 1));
    expect(before.totals.entries).toBe(5);
  });

  it("is for the security team and the COO only", async () => {
    await expect(summarizeFlows({ viewer: { ...security, roles: ["EMPLOYEE", "ADMIN"] }, filter: {} })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await summarizeFlows({ viewer: { ...security, roles: ["EMPLOYEE", "COO"] }, filter: ZFlowSummaryFilter.parse({ ...window, ip: `${net}.0/24` }) })).totals.entries).toBe(5);
  });
});
