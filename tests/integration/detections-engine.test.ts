// The detection engine on a real database: matches are written with the records that caused them,
// fold into alerts (dedup window, "turned back on", re-deliveries, suppressions), and windowed
// rules evaluate each window exactly once across restarts.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ingestStream } from "@/lib/ingest/ingest";
import { closeIngestPool } from "@/lib/ingest/pg-pool";
import { findOrCreateSource } from "@/lib/ingest/sources";
import { raiseAlerts } from "@/lib/alerts/raise-alerts";
import { runWindowedRules } from "@/lib/detections/run-windowed";
import { defineWindowedRule } from "@/lib/detections/define-rule";
import { stopBoss } from "@/lib/jobs/boss";
import { auditRecord } from "../support/tailscale-records";
import { normalizeRecord } from "@/lib/ingest/records";
import { storeBatch } from "@/lib/ingest/store-batch";
import { runIngestMaintenance } from "@/lib/ingest/maintenance";

let sourceId: number;
const ingest = (records: object[]) => ingestStream([Buffer.from(records.map((r) => JSON.stringify(r)).join("\n"))], { sourceId });

beforeAll(async () => {
  sourceId = (await findOrCreateSource(`detections-test-${Date.now()}`, "IMPORT")).id;
});
afterAll(async () => {
  await stopBoss();
  await closeIngestPool();
});

const httpsRecord = (tailnet: string, action: string, at: number) =>
  auditRecord({ target: { id: tailnet, name: tailnet, type: "TAILNET", property: "HTTPS" }, action, origin: "CONFIG_API" }, at);

describe("real-time rules in the pipeline", () => {
  it("raises one alert for a disable, joins the re-enable to it, and never counts a re-delivery twice", async () => {
    const tailnet = `t-${randomBytes(4).toString("hex")}.example`;
    const t0 = Date.now() - 10 * 60_000;
    const disable = httpsRecord(tailnet, "DISABLE", t0);
    await ingest([disable]);
    const waiting = await db.detectionMatch.count({ where: { dedupKey: `${tailnet}:HTTPS` } });
    expect(waiting).toBe(1);
    await raiseAlerts();
    const alerts = await db.alert.findMany({ where: { dedupKey: `${tailnet}:HTTPS` }, include: { events: true } });
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ ruleId: "Tailscale.Audit.HTTPSDisabled", severity: "HIGH", status: "OPEN", eventCount: 1 });
    expect(alerts[0]!.title).toContain("through the API");
    // High is at the default notification floor: the notification job was enqueued with the alert.
    const jobs = await db.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM pgboss.job WHERE name = 'notification_plan' AND data->>'type' = 'alert.raised' AND (data->>'alertId')::int = ${alerts[0]!.id}`;
    expect(Number(jobs[0]!.n)).toBe(1);

    await ingest([disable, httpsRecord(tailnet, "ENABLE", t0 + 60_000)]); // re-delivery + turned back on
    await raiseAlerts();
    const after = await db.alert.findMany({ where: { dedupKey: `${tailnet}:HTTPS` }, include: { events: { orderBy: { eventTime: "asc" } } } });
    expect(after).toHaveLength(1);
    expect(after[0]!.eventCount).toBe(1);
    expect(after[0]!.status).toBe("OPEN");
    expect(after[0]!.events.map((e) => e.isRelated)).toEqual([false, true]);

    await ingest([httpsRecord(tailnet, "DISABLE", t0 + 120_000)]);
    await raiseAlerts();
    expect((await db.alert.findFirstOrThrow({ where: { dedupKey: `${tailnet}:HTTPS` } })).eventCount).toBe(2);
  });

  it("turning a setting back on with no alert to join raises nothing", async () => {
    const tailnet = `t-${randomBytes(4).toString("hex")}.example`;
    await ingest([httpsRecord(tailnet, "ENABLE", Date.now() - 60_000)]);
    await raiseAlerts();
    expect(await db.alert.count({ where: { dedupKey: `${tailnet}:HTTPS` } })).toBe(0);
  });

  it("a suppression silences the rule for its entity and counts what it silenced", async () => {
    const login = `sup-${randomBytes(3).toString("hex")}@example.com`;
    const tailnet = `t-${randomBytes(4).toString("hex")}.example`;
    const suppression = await db.alertSuppression.create({
      data: { ruleId: "Tailscale.Audit.HTTPSDisabled", entityType: "user", entity: login, reason: "change window", expiresAt: new Date(Date.now() + 3_600_000) },
    });
    const record = httpsRecord(tailnet, "DISABLE", Date.now() - 60_000);
    await ingest([{ ...record, actor: { ...record.actor, loginName: login } }]);
    await raiseAlerts();
    expect(await db.alert.count({ where: { dedupKey: `${tailnet}:HTTPS` } })).toBe(0);
    expect((await db.alertSuppression.findUniqueOrThrow({ where: { id: suppression.id } })).silencedCount).toBe(1);
  });
});

describe("a threshold rule (Tailscale.Audit.RepeatedFailedChanges: 5 refused changes by one actor in 15 minutes)", () => {
  const refused = (login: string, at: number, target = "server-1") =>
    auditRecord({ actor: { id: `u${login}`, type: "USER", loginName: login, displayName: login }, action: "UPDATE", target: { id: `n${target}`, name: target, type: "NODE", property: "ACL_TAGS" }, error: "permission denied" }, at);
  const alertsOf = (login: string) =>
    db.alert.findMany({ where: { ruleId: "Tailscale.Audit.RepeatedFailedChanges", dedupKey: login }, include: { events: { orderBy: { eventTime: "asc" } } } });
  const held = (login: string) => db.detectionHeldMatch.count({ where: { ruleId: "Tailscale.Audit.RepeatedFailedChanges", dedupKey: login } });

  it("holds the refusals until the fifth, then raises one alert holding all five; later ones join it", async () => {
    const mallory = `mallory-${randomBytes(3).toString("hex")}@example.com`;
    const t0 = Date.now() - 30 * 60_000;
    await ingest([0, 1, 2, 3].map((i) => refused(mallory, t0 + i * 60_000, `server-${i}`)));
    await raiseAlerts();
    expect(await alertsOf(mallory)).toEqual([]);
    expect(await held(mallory)).toBe(4);

    await ingest([refused(mallory, t0 + 4 * 60_000, "server-4")]);
    const summary = await raiseAlerts();
    expect(summary.raised).toBeGreaterThanOrEqual(1);
    const [alert, ...others] = await alertsOf(mallory);
    expect(others).toEqual([]);
    expect(alert).toMatchObject({ severity: "MEDIUM", eventCount: 5, entityType: "user", entity: mallory, status: "OPEN" });
    expect(alert!.firstSeenAt.toISOString()).toBe(new Date(t0).toISOString());
    expect(alert!.events.map((e) => (e.data as { target: { name: string } }).target.name)).toEqual(["server-0", "server-1", "server-2", "server-3", "server-4"]);
    expect(alert!.context).toMatchObject({ error: "permission denied", threshold: "5 matching events within 15 min; 5 on the alert when it was raised" });
    expect(await held(mallory)).toBe(0);

    const sixth = refused(mallory, t0 + 6 * 60_000, "server-6");
    await ingest([sixth]);
    await raiseAlerts();
    await ingest([sixth]); // a re-delivery
    await raiseAlerts();
    expect((await alertsOf(mallory)).map((a) => a.eventCount)).toEqual([6]);
  });

  it("does not raise for refusals spread wider than the window, nor count one record twice", async () => {
    const slow = `slow-${randomBytes(3).toString("hex")}@example.com`;
    const t0 = Date.now() - 3 * 3_600_000;
    // Five refusals 20 minutes apart, then one re-delivered four times: never five in 15 minutes.
    await ingest([0, 1, 2, 3, 4].map((i) => refused(slow, t0 + i * 20 * 60_000, `server-${i}`)));
    const again = refused(slow, t0 + 100 * 60_000 + 30_000, "server-9");
    for (let i = 0; i < 4; i++) await ingest([again]);
    await raiseAlerts();
    expect(await alertsOf(slow)).toEqual([]);
    expect(await held(slow)).toBe(6);
  });

  it("counts records that arrive late by their own time (a backfill), folded in any order", async () => {
    const late = `late-${randomBytes(3).toString("hex")}@example.com`;
    const t0 = Date.now() - 20 * 3_600_000;
    // One at a time, the earliest last: the fifth to be folded happened first.
    for (const i of [4, 2, 3, 1]) {
      await ingest([refused(late, t0 + i * 30_000, `server-${i}`)]);
      await raiseAlerts();
    }
    expect(await alertsOf(late)).toEqual([]);
    await ingest([refused(late, t0, "server-0")]);
    await raiseAlerts();
    const [alert, ...others] = await alertsOf(late);
    expect(others).toEqual([]);
    expect(alert).toMatchObject({ eventCount: 5 });
    expect(alert!.firstSeenAt.toISOString()).toBe(new Date(t0).toISOString());
    expect(alert!.events.map((e) => (e.data as { target: { name: string } }).target.name)).toEqual(["server-0", "server-1", "server-2", "server-3", "server-4"]);
    expect(await held(late)).toBe(0);
  });

  it("puts every held refusal its window covers on the alert, whatever the order they came in", async () => {
    const early = `early-${randomBytes(3).toString("hex")}@example.com`;
    const t0 = Date.now() - 10 * 3_600_000;
    // At 0, 10, 16, 17, 18 and 19 minutes: five within 15 minutes from 10; the one at 0 is inside the alert's hour.
    for (const minute of [0, 10, 16, 17, 18, 19]) {
      await ingest([refused(early, t0 + minute * 60_000, `server-${minute}`)]);
      await raiseAlerts();
    }
    const [alert, ...others] = await alertsOf(early);
    expect(others).toEqual([]);
    expect(alert).toMatchObject({ eventCount: 6 });
    expect(alert!.firstSeenAt.toISOString()).toBe(new Date(t0).toISOString());
    expect(await held(early)).toBe(0);
  });
});

describe("held matches", () => {
  it("are forgotten by the maintenance job once they are two days old", async () => {
    const key = `stale-${randomBytes(3).toString("hex")}`;
    const row = (eventKey: string) => ({ ruleId: "Tailscale.Audit.RepeatedFailedChanges", dedupKey: key, eventKey, eventTime: new Date(), match: {} });
    await db.detectionHeldMatch.createMany({ data: [{ ...row(`${key}:old`), createdAt: new Date(Date.now() - 49 * 3_600_000) }, row(`${key}:new`)] });
    await runIngestMaintenance();
    expect((await db.detectionHeldMatch.findMany({ where: { dedupKey: key } })).map((h) => h.eventKey)).toEqual([`${key}:new`]);
    await db.detectionHeldMatch.deleteMany({ where: { dedupKey: key } });
  });
});

describe("a dismissed alert", () => {
  it("is not joined by a repeat: the repeat raises a new alert (and notifies)", async () => {
    const tailnet = `t-${randomBytes(4).toString("hex")}.example`;
    const t0 = Date.now() - 30 * 60_000;
    await ingest([httpsRecord(tailnet, "DISABLE", t0)]);
    await raiseAlerts();
    const first = await db.alert.findFirstOrThrow({ where: { dedupKey: `${tailnet}:HTTPS` } });
    await db.alert.update({ where: { id: first.id }, data: { status: "DISMISSED", dismissal: "EXPECTED", dismissReason: "change window", dismissedAt: new Date() } });

    await ingest([httpsRecord(tailnet, "DISABLE", t0 + 10 * 60_000)]);
    await raiseAlerts();
    const alerts = await db.alert.findMany({ where: { dedupKey: `${tailnet}:HTTPS` }, orderBy: { id: "asc" } });
    expect(alerts.map((a) => [a.status, a.eventCount])).toEqual([["DISMISSED", 1], ["OPEN", 1]]);
    const jobs = await db.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM pgboss.job WHERE name = 'notification_plan' AND data->>'type' = 'alert.raised' AND (data->>'alertId')::int = ${alerts[1]!.id}`;
    expect(Number(jobs[0]!.n)).toBe(1);
  });
});

/** A windowed rule that answers one row per window it is asked about (its start), to prove the runner. */
function windowRule(name: string, options: { minutes: number; logType?: "audit" | "flow"; severity?: "INFO" | "LOW"; after?: { watermark: string; readsBehindMinutes: number } }) {
  const id = `Countersign.Test.${name}${randomBytes(3).toString("hex")}`;
  const rule = defineWindowedRule<{ n: number; from: string }>({
    id,
    title: `Test ${name}`,
    description: "Answers one row per window it is asked about.",
    logType: options.logType ?? "audit",
    ...(options.after ? { after: options.after } : {}),
    mitre: ["TA0005:T1562"],
    runbook: "a\nb",
    reference: ["https://example.com"],
    dedupMinutes: 1,
    windowMinutes: () => options.minutes,
    sql: `SELECT 1 AS n, $1::timestamptz::text AS "from" WHERE $2::timestamptz > $1::timestamptz`,
    severity: options.severity ?? "LOW",
    evaluate: (row) => row.n === 1,
    dedupKey: (row) => row.from,
    alertTitle: (row) => `Window from ${row.from}`,
    matchedFields: ["n"],
    tests: [],
  });
  return { id, rule };
}

describe("windowed rules", () => {
  it("evaluate each window once, resume from the watermark after a restart, and raise from their rows", async () => {
    const { id, rule } = windowRule("Window", { minutes: 5 });
    const now = new Date("2026-11-20T12:00:30Z");
    const first = await runWindowedRules({ now, rules: [rule] });
    expect(first[0]).toMatchObject({ windows: 1, matches: 1 });
    // Nothing new closed: nothing evaluated again.
    expect((await runWindowedRules({ now, rules: [rule] }))[0]).toMatchObject({ windows: 0 });
    // Twenty minutes later (a restart in between changes nothing: the watermark is in the database).
    const later = await runWindowedRules({ now: new Date(now.getTime() + 20 * 60_000), rules: [rule] });
    expect(later[0]).toMatchObject({ windows: 4, matches: 4 });
    await raiseAlerts();
    const alerts = await db.alert.findMany({ where: { ruleId: id }, orderBy: { firstSeenAt: "asc" } });
    expect(alerts).toHaveLength(5);
    const starts = alerts.map((a) => a.firstSeenAt.getTime());
    expect(new Set(starts).size).toBe(5);
    // Low is under the default floor (High): no notification.
    const jobs = await db.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM pgboss.job WHERE name = 'notification_plan' AND (data->>'alertId')::int = ANY(${alerts.map((a) => a.id)})`;
    expect(Number(jobs[0]!.n)).toBe(0);
    for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBe(5 * 60_000);
  });

  it("that read another job's results wait for that job's watermark", async () => {
    const other = `test.results.${randomBytes(3).toString("hex")}`;
    const { id, rule } = windowRule("After", { minutes: 15, logType: "flow", severity: "INFO", after: { watermark: other, readsBehindMinutes: 20 } });
    const now = new Date("2026-11-20T12:02:30Z");
    const start = new Date("2026-11-20T06:00:00Z");
    await db.detectionWatermark.create({ data: { ruleId: id, evaluatedTo: start, startedAt: start } });
    // The other job has not run: nothing is evaluated, the watermark stays.
    expect((await runWindowedRules({ now, rules: [rule] }))[0]).toMatchObject({ windows: 0 });
    // It has checked up to 07:40: windows up to 08:00 (read up to 07:40) are evaluated, no further.
    await db.detectionWatermark.create({ data: { ruleId: other, evaluatedTo: new Date("2026-11-20T07:40:00Z") } });
    expect((await runWindowedRules({ now, rules: [rule] }))[0]).toMatchObject({ windows: 8 });
    expect((await db.detectionWatermark.findUniqueOrThrow({ where: { ruleId: id } })).evaluatedTo.toISOString()).toBe("2026-11-20T08:00:00.000Z");
    // Caught up: everything due (up to 12:00) once the other job is.
    await db.detectionWatermark.update({ where: { ruleId: other }, data: { evaluatedTo: now } });
    expect((await runWindowedRules({ now, rules: [rule] }))[0]).toMatchObject({ windows: 16 });
    await db.detectionMatch.deleteMany({ where: { ruleId: id } });
  });

  it("after a long stop, catch up six hours a run, skipping no window", async () => {
    const { id, rule } = windowRule("CatchUp", { minutes: 5, severity: "INFO" });
    // Stopped for 26 hours: 312 windows of 5 minutes closed since the watermark.
    const now = new Date("2026-11-20T12:00:30Z");
    const from = now.getTime() - 26 * 3_600_000 - 30_000 - 2 * 60_000;
    await db.detectionWatermark.create({ data: { ruleId: id, evaluatedTo: new Date(from), startedAt: new Date(from) } });
    const runs = [];
    for (let i = 0; i < 6; i++) runs.push((await runWindowedRules({ now, rules: [rule] }))[0]!.windows);
    expect(runs).toEqual([72, 72, 72, 72, 24, 0]);
    const matches = await db.detectionMatch.findMany({ where: { ruleId: id }, select: { eventTime: true } });
    const times = matches.map((m) => m.eventTime.getTime()).sort((a, b) => a - b);
    expect(times).toHaveLength(312);
    expect(times[0]).toBe(from);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBe(5 * 60_000);
    await db.detectionMatch.deleteMany({ where: { ruleId: id } });
  });
});

describe("a record the database refuses", () => {
  it("is quarantined alone; the rest of its batch is stored (not a 503 the sender retries forever)", async () => {
    const good = normalizeRecord(auditRecord());
    const bad = normalizeRecord(auditRecord());
    if (good.type !== "audit" || bad.type !== "audit") throw new Error("test records must be audit records");
    // A calendar date PostgreSQL refuses, as if normalisation had let it through.
    const refused = { ...bad.row, eventTime: "2026-02-30T10:00:00Z" };
    const result = await storeBatch(sourceId, { audits: [good.row, refused], flows: [], quarantine: [], nodes: [] });
    expect(result).toMatchObject({ auditStored: 1, quarantined: 1 });
    const [row] = await db.quarantinedRecord.findMany({ where: { sourceId }, orderBy: { id: "desc" }, take: 1 });
    expect(row?.reason).toMatch(/^the database refused this record: /);
    expect(row?.raw).toContain("2026-02-30");
  });

  it("normalisation already refuses impossible dates with a reason", async () => {
    const summary = await ingest([auditRecord({ eventTime: "2026-02-30T10:00:00Z" })]);
    expect(summary).toMatchObject({ read: 1, auditStored: 0, quarantined: 1 });
  });
});
