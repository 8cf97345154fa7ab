// The ingest status and quarantine queries on a real database: counters per source and overall,
// the per-minute series, the quiet-source warning, quarantine listing and detail, and who may ask.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { systemViewer, type UserViewer } from "@/lib/auth/viewer";
import type { Role } from "@/lib/generated/prisma/enums";
import { ingestStream } from "@/lib/ingest/ingest";
import { closeIngestPool } from "@/lib/ingest/pg-pool";
import { flushDerived } from "@/lib/ingest/derived";
import { getQuarantinedRecordOrThrow, listQuarantined, listQuarantineSources, QUARANTINE_PAGE_SIZE, ZQuarantineFilter } from "@/lib/ingest/quarantine";
import { createIngestToken, findOrCreateSource, revokeIngestToken } from "@/lib/ingest/sources";
import { INGEST_DEFAULTS, updateIngestSettings } from "@/lib/ingest/settings";
import { getIngestStatus, minuteBuckets, quietMinutes } from "@/lib/ingest/status";
import { auditRecord, flowRecord, hecBody } from "../support/tailscale-records";
import { makeUser } from "../support/db-helpers";

const MINUTE = 60_000;
const viewers = {} as Record<Role, UserViewer>;
const asViewer = (user: Awaited<ReturnType<typeof makeUser>>): UserViewer => ({ kind: "user", id: user.id, email: user.email, name: user.name, roles: user.roles });
const unique = (prefix: string) => `${prefix} ${Date.now()}-${Math.random().toString(36).slice(2, 7)}`;
const HOSTILE = `<script>alert("x")</script><img src=x onerror=alert(1)>`;

beforeAll(async () => {
  for (const role of ["EMPLOYEE", "SECURITY", "COO", "ADMIN"] as const) viewers[role] = asViewer(await makeUser(role === "EMPLOYEE" ? [] : [role]));
});
afterAll(async () => {
  await updateIngestSettings({ viewer: systemViewer(), input: INGEST_DEFAULTS });
  await closeIngestPool();
});

const sourceOf = async (id: number, now?: Date) => (await getIngestStatus({ viewer: viewers.SECURITY, now })).sources.find((s) => s.id === id)!;

describe("getIngestStatus", () => {
  it("counts what a stream sent per source and overall, with the minute it arrived in", async () => {
    const before = await getIngestStatus({ viewer: viewers.ADMIN });
    const { source } = await createIngestToken({ viewer: viewers.ADMIN, input: { name: unique("status stream") } });
    const body = hecBody([auditRecord(), auditRecord({ action: "ENABLE" }), flowRecord({ entries: 4, seed: 7 })]);
    await ingestStream([Buffer.from(body)], { sourceId: source.id, countRequest: true });
    await ingestStream([Buffer.from(body)], { sourceId: source.id, countRequest: true });
    await ingestStream([Buffer.from(hecBody([auditRecord(), { hostile: HOSTILE }]))], { sourceId: source.id, countRequest: true });
    // Counters are written at most once a second; the status page reads what was written.
    await flushDerived();

    const status = await getIngestStatus({ viewer: viewers.SECURITY });
    const s = status.sources.find((x) => x.id === source.id)!;
    expect(s).toMatchObject({ kind: "STREAM", quarantineCount: 1, quietForMinutes: null, lastError: null });
    // 3 + 3 + 2 records; stored: 2 audit + 5 flow entries (4 virtual, 1 physical), then 1 audit.
    expect(s.last24h).toEqual({ records: 8, stored: 8, duplicates: 7, quarantined: 1, errors: 0 });
    expect(s.lastRecordAt).not.toBeNull();
    expect(s.perMinute).toHaveLength(60);
    expect(s.perMinute.reduce((n, p) => n + p.records, 0)).toBe(8);
    expect(s.perMinute.at(-1)!.minute).toBe(new Date(Math.floor(status.now.getTime() / MINUTE) * MINUTE).toISOString());

    expect(status.overall.auditEvents24h - before.overall.auditEvents24h).toBe(3);
    expect(status.overall.flowEntries24h - before.overall.flowEntries24h).toBe(5);
    expect(status.overall.quarantined - before.overall.quarantined).toBe(1);
    expect(status.overall.devices).toBe(await db.device.count());
    expect(status.overall.devices).toBeGreaterThanOrEqual(2);
  });

  it("places counters in their minute: the chart holds the last hour, the totals the last day", async () => {
    const source = await findOrCreateSource(unique("status minutes"), "POLLER");
    const now = new Date("2026-03-10T12:30:40Z");
    const at = (minutesAgo: number) => new Date(Math.floor(now.getTime() / MINUTE) * MINUTE - minutesAgo * MINUTE);
    await db.ingestMinute.createMany({
      data: [
        { sourceId: source.id, minute: at(0), records: 5, auditStored: 2, flowStored: 3 },
        { sourceId: source.id, minute: at(59), records: 7, flowStored: 6, duplicates: 1 },
        { sourceId: source.id, minute: at(60), records: 11, quarantined: 2, errors: 1 },
        { sourceId: source.id, minute: at(24 * 60 - 1), records: 13, auditStored: 13 },
        { sourceId: source.id, minute: at(24 * 60 + 5), records: 1000, auditStored: 1000 },
      ],
    });
    const s = await sourceOf(source.id, now);
    expect(s.perMinute.map((p) => p.records).filter(Boolean)).toEqual([7, 5]);
    expect(s.perMinute[0]).toEqual({ minute: at(59).toISOString(), records: 7 });
    expect(s.perMinute[59]).toEqual({ minute: at(0).toISOString(), records: 5 });
    expect(s.last24h).toEqual({ records: 5 + 7 + 11 + 13, stored: 5 + 6 + 13, duplicates: 1, quarantined: 2, errors: 1 });
  });

  it("warns about a source that sent records and then went quiet longer than the threshold", async () => {
    const now = new Date();
    const ago = (minutes: number) => new Date(now.getTime() - minutes * MINUTE);
    const quiet = (await createIngestToken({ viewer: viewers.ADMIN, input: { name: unique("quiet") } })).source;
    const fresh = (await createIngestToken({ viewer: viewers.ADMIN, input: { name: unique("fresh") } })).source;
    const silent = (await createIngestToken({ viewer: viewers.ADMIN, input: { name: unique("never sent") } })).source;
    const revoked = (await createIngestToken({ viewer: viewers.ADMIN, input: { name: unique("revoked") } })).source;
    const imported = await findOrCreateSource(unique("old import"), "IMPORT");
    const poller = await findOrCreateSource(unique("poller"), "POLLER");
    await db.ingestSource.update({ where: { id: quiet.id }, data: { lastRecordAt: ago(40) } });
    await db.ingestSource.update({ where: { id: fresh.id }, data: { lastRecordAt: ago(3) } });
    await db.ingestSource.update({ where: { id: revoked.id }, data: { lastRecordAt: ago(500) } });
    await revokeIngestToken({ viewer: viewers.ADMIN, id: revoked.id });
    await db.ingestSource.update({ where: { id: imported.id }, data: { lastRecordAt: ago(500) } });
    await db.ingestSource.update({ where: { id: poller.id }, data: { lastRecordAt: ago(20) } });

    await updateIngestSettings({ viewer: viewers.ADMIN, input: { ...INGEST_DEFAULTS, quietAfterMinutes: 15 } });
    let status = await getIngestStatus({ viewer: viewers.ADMIN, now });
    const quietOf = (id: number) => status.sources.find((s) => s.id === id)!.quietForMinutes;
    expect(status.quietAfterMinutes).toBe(15);
    expect(quietOf(quiet.id)).toBe(40);
    expect(quietOf(poller.id)).toBe(20);
    expect([quietOf(fresh.id), quietOf(silent.id), quietOf(revoked.id), quietOf(imported.id)]).toEqual([null, null, null, null]);

    // A longer threshold (edited by ADMIN in settings) silences the warning.
    await updateIngestSettings({ viewer: viewers.ADMIN, input: { ...INGEST_DEFAULTS, quietAfterMinutes: 45 } });
    status = await getIngestStatus({ viewer: viewers.ADMIN, now });
    expect([quietOf(quiet.id), quietOf(poller.id)]).toEqual([null, null]);
  });

  it("computes quiet time and minute buckets as pure rules", () => {
    const now = new Date("2026-01-01T10:00:30Z");
    const last = (minutes: number) => new Date(now.getTime() - minutes * MINUTE);
    expect(quietMinutes({ kind: "STREAM", revokedAt: null, lastRecordAt: last(15) }, 15, now)).toBeNull();
    expect(quietMinutes({ kind: "STREAM", revokedAt: null, lastRecordAt: last(16) }, 15, now)).toBe(16);
    expect(quietMinutes({ kind: "STREAM", revokedAt: null, lastRecordAt: null }, 15, now)).toBeNull();
    expect(quietMinutes({ kind: "STREAM", revokedAt: now, lastRecordAt: last(99) }, 15, now)).toBeNull();
    expect(quietMinutes({ kind: "IMPORT", revokedAt: null, lastRecordAt: last(99) }, 15, now)).toBeNull();
    expect(quietMinutes({ kind: "POLLER", revokedAt: null, lastRecordAt: last(99) }, 15, now)).toBe(99);
    const buckets = minuteBuckets(now, 3).map((d) => d.toISOString());
    expect(buckets).toEqual(["2026-01-01T09:58:00.000Z", "2026-01-01T09:59:00.000Z", "2026-01-01T10:00:00.000Z"]);
  });
});

describe("quarantine", () => {
  it("lists a source's quarantined records newest first, page by page, and shows one with its raw text unchanged", async () => {
    const source = await findOrCreateSource(unique("quarantine"), "IMPORT");
    const hostileFlow = { ...flowRecord(), virtualTraffic: [{ proto: 6, src: HOSTILE, dst: "100.64.0.2:443" }] };
    const summary = await ingestStream([Buffer.from(hecBody([auditRecord(), { note: HOSTILE }, hostileFlow]))], { sourceId: source.id });
    expect(summary).toMatchObject({ read: 3, auditStored: 1, quarantined: 2 });

    const { rows, total } = await listQuarantined({ viewer: viewers.SECURITY, filter: ZQuarantineFilter.parse({ source: String(source.id) }) });
    expect(total).toBe(2);
    expect(rows.map((r) => r.sourceName)).toEqual([source.name, source.name]);
    const flowRow = rows.find((r) => r.reason.startsWith("flow record"))!;
    expect(flowRow.reason).toContain("virtualTraffic[0].src is not an address");
    const shapeRow = rows.find((r) => r.reason.startsWith("not a Tailscale"))!;
    expect(shapeRow.rawBytes).toBeGreaterThan(HOSTILE.length);

    const detail = await getQuarantinedRecordOrThrow({ viewer: viewers.ADMIN, id: shapeRow.id });
    expect(detail).toMatchObject({ id: shapeRow.id, sourceId: source.id, sourceName: source.name, reason: shapeRow.reason, isCut: false });
    expect(JSON.parse(detail.raw)).toMatchObject({ event: { note: HOSTILE } });
    expect(detail.rawBytes).toBe(Buffer.byteLength(detail.raw));

    const sources = await listQuarantineSources({ viewer: viewers.SECURITY });
    expect(sources).toContainEqual({ id: source.id, name: source.name, count: 2 });

    // Pagination: 55 more, newest first.
    const base = Date.now() + 60 * MINUTE;
    await db.quarantinedRecord.createMany({
      data: Array.from({ length: 55 }, (_, i) => ({ sourceId: source.id, receivedAt: new Date(base + i * 1000), reason: `reason ${i}`, raw: `raw ${i}`, rawBytes: 5 })),
    });
    const page1 = await listQuarantined({ viewer: viewers.SECURITY, filter: ZQuarantineFilter.parse({ source: source.id }) });
    const page2 = await listQuarantined({ viewer: viewers.SECURITY, filter: ZQuarantineFilter.parse({ source: source.id, page: "2" }) });
    expect(page1.total).toBe(57);
    expect(page1.rows).toHaveLength(QUARANTINE_PAGE_SIZE);
    expect(page1.rows[0]!.reason).toBe("reason 54");
    expect(page2.rows).toHaveLength(57 - QUARANTINE_PAGE_SIZE);
    expect(page2.rows.at(-1)!.reason).toMatch(/^(flow record|not a Tailscale)/);
    const unfiltered = await listQuarantined({ viewer: viewers.SECURITY, filter: ZQuarantineFilter.parse({}) });
    expect(unfiltered.total).toBeGreaterThanOrEqual(57);
  });

  it("answers unknown and malformed ids with NOT_FOUND, and refuses hostile filters", async () => {
    for (const id of ["999999999999", "0", "-1", "1e3", "abc", "99999999999999999999", HOSTILE, "", null, 12.5, { id: 1 }]) {
      await expect(getQuarantinedRecordOrThrow({ viewer: viewers.SECURITY, id }), String(id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    for (const source of [HOSTILE, "-1", "0", "1.5", "99999999999"]) {
      expect(ZQuarantineFilter.safeParse({ source }).success, source).toBe(false);
    }
    expect(ZQuarantineFilter.safeParse({ page: "0" }).success).toBe(false);
  });
});

describe("who may ask", () => {
  it("lets SECURITY and ADMIN read status and quarantine, and refuses EMPLOYEE and COO", async () => {
    const record = await db.quarantinedRecord.create({ data: { reason: "test", raw: "x", rawBytes: 1 } });
    const filter = ZQuarantineFilter.parse({});
    for (const role of ["SECURITY", "ADMIN"] as const) {
      const viewer = viewers[role];
      await expect(getIngestStatus({ viewer })).resolves.toBeTruthy();
      await expect(listQuarantined({ viewer, filter })).resolves.toBeTruthy();
      await expect(getQuarantinedRecordOrThrow({ viewer, id: record.id.toString() })).resolves.toMatchObject({ sourceName: null });
    }
    for (const role of ["EMPLOYEE", "COO"] as const) {
      const viewer = viewers[role];
      await expect(getIngestStatus({ viewer })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(listQuarantined({ viewer, filter })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(listQuarantineSources({ viewer })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(getQuarantinedRecordOrThrow({ viewer, id: record.id.toString() })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    await expect(getIngestStatus({ viewer: systemViewer("external reporter") })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(createIngestToken({ viewer: viewers.SECURITY, input: { name: unique("nope") } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(updateIngestSettings({ viewer: viewers.SECURITY, input: INGEST_DEFAULTS })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
