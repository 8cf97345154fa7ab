// The log pipeline on a real database: every sample shape stores, re-deliveries store nothing
// twice, broken records are quarantined beside the good ones, partitions and retention work.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compress as zstdCompress, init as zstdInit } from "@bokuweb/zstd-wasm";
import { db } from "@/lib/db";
import { systemViewer } from "@/lib/auth/viewer";
import { ingestStream } from "@/lib/ingest/ingest";
import { BodyError } from "@/lib/ingest/decode-body";
import { closeIngestPool, ingestPool } from "@/lib/ingest/pg-pool";
import { flushDerived } from "@/lib/ingest/derived";
import { createPartitionsAhead, dayOf, dropExpiredPartitions, listPartitions } from "@/lib/ingest/partitions";
import { findOrCreateSource, listIngestSources } from "@/lib/ingest/sources";
import { runIngestMaintenance } from "@/lib/ingest/maintenance";
import { INGEST_DEFAULTS, updateIngestSettings } from "@/lib/ingest/settings";
import { listDeviceChoices } from "@/lib/reports/device-choices";
import { auditRecord, fixture, flowRecord, hecBody } from "../support/tailscale-records";

let sourceId: number;
const ingest = (body: string | Buffer, options: Partial<Parameters<typeof ingestStream>[1]> = {}) =>
  ingestStream([Buffer.from(body)], { sourceId, ...options });

beforeAll(async () => {
  sourceId = (await findOrCreateSource(`pipeline-test-${Date.now()}`, "IMPORT")).id;
  await zstdInit();
});
afterAll(() => closeIngestPool());

const countAudit = async (where = "") => Number((await ingestPool().query(`SELECT count(*) FROM audit_events WHERE source_id = $1 ${where}`, [sourceId])).rows[0].count);
const countFlows = async (where = "") => Number((await ingestPool().query(`SELECT count(*) FROM flow_records WHERE source_id = $1 ${where}`, [sourceId])).rows[0].count);

describe("ingestStream", () => {
  it("stores every shared sample: HEC stream, poll API responses, S3 exports, Panther events", async () => {
    const panther = ["Tailscale.HTTPS.Disabled.json", "Tailscale.Magic.DNS.Disabled.json", "Tailscale.Machine.Approval.Requirements.Disabled.json"]
      .flatMap((f) => (JSON.parse(readFileSync(`lib/detections/rules/tailscale-audit/panther/${f}`, "utf8")) as { log: object }[]).map((t) => t.log));
    const bodies = [
      fixture("hec-stream-body.txt"),
      fixture("audit-record.json"),
      fixture("flow-record.json"),
      fixture("network-api-response.json"),
      fixture("api-configuration-response.example.json"),
      fixture("s3-export-configuration.ndjson"),
      fixture("s3-export-network.ndjson"),
      JSON.stringify(panther),
    ];
    let read = 0;
    for (const body of bodies) {
      const summary = await ingest(body);
      expect(summary.quarantined, body.slice(0, 200)).toBe(0);
      read += summary.read;
    }
    expect(read).toBe(2 + 1 + 1 + 1 + 1 + 20 + 1 + panther.length);
    // Panther's test events repeat some records: those are duplicates, not new rows.
    expect(await countAudit()).toBeGreaterThanOrEqual(1 + 1 + 1 + 20);
    const { rows } = await ingestPool().query(`SELECT kind, count(*)::int AS n FROM flow_records WHERE source_id = $1 GROUP BY kind ORDER BY kind`, [sourceId]);
    // flow-record.json is the first record of network-api-response.json's node and window, with
    // the same virtual entry: that entry is stored once.
    expect(rows).toEqual([
      { kind: "VIRTUAL", n: 2 },
      { kind: "SUBNET", n: 2 },
      { kind: "EXIT", n: 1 },
      { kind: "PHYSICAL", n: 3 },
    ]);
    await flushDerived();
    const device = await db.device.findUnique({ where: { nodeId: "nFlowSrc1CNTRL" } });
    expect(device).toMatchObject({ name: "node-a.example.ts.net", os: "linux", tags: ["tag:servers"] });
    expect(device?.addresses).toEqual(expect.arrayContaining(["100.64.0.11", "fd7a:115c:a1e0::11"]));
    expect(device?.lastRecordAt).not.toBeNull();
    const peer = await db.device.findUnique({ where: { nodeId: "nFlowDst1CNTRL" } });
    expect(peer).toMatchObject({ os: "macOS", userLogin: "alice@example.com", lastRecordAt: null });
    // The streamed audit record had no eventTime: the envelope's time is used.
    const streamed = await db.auditEvent.findFirst({ where: { eventGroupId: "abc123def456" } });
    expect(streamed?.eventTime.toISOString()).toBe("2026-06-03T15:34:47.356Z");
  });

  it("stores a record delivered two and three times once", async () => {
    const records = [auditRecord(), auditRecord({ action: "ENABLE" }), flowRecord({ entries: 5, seed: 1 })];
    const body = hecBody(records);
    const first = await ingest(body);
    expect(first).toMatchObject({ read: 3, auditStored: 2, flowStored: 6, duplicates: 0 });
    const again = await ingest(body);
    expect(again).toMatchObject({ read: 3, auditStored: 0, flowStored: 0, duplicates: 8 });
    // A third time, in another framing (NDJSON without envelopes): still the same records.
    await ingest(records.map((r) => JSON.stringify(r)).join("\n"));
    expect(await countAudit(`AND event_group_id = ANY($2)`.replace("$2", `'{${records.slice(0, 2).map((r) => (r as { eventGroupID: string }).eventGroupID).join(",")}}'`))).toBe(2);
  });

  it("quarantines a malformed record with its reason and raw text, and stores the rest of the batch", async () => {
    const good = [auditRecord(), flowRecord({ seed: 2, entries: 2 })];
    const hostile = `{"action":"UPDATE","actor":"<script>alert(1)</script>"}`;
    const body = `${JSON.stringify(good[0])}\n{"nodeId":"n1","start": nope}\n${hostile}\n{"nodeId":"x","start":"2026-01-01T00:00:00Z","end":"2026-01-01T00:00:05Z","virtualTraffic":[{"src":"999.1.1.1:1"}]}\n${JSON.stringify(good[1])}\n`;
    const before = await db.quarantinedRecord.count({ where: { sourceId } });
    const summary = await ingest(body);
    expect(summary).toMatchObject({ read: 5, auditStored: 1, flowStored: 3, quarantined: 3 });
    const rows = await db.quarantinedRecord.findMany({ where: { sourceId }, orderBy: { id: "asc" }, skip: before });
    expect(rows.map((r) => r.reason)).toEqual([expect.stringMatching(/^invalid JSON/), expect.stringMatching(/actor/), expect.stringMatching(/src is not an address/)]);
    expect(rows[1]!.raw).toBe(hostile);
  });

  it("decodes gzip and zstd bodies", async () => {
    const gz = gzipSync(hecBody([auditRecord({ action: "GZIP" })]));
    expect(await ingestStream([gz], { sourceId, encoding: "gzip" })).toMatchObject({ auditStored: 1 });
    const zst = Buffer.from(zstdCompress(Buffer.from(hecBody([auditRecord({ action: "ZSTD" })])), 3));
    expect(await ingestStream([zst], { sourceId, encoding: "zstd" })).toMatchObject({ auditStored: 1 });
    await expect(ingestStream([Buffer.from("not gzip at all")], { sourceId, encoding: "gzip" })).rejects.toMatchObject({ status: 400 });
  });

  it("stops a gzip bomb at the decompressed limit with 413, acknowledging nothing of it", async () => {
    const before = auditRecord({ action: "BEFORE_BOMB" });
    const bomb = gzipSync(Buffer.concat([Buffer.from(hecBody([before])), Buffer.alloc(5 * 1024 * 1024, 0x20)]));
    const error = await ingestStream([bomb], { sourceId, encoding: "gzip", limits: { maxDecodedBytes: 1024 * 1024 } }).catch((e) => e);
    expect(error).toBeInstanceOf(BodyError);
    expect(error.status).toBe(413);
    // The record before the bomb was in the same, uncommitted batch: the sender was told 413.
    expect(await countAudit(`AND event_group_id = '${before.eventGroupID}'`)).toBe(0);
  });

  it("says a body that is not JSON at all is not JSON, and stores nothing", async () => {
    const quarantinedBefore = await db.quarantinedRecord.count({ where: { sourceId } });
    const error = await ingest("<html>hello</html>\n{\"action\":\"X\",\"actor\":{},\"eventTime\":\"2026-06-01T00:00:00Z\",\"eventGroupID\":\"after-html\"}").catch((e) => e);
    expect(error).toBeInstanceOf(BodyError);
    expect(error.message).toMatch(/not JSON: unexpected "<" at byte 0/);
    expect(await countAudit(`AND event_group_id = 'after-html'`)).toBe(0);
    expect(await db.quarantinedRecord.count({ where: { sourceId } })).toBe(quarantinedBefore);
  });

  it("creates daily partitions ahead and on demand, and retention drops whole old partitions", async () => {
    // Ahead: as if it were ten days from now, for both tables.
    const later = new Date(Date.now() + 10 * 86_400_000);
    await createPartitionsAhead(2, later);
    for (const table of ["flow_records", "audit_events"] as const) {
      const days = await listPartitions(ingestPool(), table);
      for (let i = 0; i <= 2; i++) expect(days.has(dayOf(new Date(later.getTime() + i * 86_400_000))), `${table} +${10 + i}`).toBe(true);
    }
    const today = dayOf(new Date());
    const old = Date.now() - 40 * 86_400_000;
    await ingest(JSON.stringify(flowRecord({ node: "nRetentionCNTRL", at: old, seed: 3 })));
    expect((await listPartitions(ingestPool(), "flow_records")).has(dayOf(new Date(old)))).toBe(true);
    expect(await countFlows(`AND node_id = 'nRetentionCNTRL'`)).toBe(4);
    const dropped = await dropExpiredPartitions("flow_records", 30);
    expect(dropped).toContain(`flow_records_p${dayOf(new Date(old))}`);
    expect(await countFlows(`AND node_id = 'nRetentionCNTRL'`)).toBe(0);
    // Recent partitions stay.
    expect((await listPartitions(ingestPool(), "flow_records")).has(today)).toBe(true);
    // Records for a dropped day can arrive again later (a backfill): the partition comes back.
    await ingest(JSON.stringify(flowRecord({ node: "nRetentionCNTRL", at: old, seed: 4 })));
    expect(await countFlows(`AND node_id = 'nRetentionCNTRL'`)).toBe(4);
  });

  it("counts what each source sent per minute, for the status page", async () => {
    const counted = (await findOrCreateSource(`counted-${Date.now()}`, "IMPORT")).id;
    const body = hecBody([auditRecord(), flowRecord({ node: "nCountCNTRL", entries: 4 })]) + "{oops}";
    await ingestStream([Buffer.from(body)], { sourceId: counted, countRequest: true });
    await ingestStream([Buffer.from(body)], { sourceId: counted, countRequest: true });
    await flushDerived();
    const { rows } = await ingestPool().query(
      `SELECT sum(requests)::int AS requests, sum(records)::int AS records, sum(audit_stored)::int AS audit, sum(flow_stored)::int AS flow,
              sum(duplicates)::int AS duplicates, sum(quarantined)::int AS quarantined, sum(bytes)::int AS bytes
         FROM ingest_minutes WHERE source_id = $1`,
      [counted],
    );
    expect(rows[0]).toEqual({ requests: 2, records: 6, audit: 1, flow: 5, duplicates: 6, quarantined: 2, bytes: 2 * Buffer.byteLength(body) });
    const source = await db.ingestSource.findUniqueOrThrow({ where: { id: counted } });
    expect((await listIngestSources({ viewer: systemViewer() })).map((s) => s.id)).toContain(counted);
    await expect(listIngestSources({ viewer: systemViewer("external reporter") })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(source.lastRecordAt).not.toBeNull();
    expect(source.lastRequestAt).not.toBeNull();
  });

  it("stores hostile node ids and protocol names exactly as sent", async () => {
    const hostile = 'n"\\,{}NULL \' OR 1=1;--<script>';
    const record = flowRecord({ node: hostile, entries: 1 });
    (record.virtualTraffic[0] as { proto: unknown }).proto = 'we"ird\\,{}';
    expect(await ingest(JSON.stringify(record))).toMatchObject({ flowStored: 2, quarantined: 0 });
    const { rows } = await ingestPool().query(`SELECT node_id, proto_name FROM flow_records WHERE node_id = $1 ORDER BY kind`, [hostile]);
    expect(rows).toEqual([
      { node_id: hostile, proto_name: 'we"ird\\,{}' },
      { node_id: hostile, proto_name: null },
    ]);
  });

  it("offers the devices it learnt as suggestions on the report form", async () => {
    await ingest(JSON.stringify(flowRecord({ node: "nSuggestCNTRL", peer: "nSuggestPeerCNTRL", entries: 1 })));
    await flushDerived();
    const choices = await listDeviceChoices({ viewer: systemViewer() });
    await expect(listDeviceChoices({ viewer: systemViewer("external reporter") })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(choices).toEqual(expect.arrayContaining(["nSuggestCNTRL.example.ts.net", "nSuggestPeerCNTRL.example.ts.net"]));
  });

  it("stores records with characters PostgreSQL refuses by replacing them, and quarantines what it cannot read", async () => {
    const record = auditRecord({ action: "SURROGATE", new: { note: "lone \ud800 and nul \u0000" }, actor: { id: "u", type: "USER", displayName: "bad \udc00 name" } });
    const deep = `{"eventTime":"2026-06-01T00:00:00Z","actor":{},"action":"DEEP","old":${"[".repeat(200_000)}${"]".repeat(200_000)}}`;
    const summary = await ingest(`${JSON.stringify(record)}\n${deep}\n`);
    expect(summary).toMatchObject({ read: 2, auditStored: 1, quarantined: 1 });
    const stored = await db.auditEvent.findFirstOrThrow({ where: { eventGroupId: record.eventGroupID } });
    expect(stored.new).toEqual({ note: "lone \uFFFD and nul \uFFFD" });
    expect(stored.actorName).toBe("bad \uFFFD name");
  });

  it("creates the UTC day's partition for windows given with an offset", async () => {
    // 18:59:55 and 19:00:05 at UTC-5 are one local day but two UTC days (23:59:55 and 00:00:05).
    const midnight = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate()) - 20 * 86_400_000;
    const local = (t: number) => new Date(t - 5 * 3_600_000).toISOString().replace("Z", "-05:00");
    const record = (t: number, seed: number) => ({ ...flowRecord({ node: `nOffset${midnight}CNTRL`, entries: 1, seed }), start: local(t), end: local(t + 5000) });
    const body = `${JSON.stringify(record(midnight - 5000, 1))}\n${JSON.stringify(record(midnight + 5000, 2))}`;
    expect(await ingest(body)).toMatchObject({ flowStored: 4, quarantined: 0 });
    expect((await listPartitions(ingestPool(), "flow_records")).has(dayOf(new Date(midnight)))).toBe(true);
  });

  it("keeps a source name to one kind", async () => {
    const name = `kinds-${Date.now()}`;
    await findOrCreateSource(name, "IMPORT");
    await expect(findOrCreateSource(name, "POLLER")).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("runs retention as configured: whole audit and flow partitions older than their periods, old quarantine and counters", async () => {
    await updateIngestSettings({ viewer: systemViewer(), input: { auditRetentionDays: 50, flowRetentionDays: 45, quietAfterMinutes: 15 } });
    try {
      const at = (days: number) => Date.now() - days * 86_400_000;
      await ingest([JSON.stringify(auditRecord({ action: "OLD_55" }, at(55))), JSON.stringify(auditRecord({ action: "OLD_48" }, at(48))), JSON.stringify(flowRecord({ node: "nMaint47CNTRL", at: at(47) })), JSON.stringify(flowRecord({ node: "nMaint43CNTRL", at: at(43) }))].join("\n"));
      await ingestPool().query(`INSERT INTO quarantined_records (source_id, reason, raw, raw_bytes, received_at) VALUES ($1, 'old', 'x', 1, now() - interval '31 days')`, [sourceId]);
      const result = await runIngestMaintenance();
      expect(result.dropped).toEqual(expect.arrayContaining([`audit_events_p${dayOf(new Date(at(55)))}`, `flow_records_p${dayOf(new Date(at(47)))}`]));
      expect(await countAudit(`AND action = 'OLD_55'`)).toBe(0);
      expect(await countAudit(`AND action = 'OLD_48'`)).toBe(1);
      expect(await countFlows(`AND node_id = 'nMaint47CNTRL'`)).toBe(0);
      expect(await countFlows(`AND node_id = 'nMaint43CNTRL'`)).toBe(4);
      expect(await db.quarantinedRecord.count({ where: { sourceId, reason: "old" } })).toBe(0);
    } finally {
      await updateIngestSettings({ viewer: systemViewer(), input: INGEST_DEFAULTS });
    }
  });
});
