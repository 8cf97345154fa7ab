// Coverage on a real database: strip cells from verified hand-built records (countersigned,
// one-sided, mismatched, no traffic, not verified), a case's coverage map (full / partial / none),
// attaching it as evidence, and a COO_ONLY case's map out of reach for SECURITY.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatInTimeZone } from "date-fns-tz";
import { db } from "@/lib/db";
import { ingestStream } from "@/lib/ingest/ingest";
import { closeIngestPool, withIngestTx } from "@/lib/ingest/pg-pool";
import { findOrCreateSource } from "@/lib/ingest/sources";
import { flushDerived } from "@/lib/ingest/derived";
import { stopBoss } from "@/lib/jobs/boss";
import { INTEGRITY_DEFAULTS } from "@/lib/integrity/settings";
import { verifyRange } from "@/lib/integrity/verify";
import { coverageWindow, deviceCoverage, devicePairResults } from "@/lib/integrity/coverage";
import { attachCoverageMap, caseCoverage } from "@/lib/integrity/coverage-case";
import { createCase } from "@/lib/cases/create-case";
import { bucketAt, connection, pairOf, type Side } from "../support/integrity-records";
import { makeViewer } from "../support/db-helpers";

const MIN = 60_000;
let sourceId: number;
const ingest = (records: object[]) => ingestStream([Buffer.from(records.map((r) => JSON.stringify(r)).join("\n"))], { sourceId });
const verify = (from: number, minutes: number) => withIngestTx((c) => verifyRange(c, { from: new Date(from), to: new Date(from + minutes * MIN), settings: INTEGRITY_DEFAULTS }));
const local = (ms: number, tz = "UTC") => formatInTimeZone(new Date(ms), tz, "yyyy-MM-dd'T'HH:mm");
/** Records that name the peer too, so a peer that never reports is in the inventory. */
const naming = (records: object[], peer: Side) => records.map((r) => ({ ...r, dstNodes: [{ nodeId: peer.node, name: `peer-${peer.node}`, addresses: [peer.address] }] }));

beforeAll(async () => {
  sourceId = (await findOrCreateSource(`integrity-coverage-${Date.now()}`, "IMPORT")).id;
});
afterAll(async () => {
  await stopBoss();
  await closeIngestPool();
});

describe("coverage strips", () => {
  it("colours each cell by what the verification found in it", async () => {
    const viewer = await makeViewer(["SECURITY"]);
    const { a, b } = pairOf();
    const t = bucketAt(30);
    // 0-5 min both log; 5-10 b logs nothing; 10-14 b logs three times the traffic; then quiet.
    await ingest(
      connection(a, b, t, t + 14 * MIN, 40, (side, w, e) => {
        if (side !== "b") return e;
        if (w >= t + 5 * MIN && w < t + 10 * MIN) return null;
        if (w >= t + 10 * MIN) return { ...e, txPkts: e.txPkts * 3, txBytes: e.txBytes * 3, rxPkts: e.rxPkts * 3, rxBytes: e.rxBytes * 3 };
        return e;
      }),
    );
    await flushDerived();
    await verify(t, 20);
    const window = coverageWindow({ from: local(t), to: local(t + 30 * MIN), tz: "UTC" });
    expect(window.cellMinutes).toBe(5);
    const [cov] = await deviceCoverage({ viewer, window, nodeIds: [b.node] });
    expect(cov!.cells.map((c) => c.status)).toEqual(["countersigned", "one-sided", "mismatched", "none", "gap", "gap"]);
    expect(cov!.silent).toBeGreaterThan(0);
    expect(cov!.countersignRate).toBeGreaterThan(0);
    expect(cov!.countersignRate).toBeLessThan(1);

    // The same window asked for in another time zone is the same instants.
    const berlin = coverageWindow({ from: local(t, "Europe/Berlin"), to: local(t + 30 * MIN, "Europe/Berlin"), tz: "Europe/Berlin" });
    expect(berlin.from.getTime()).toBe(t);

    // Drill-down: the one-sided buckets show both sides' counts, b's side empty.
    const oneSided = await devicePairResults({ viewer, nodeId: b.node, from: new Date(t + 5 * MIN), to: new Date(t + 10 * MIN), outcome: "ONE_SIDED" });
    expect(oneSided.length).toBeGreaterThan(0);
    expect(oneSided[0]!.silentNodeId).toBe(b.node);
    const bSide = oneSided[0]!.low.nodeId === b.node ? oneSided[0]!.low : oneSided[0]!.high;
    const aSide = oneSided[0]!.low.nodeId === b.node ? oneSided[0]!.high : oneSided[0]!.low;
    expect(bSide.txPkts).toBe(0);
    expect(aSide.txPkts).toBeGreaterThan(0);
    const mismatched = await devicePairResults({ viewer, nodeId: a.node, from: new Date(t + 10 * MIN), to: new Date(t + 15 * MIN), outcome: "MISMATCHED" });
    expect(mismatched.length).toBeGreaterThan(0);
  });

  it("refuses a window it cannot read", () => {
    expect(() => coverageWindow({ from: "2026-11-17T16:00", to: "2026-11-17T14:00" })).toThrow(/before/);
    expect(() => coverageWindow({ tz: "Mars/Olympus" })).toThrow();
    expect(() => coverageWindow({ from: "yesterday" })).toThrow();
    expect(() => coverageWindow({ from: "2025-01-01T00:00", to: "2026-01-01T00:00" })).toThrow(/at most/);
  });
});

describe("a case's coverage map", () => {
  it("maps the case's devices as full, partial or none, attaches the map, and keeps COO_ONLY cases sealed", async () => {
    const security = await makeViewer(["SECURITY"]);
    const coo = await makeViewer(["COO"]);
    const t = bucketAt(50);
    const full = pairOf();
    const partial = pairOf();
    const none = pairOf();
    await ingest(connection(full.a, full.b, t, t + 10 * MIN, 20));
    await ingest(connection(partial.a, partial.b, t, t + 10 * MIN, 20, (side, w, e) => (side === "b" && w >= t + 5 * MIN ? null : e)));
    await ingest(naming(connection(none.a, none.b, t, t + 10 * MIN, 20, (side, _w, e) => (side === "b" ? null : e)), none.b));
    await flushDerived();
    await verify(t, 10);

    const made = await createCase({ viewer: security, input: { title: "Coverage map test", severity: "HIGH", awareAt: new Date(t + 5 * MIN).toISOString() } });
    await db.case.update({ where: { id: made.id }, data: { resolvedAt: new Date(t + 10 * MIN) } });
    await db.caseObservable.createMany({
      data: [
        { caseId: made.id, type: "DEVICE_ID", value: full.a.node, source: "manual" },
        { caseId: made.id, type: "IP", value: partial.b.address, source: "manual" },
        { caseId: made.id, type: "DEVICE_ID", value: none.b.node, source: "manual" },
        { caseId: made.id, type: "IP", value: "192.0.2.250", source: "manual" },
      ],
    });
    const map = await caseCoverage({ viewer: security, reference: made.reference, input: { margin: 5 } });
    expect(map.window.from.getTime()).toBe(t);
    expect(map.window.to.getTime()).toBe(t + 10 * MIN);
    const level = Object.fromEntries(map.devices.map((d) => [d.nodeId, d.level]));
    expect(level).toEqual({ [full.a.node]: "full", [partial.b.node]: "partial", [none.b.node]: "none" });
    expect(map.unresolved).toEqual([{ type: "IP", value: "192.0.2.250" }]);
    await expect(caseCoverage({ viewer: security, reference: made.reference, input: { margin: -1 } })).rejects.toMatchObject({ code: "INVALID_INPUT" });

    const { item, sha256 } = await attachCoverageMap({ viewer: security, reference: made.reference, input: { margin: 5 } });
    const stored = await db.caseEvidence.findUniqueOrThrow({ where: { id: item.evidence.id } });
    expect(stored.sha256).toBe(sha256);
    const doc = JSON.parse(stored.text ?? "{}");
    expect(createHash("sha256").update(stored.text ?? "").digest("hex")).toBe(sha256);
    expect(doc.devices.map((d: { nodeId: string; coverage: string }) => [d.nodeId, d.coverage]).sort()).toEqual(
      [[full.a.node, "full"], [partial.b.node, "partial"], [none.b.node, "none"]].sort(),
    );
    expect(await db.auditLog.count({ where: { targetId: made.id, action: "case.evidence_added" } })).toBeGreaterThan(0);

    const sealed = await createCase({ viewer: coo, input: { title: "Board only", severity: "HIGH", visibility: "COO_ONLY" } });
    await expect(caseCoverage({ viewer: security, reference: sealed.reference })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(attachCoverageMap({ viewer: security, reference: sealed.reference })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await caseCoverage({ viewer: coo, reference: sealed.reference })).devices).toEqual([]);
    await expect(caseCoverage({ viewer: await makeViewer(["EMPLOYEE"]), reference: made.reference })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
