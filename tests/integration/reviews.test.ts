// The regular log review on a real database: the job creates one review per period (repeated and
// concurrent runs), each checklist item's data from hand-built records, sign-off rules, the
// overdue notice, the export and who may do what.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { appendAudit } from "@/lib/audit/append-audit";
import { systemViewer, type UserViewer } from "@/lib/auth/viewer";
import { ingestStream } from "@/lib/ingest/ingest";
import { closeIngestPool, withIngestTx } from "@/lib/ingest/pg-pool";
import { findOrCreateSource } from "@/lib/ingest/sources";
import { flushDerived } from "@/lib/ingest/derived";
import { stopBoss } from "@/lib/jobs/boss";
import { INTEGRITY_DEFAULTS } from "@/lib/integrity/settings";
import { verifyRange } from "@/lib/integrity/verify";
import { computeChecklist } from "@/lib/reviews/checklist";
import { exportReview, reviewMarkdown } from "@/lib/reviews/export";
import { REVIEW_ITEM_KEYS } from "@/lib/reviews/items";
import { getReview, listReviews, signOffReview, tickItem } from "@/lib/reviews/reviews";
import { createDueReview, notifyOverdueReviews } from "@/lib/reviews/run-reviews";
import { REVIEW_SETTINGS_KEY, getReviewSchedule, updateReviewSchedule } from "@/lib/reviews/settings";
import { auditRecord } from "../support/tailscale-records";
import { bucketAt, connection, pairOf } from "../support/integrity-records";
import { makeViewer } from "../support/db-helpers";

const MIN = 60_000;
let sourceId: number;
let security: UserViewer, coo: UserViewer, employee: UserViewer;
let savedSetting: unknown;
const ingest = (records: object[]) => ingestStream([Buffer.from(records.map((r) => JSON.stringify(r)).join("\n"))], { sourceId });

beforeAll(async () => {
  sourceId = (await findOrCreateSource(`reviews-${Date.now()}`, "IMPORT")).id;
  [security, coo, employee] = await Promise.all([makeViewer(["SECURITY"]), makeViewer(["COO"]), makeViewer([])]);
  savedSetting = (await db.appSetting.findUnique({ where: { key: REVIEW_SETTINGS_KEY } }))?.value ?? null;
});
afterAll(async () => {
  if (savedSetting === null) await db.appSetting.deleteMany({ where: { key: REVIEW_SETTINGS_KEY } });
  else await db.appSetting.update({ where: { key: REVIEW_SETTINGS_KEY }, data: { value: savedSetting as object } });
  await db.logReview.deleteMany({});
  await stopBoss();
  await closeIngestPool();
});
beforeEach(async () => {
  await db.logReview.deleteMany({});
});

async function tickAll(id: string, viewer = security) {
  let version = (await db.logReview.findUniqueOrThrow({ where: { id } })).version;
  for (const item of REVIEW_ITEM_KEYS) version = (await tickItem({ viewer, id, input: { item, checked: true, note: `checked ${item}`, version } })).version;
  return version;
}

describe("the schedule and the job", () => {
  it("SECURITY edits the schedule on the audit trail; others may not; bad values are refused", async () => {
    await expect(updateReviewSchedule({ viewer: coo, input: { frequency: "daily", weekday: 1, hour: 9, timeZone: "UTC", graceHours: 24 } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(updateReviewSchedule({ viewer: security, input: { frequency: "hourly", weekday: 1, hour: 9, timeZone: "UTC", graceHours: 24 } })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(updateReviewSchedule({ viewer: security, input: { frequency: "daily", weekday: 1, hour: 9, timeZone: "Nowhere/Land", graceHours: 24 } })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await updateReviewSchedule({ viewer: security, input: { frequency: "daily", weekday: 3, hour: 6, timeZone: "Europe/Berlin", graceHours: 24 } });
    expect(await getReviewSchedule()).toEqual({ frequency: "daily", weekday: 3, hour: 6, timeZone: "Europe/Berlin", graceHours: 24 });
    const entry = await db.auditLog.findFirst({ where: { action: "reviews.schedule_update" }, orderBy: { seq: "desc" } });
    expect(entry).toMatchObject({ actorId: security.id, targetId: REVIEW_SETTINGS_KEY });
  });

  it("creates one review per period across repeated and concurrent runs", async () => {
    await updateReviewSchedule({ viewer: security, input: { frequency: "daily", weekday: 1, hour: 6, timeZone: "Europe/Berlin", graceHours: 24 } });
    const now = new Date("2026-11-20T12:00:00Z");
    const results = await Promise.all([createDueReview(now), createDueReview(now), createDueReview(now)]);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect((await createDueReview(now)).created).toBeNull();
    const reviews = await db.logReview.findMany({ orderBy: { periodStart: "asc" } });
    expect(reviews.map((r) => [r.periodStart.toISOString(), r.periodEnd.toISOString(), r.dueAt.toISOString()])).toEqual([["2026-11-19T05:00:00.000Z", "2026-11-20T05:00:00.000Z", "2026-11-21T05:00:00.000Z"]]);
    // A day later: the next period starts where the last one ended.
    const next = new Date("2026-11-21T12:00:00Z");
    await Promise.all([createDueReview(next), createDueReview(next)]);
    const after = await db.logReview.findMany({ orderBy: { periodStart: "asc" } });
    expect(after).toHaveLength(2);
    expect(after[1]!.periodStart.toISOString()).toBe("2026-11-20T05:00:00.000Z");
    expect(await db.auditLog.count({ where: { action: "reviews.create", targetId: { in: after.map((r) => r.id) } } })).toBe(2);
  });

  it("announces an overdue open review once, to the security team", async () => {
    await updateReviewSchedule({ viewer: security, input: { frequency: "weekly", weekday: 1, hour: 9, timeZone: "UTC", graceHours: 48 } });
    const { created } = await createDueReview(new Date("2026-11-21T12:00:00Z"));
    const review = await db.logReview.findUniqueOrThrow({ where: { id: created! } });
    expect(review.dueAt.toISOString()).toBe("2026-11-18T09:00:00.000Z");
    const at = new Date("2026-11-21T12:00:00Z");
    const [first, second] = await Promise.all([notifyOverdueReviews(at), notifyOverdueReviews(at)]);
    expect([...first.notified, ...second.notified]).toEqual([review.id]);
    expect((await notifyOverdueReviews(new Date("2026-11-22T12:00:00Z"))).notified).toEqual([]);
    const jobs = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'notification_plan' AND data->>'reviewId' = ${review.id}`;
    expect(jobs[0]!.n).toBe(1);
  });
});

describe("the checklist data", () => {
  it("reads logging state, streaming changes, alerts, silent spans and Tailscale login failures of the period", async () => {
    const { a, b } = pairOf();
    const t = bucketAt(46);
    const from = new Date(t - 10 * MIN), to = new Date(t + 20 * MIN);
    const failer = `failer-${randomBytes(3).toString("hex")}@example.com`;
    await ingest([
      auditRecord({ target: { id: "example.com", name: "example.com", type: "TAILNET", property: "NETWORK_FLOW_LOGGING" }, action: "DISABLE", old: true, new: false }, t - 5 * MIN),
      auditRecord({ target: { id: "example.com", name: "example.com", type: "TAILNET", property: "NETWORK_FLOW_LOGGING" }, action: "ENABLE", old: false, new: true }, t - 4 * MIN),
      auditRecord({ target: { id: "example.com", name: "example.com", type: "TAILNET", property: "LOG_EXIT_FLOWS" }, action: "DISABLE", old: true, new: false }, t - 3 * MIN),
      auditRecord({ target: { id: "example.com", name: "example.com", type: "TAILNET", property: "LOGSTREAM_ENDPOINT" }, action: "UPDATE", old: { provider: "splunk" }, new: { provider: "panther" } }, t - 2 * MIN),
      auditRecord({ actor: { id: "u1", type: "USER", loginName: failer, displayName: "F" }, target: { id: "admin", name: "admin", type: "ADMIN_CONSOLE" }, action: "LOGIN", error: "invalid credentials", old: undefined, new: undefined }, t - 1 * MIN),
      auditRecord({ actor: { id: "u1", type: "USER", loginName: failer, displayName: "F" }, target: { id: "admin", name: "admin", type: "ADMIN_CONSOLE" }, action: "LOGIN", error: "invalid credentials", old: undefined, new: undefined }, t),
    ]);
    await ingest(connection(a, b, t, t + 12 * MIN, 40, (side, w, e) => (side === "b" && w >= t + 3 * MIN && w < t + 9 * MIN ? null : e)));
    await flushDerived();
    await withIngestTx((c) => verifyRange(c, { from: new Date(t), to: new Date(t + 12 * MIN), settings: INTEGRITY_DEFAULTS }));
    const mk = (severity: "HIGH" | "LOW", status: "OPEN" | "DISMISSED", n: number) =>
      db.alert.create({
        data: { ruleId: "Test.Reviews", severity, title: `review ${n}`, dedupKey: `rev-${randomBytes(4).toString("hex")}`, status, firstSeenAt: new Date(t), lastSeenAt: new Date(t), dedupUntil: new Date(t + MIN), createdAt: new Date(t + n * MIN), matchedFields: [] },
      });
    const alerts = await Promise.all([mk("HIGH", "OPEN", 1), mk("HIGH", "DISMISSED", 2), mk("LOW", "OPEN", 3)]);

    try {
      const data = await computeChecklist({ from, to });
      expect(data.logging.flowLogging).toMatchObject({ enabled: true, changedAt: new Date(t - 4 * MIN).toISOString() });
      expect(data.logging.exitFlowLogging).toMatchObject({ enabled: false });
      expect(data.logging.streamingChanges.some((c) => c.action === "UPDATE" && JSON.stringify(c.new).includes("panther"))).toBe(true);
      // Records per source are counted by arrival (ingest_minutes); these arrived now, outside the period.
      expect(data.logging.sources.find((s) => s.id === sourceId)).toMatchObject({ records: 0, revoked: false });
      expect(data.alerts.bySeverity.HIGH).toBeGreaterThanOrEqual(2);
      expect(data.alerts.bySeverity.LOW).toBeGreaterThanOrEqual(1);
      expect(data.alerts.stillOpen).toBeGreaterThanOrEqual(2);
      const span = data.gaps.silentSpans.find((s) => s.nodeId === b.node);
      expect(span).toMatchObject({ from: new Date(t + 3 * MIN).toISOString(), to: new Date(t + 9 * MIN).toISOString(), minutes: 6 });
      expect(data.gaps.countersign.countersigned).toBeGreaterThan(0);
      expect(data.gaps.countersign.rate).toBeGreaterThan(0);
      expect(data.gaps.countersign.rate).toBeLessThan(1);
      expect(data.logins.tailscale.byActor).toContainEqual({ actor: failer, count: 2 });
      // Outside the period none of it counts.
      const before = await computeChecklist({ from: new Date(t - 60 * MIN), to: new Date(t - 30 * MIN) });
      expect(before.gaps.silentSpans.find((s) => s.nodeId === b.node)).toBeUndefined();
      expect(before.logins.tailscale.byActor.find((x) => x.actor === failer)).toBeUndefined();
    } finally {
      await db.alert.deleteMany({ where: { id: { in: alerts.map((x) => x.id) } } });
    }
  });

  it("reads Countersign's own failed sign-ins and lockouts, and reports by class, sealed ones as counts for those who may not read them", async () => {
    const from = new Date(Date.now() - 1000);
    const victim = `victim-${randomBytes(3).toString("hex")}@example.com`;
    await db.$transaction(async (tx) => {
      for (let i = 0; i < 3; i++) await appendAudit(tx, systemViewer(), { action: "auth.sign_in_failed", targetType: "User", actorLabel: victim, after: { reason: "wrong_password" } });
      await appendAudit(tx, systemViewer(), { action: "auth.account_locked", targetType: "User", actorLabel: victim, after: { failures: 3 } });
    });
    const ref = `RPT-T-${randomBytes(4).toString("hex")}`;
    const report = await db.report.create({ data: { reference: ref, source: "EMPLOYEE", category: "HARASSMENT", description: "sealed", visibility: "COO_ONLY" } });
    try {
      const to = new Date(Date.now() + 1000);
      const data = await computeChecklist({ from, to });
      expect(data.logins.countersign.byAccount).toContainEqual({ account: victim, failed: 3, lockouts: 1 });
      expect(data.logins.countersign.lockouts).toBeGreaterThanOrEqual(1);
      expect(data.alerts.reports.find((r) => r.visibility === "COO_ONLY")?.byCategory).toMatchObject({ HARASSMENT: 1 });
      // Through a review: SECURITY sees the count of COO_ONLY reports, not their categories; the COO sees both.
      const review = await db.logReview.create({ data: { periodStart: from, periodEnd: to, dueAt: to } });
      const seen = await getReview({ viewer: security, id: review.id });
      expect(seen.data.alerts.reports.find((r) => r.visibility === "COO_ONLY")).toEqual({ visibility: "COO_ONLY", count: 1, byCategory: null });
      const byCoo = await getReview({ viewer: coo, id: review.id });
      expect(byCoo.data.alerts.reports.find((r) => r.visibility === "COO_ONLY")?.byCategory).toMatchObject({ HARASSMENT: 1 });
    } finally {
      await db.report.delete({ where: { id: report.id } });
    }
  });
});

describe("long lists", () => {
  it("keep their first entries and say how many were left out, on the page's data and in the export", async () => {
    const from = new Date(Date.now() - 1000);
    const tag = randomBytes(3).toString("hex");
    await db.$transaction(async (tx) => {
      for (let i = 0; i < 25; i++) await appendAudit(tx, systemViewer(), { action: "auth.sign_in_failed", targetType: "User", actorLabel: `guess${i}-${tag}@example.com`, after: { reason: "wrong_password" } });
    });
    const to = new Date(Date.now() + 1000);
    const data = await computeChecklist({ from, to });
    expect(data.logins.countersign.byAccount).toHaveLength(20);
    expect(data.logins.countersign.failed).toBeGreaterThanOrEqual(25);
    expect(data.omitted!.countersignAccounts).toBeGreaterThanOrEqual(5);
    expect(data.logins.countersign.byAccount.length + data.omitted!.countersignAccounts).toBe(new Set((await db.auditLog.findMany({ where: { createdAt: { gte: from, lt: to }, action: "auth.sign_in_failed" } })).map((r) => r.actorLabel)).size);
    const review = await db.logReview.create({ data: { periodStart: from, periodEnd: to, dueAt: to } });
    const md = reviewMarkdown(await getReview({ viewer: security, id: review.id }));
    expect(md).toContain(`  - … and ${data.omitted!.countersignAccounts} more, not listed`);
  });
});

describe("ticking and signing off", () => {
  async function openReview() {
    const now = Date.now();
    return db.logReview.create({ data: { periodStart: new Date(now - 3_600_000), periodEnd: new Date(now + 600_000), dueAt: new Date(now + 3_600_000) } });
  }

  it("needs every item ticked, refuses a stale version, and freezes the data", async () => {
    const review = await openReview();
    await tickItem({ viewer: security, id: review.id, input: { item: "logging", checked: true, note: "  both on ", version: 1 } });
    await expect(signOffReview({ viewer: security, id: review.id, input: { version: 2 } })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    // A stale version: someone ticked since.
    await expect(tickItem({ viewer: security, id: review.id, input: { item: "alerts", checked: true, version: 1 } })).rejects.toMatchObject({ code: "CONFLICT" });
    const version = await tickAll(review.id);
    await expect(signOffReview({ viewer: security, id: review.id, input: { version: version - 1, notes: "late" } })).rejects.toMatchObject({ code: "CONFLICT" });
    await signOffReview({ viewer: security, id: review.id, input: { version, notes: "All fine." } });
    const signed = await getReview({ viewer: security, id: review.id });
    expect(signed).toMatchObject({ status: "SIGNED_OFF", signedOffByLabel: security.email, notes: "All fine.", frozen: true, itemsChecked: 5 });
    expect(signed.items.find((i) => i.key === "logging")?.tick).toMatchObject({ checked: true, note: "checked logging", checkedByLabel: security.email });
    expect(signed.signOffAuditHash).toMatch(/^[0-9a-f]{64}$/);
    // Records that arrive later do not change the frozen data.
    const frozenFailed = signed.data.logins.countersign.failed;
    await db.$transaction((tx) => appendAudit(tx, systemViewer(), { action: "auth.sign_in_failed", targetType: "User", actorLabel: "late@example.com" }));
    const live = await computeChecklist({ from: review.periodStart, to: review.periodEnd });
    expect(live.logins.countersign.failed).toBe(frozenFailed + 1);
    const again = await getReview({ viewer: security, id: review.id });
    expect(again.data).toEqual(signed.data);
    expect(again.data.logins.countersign.failed).toBe(frozenFailed);
    // Signed off: no more ticks or sign-offs.
    await expect(tickItem({ viewer: security, id: review.id, input: { item: "alerts", checked: false, version: version + 1 } })).rejects.toMatchObject({ code: "CONFLICT" });
    const entry = await db.auditLog.findFirst({ where: { action: "reviews.sign_off", targetId: review.id } });
    expect(entry?.hash).toBe(signed.signOffAuditHash);
    expect((entry?.after as { snapshotSha256: string }).snapshotSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("refuses bad input: unknown item, wrong types, huge notes", async () => {
    const review = await openReview();
    await expect(tickItem({ viewer: security, id: review.id, input: { item: "coffee", checked: true, version: 1 } })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(tickItem({ viewer: security, id: review.id, input: { item: "logging", checked: "yes", version: 1 } })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(tickItem({ viewer: security, id: review.id, input: { item: "logging", checked: true, note: "x".repeat(5000), version: 1 } })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(tickItem({ viewer: security, id: "nope", input: { item: "logging", checked: true, version: 1 } })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await db.logReview.findUniqueOrThrow({ where: { id: review.id } })).version).toBe(1);
  });

  it("permissions: EMPLOYEE is told nothing exists, the COO reads but does not tick", async () => {
    const review = await openReview();
    await expect(getReview({ viewer: employee, id: review.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(listReviews({ viewer: employee })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await listReviews({ viewer: coo })).reviews.map((r) => r.id)).toContain(review.id);
    await expect(tickItem({ viewer: coo, id: review.id, input: { item: "logging", checked: true, version: 1 } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(tickItem({ viewer: employee, id: review.id, input: { item: "logging", checked: true, version: 1 } })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("exports a signed-off review as Markdown and JSON, audited; an open one is refused", async () => {
    const review = await openReview();
    await expect(exportReview({ viewer: security, id: review.id, format: "md" })).rejects.toMatchObject({ code: "CONFLICT" });
    const version = await tickAll(review.id);
    await signOffReview({ viewer: security, id: review.id, input: { version, notes: "Reviewed | with a pipe" } });
    await expect(exportReview({ viewer: security, id: review.id, format: "pdf" })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    const md = await exportReview({ viewer: coo, id: review.id, format: "md" });
    const text = md.body.toString();
    const hash = (await db.auditLog.findFirstOrThrow({ where: { action: "reviews.sign_off", targetId: review.id } })).hash;
    expect(text).toContain(`\`${hash}\``);
    expect(text).toContain(`Signed off by: ${security.email}`);
    expect(text).toContain("checked gaps");
    const json = JSON.parse((await exportReview({ viewer: security, id: review.id, format: "json" })).body.toString());
    expect(json).toMatchObject({ status: "SIGNED_OFF", signOffAuditHash: hash, frozen: true });
    expect(await db.auditLog.count({ where: { action: "reviews.export", targetId: review.id } })).toBe(2);
  });
});
