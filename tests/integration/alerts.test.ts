// Alert operations on a real database: the queue's filters and pages, single and bulk changes
// with version checks, dismissals that need a reason, suppressions on the audit trail, rules
// and their switches, the try-it box, and who may do what.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { db } from "@/lib/db";
import type { UserViewer } from "@/lib/auth/viewer";
import type { Severity } from "@/lib/generated/prisma/enums";
import { getAlertOrThrow } from "@/lib/alerts/get-alert";
import { listAlerts } from "@/lib/alerts/list-alerts";
import { listRules } from "@/lib/alerts/list-rules";
import { countNewAlerts } from "@/lib/alerts/count-new-alerts";
import { ZAlertFilter } from "@/lib/alerts/schemas";
import { listSuppressions, revokeSuppression, suppressAlert } from "@/lib/alerts/suppress-alert";
import { tryRule } from "@/lib/alerts/try-rule";
import { patchAlert, updateAlert, updateAlerts } from "@/lib/alerts/update-alerts";
import { updateRule } from "@/lib/alerts/update-rule";
import { getDetectionSettings, invalidateDetectionCache, updateDetectionSettings } from "@/lib/detections/settings";
import type { Prisma } from "@/lib/generated/prisma/client";
import { tailnetSettingRecord } from "@/lib/detections/helpers/setting-disabled";
import { stopBoss } from "@/lib/jobs/boss";
import { closeIngestPool } from "@/lib/ingest/pg-pool";
import { makeViewer } from "../support/db-helpers";

const RULE = "Tailscale.Audit.HTTPSDisabled";
const tag = randomBytes(4).toString("hex");

let security: UserViewer;
let security2: UserViewer;
let coo: UserViewer;
let employee: UserViewer;
let admin: UserViewer;

let n = 0;
async function makeAlert(o: { severity?: Severity; minutesAgo?: number; entity?: string; user?: string; device?: string; title?: string } = {}) {
  const at = new Date(Date.now() - (o.minutesAgo ?? 5) * 60_000);
  n++;
  return db.alert.create({
    data: {
      ruleId: RULE,
      severity: o.severity ?? "HIGH",
      title: o.title ?? `HTTPS certificates disabled ${tag} #${n}`,
      dedupKey: `t-${tag}-${n}:HTTPS`,
      firstSeenAt: at,
      lastSeenAt: at,
      dedupUntil: new Date(at.getTime() + 86_400_000),
      eventCount: 1,
      context: { actor: o.user ?? "mallory@example.com", setting: "HTTPS certificates" },
      matchedFields: ["target.type", "target.property", "action"],
      entityType: o.entity ? "user" : null,
      entity: o.entity ?? null,
      deviceNodeId: o.device ?? null,
      userLogin: o.user ?? null,
      events: { create: { eventKey: `audit:${tag}${n}`, kind: "audit", eventTime: at, matchedFields: ["target.type", "target.property", "action"], data: tailnetSettingRecord("HTTPS", "DISABLE").event as Prisma.InputJsonValue } },
    },
  });
}

const q = (extra: Record<string, unknown> = {}) => ZAlertFilter.parse({ q: tag, status: "OPEN,ACKNOWLEDGED,DISMISSED,LINKED", ...extra });

beforeAll(async () => {
  security = await makeViewer(["SECURITY"]);
  security2 = await makeViewer(["SECURITY"]);
  coo = await makeViewer(["COO"]);
  employee = await makeViewer([]);
  admin = await makeViewer(["ADMIN"]);
});
afterAll(async () => {
  await stopBoss();
  await closeIngestPool();
});

describe("the queue", () => {
  it("filters by status, severity, user, device and time, sorts, and pages without gaps or repeats", async () => {
    const a = await makeAlert({ severity: "LOW", minutesAgo: 50, user: `u-${tag}@example.com` });
    const b = await makeAlert({ severity: "CRITICAL", minutesAgo: 40, device: `n${tag}CNTRL` });
    const c = await makeAlert({ severity: "MEDIUM", minutesAgo: 30 });
    const d = await makeAlert({ severity: "HIGH", minutesAgo: 60 * 30 });
    const ids = (r: { alerts: { id: number }[] }) => r.alerts.map((x) => x.id);

    expect(ids(await listAlerts({ viewer: coo, filter: q() }))).toEqual([c.id, b.id, a.id, d.id]);
    expect(ids(await listAlerts({ viewer: security, filter: q({ sort: "oldest" }) }))).toEqual([d.id, a.id, b.id, c.id]);
    expect(ids(await listAlerts({ viewer: security, filter: q({ sort: "severity" }) }))).toEqual([b.id, d.id, c.id, a.id]);
    expect(ids(await listAlerts({ viewer: security, filter: q({ severity: "low,critical" }) }))).toEqual([b.id, a.id]);
    expect(ids(await listAlerts({ viewer: security, filter: q({ user: `u-${tag}` }) }))).toEqual([a.id]);
    expect(ids(await listAlerts({ viewer: security, filter: q({ device: `n${tag}CNTRL` }) }))).toEqual([b.id]);
    expect(ids(await listAlerts({ viewer: security, filter: q({ range: "24h" }) }))).toEqual([c.id, b.id, a.id]);

    for (const sort of ["newest", "oldest", "severity"] as const) {
      const seen: number[] = [];
      let before: string | undefined;
      for (let page = 0; page < 10; page++) {
        const r = await listAlerts({ viewer: security, filter: q({ sort, limit: "1", ...(before ? { before } : {}) }) });
        seen.push(...ids(r));
        if (!r.nextCursor) break;
        before = r.nextCursor;
      }
      expect(seen.sort()).toEqual([a.id, b.id, c.id, d.id].sort());
    }

    await updateAlert({ viewer: security, id: a.id, version: 0, input: { action: "acknowledge" } });
    const counts = (await listAlerts({ viewer: security, filter: q({ status: "OPEN" }) })).statusCounts;
    expect(counts).toMatchObject({ OPEN: 3, ACKNOWLEDGED: 1, DISMISSED: 0, LINKED: 0 });
  });

  it("counts open alerts raised since a time", async () => {
    const since = new Date(Date.now() - 1000);
    await makeAlert();
    expect((await countNewAlerts({ viewer: coo, since })).count).toBeGreaterThanOrEqual(1);
    expect((await countNewAlerts({ viewer: coo, since: new Date(Date.now() + 60_000) })).count).toBe(0);
  });
});

describe("changing alerts", () => {
  it("acknowledges, assigns, dismisses with a reason and reopens one alert, each on the audit trail", async () => {
    const alert = await makeAlert();
    let { version } = await updateAlert({ viewer: security, id: alert.id, version: alert.version, input: { action: "acknowledge" } });
    ({ version } = await updateAlert({ viewer: security, id: alert.id, version, input: { action: "assign", assigneeId: security2.id } }));
    await expect(updateAlert({ viewer: security, id: alert.id, version, input: { action: "dismiss", dismissal: "BENIGN", reason: "" } })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(updateAlert({ viewer: security, id: alert.id, version, input: { action: "dismiss", dismissal: "BENIGN" } })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    ({ version } = await updateAlert({ viewer: security, id: alert.id, version, input: { action: "dismiss", dismissal: "EXPECTED", reason: "Planned change CHG-42" } }));
    let stored = await db.alert.findUniqueOrThrow({ where: { id: alert.id } });
    expect(stored).toMatchObject({ status: "DISMISSED", dismissal: "EXPECTED", dismissReason: "Planned change CHG-42", assigneeId: security2.id, version: 3 });
    await updateAlert({ viewer: security, id: alert.id, version, input: { action: "reopen" } });
    stored = await db.alert.findUniqueOrThrow({ where: { id: alert.id } });
    expect(stored).toMatchObject({ status: "OPEN", dismissal: null, dismissReason: null });
    const trail = await db.auditLog.findMany({ where: { targetType: "Alert", targetId: String(alert.id) }, orderBy: { seq: "asc" } });
    expect(trail.map((t) => t.action)).toEqual(["alert.acknowledge", "alert.assign", "alert.dismiss", "alert.reopen"]);
    expect(trail[2]!.after).toMatchObject({ dismissal: "EXPECTED", dismissReason: "Planned change CHG-42" });
  });

  it("refuses a stale version with a conflict that says what happened", async () => {
    const alert = await makeAlert();
    await updateAlert({ viewer: security, id: alert.id, version: 0, input: { action: "acknowledge" } });
    await expect(updateAlert({ viewer: security2, id: alert.id, version: 0, input: { action: "dismiss", dismissal: "FALSE_POSITIVE", reason: "noise" } })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/changed since you loaded it/),
    });
    expect((await db.alert.findUniqueOrThrow({ where: { id: alert.id } })).status).toBe("ACKNOWLEDGED");
  });

  it("assigns only to the security team", async () => {
    const alert = await makeAlert();
    await expect(updateAlert({ viewer: security, id: alert.id, version: 0, input: { action: "assign", assigneeId: coo.id } })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(updateAlert({ viewer: security, id: alert.id, version: 0, input: { action: "assign", assigneeId: "no-such-user" } })).rejects.toMatchObject({ code: "INVALID_INPUT" });
  });

  it("changes many at once, skipping those the action does not apply to", async () => {
    const [x, y, z] = [await makeAlert(), await makeAlert(), await makeAlert()];
    await updateAlert({ viewer: security, id: z.id, version: 0, input: { action: "acknowledge" } });
    const result = await updateAlerts({ viewer: security, ids: [String(x.id), String(y.id), String(z.id), "2147483000"], input: { action: "acknowledge" } });
    expect(result.changed.sort()).toEqual([x.id, y.id].sort());
    expect(result.skipped).toEqual([
      { id: z.id, reason: expect.stringMatching(/already acknowledged/) },
      { id: 2147483000, reason: "no such alert" },
    ]);
    const dismissed = await updateAlerts({ viewer: security, ids: [x.id, y.id, z.id].map(String), input: { action: "dismiss", dismissal: "FALSE_POSITIVE", reason: "Known scanner" } });
    expect(dismissed.changed).toHaveLength(3);
    await expect(updateAlerts({ viewer: security, ids: [String(x.id)], input: { action: "reopen", extra: 1 } })).resolves.toBeTruthy();
    await expect(updateAlerts({ viewer: security, ids: [], input: { action: "acknowledge" } })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(updateAlerts({ viewer: security, ids: ["abc"], input: { action: "acknowledge" } })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(updateAlerts({ viewer: security, ids: [String(y.id)], input: { action: "dismiss", dismissal: "BENIGN", reason: " " } })).rejects.toMatchObject({ code: "INVALID_INPUT" });
  });

  it("the API's PATCH moves status and assignee at one version; the same status changes nothing", async () => {
    const alert = await makeAlert();
    const r = await patchAlert({ viewer: security, id: alert.id, input: { status: "ACKNOWLEDGED", assignee: security2.email, version: 0 } });
    expect(r.version).toBe(2);
    expect(await db.alert.findUniqueOrThrow({ where: { id: alert.id } })).toMatchObject({ status: "ACKNOWLEDGED", assigneeId: security2.id });
    expect((await patchAlert({ viewer: security, id: alert.id, input: { status: "ACKNOWLEDGED", version: 2 } })).version).toBe(2);
    await expect(patchAlert({ viewer: security, id: alert.id, input: { status: "DISMISSED", dismissal: "BENIGN", version: 2 } })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(patchAlert({ viewer: security, id: "12abc", input: { status: "OPEN", version: 0 } })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("one alert", () => {
  it("comes with its events, the rule's metadata, similar alerts and suppressions", async () => {
    const entity = `e-${tag}@example.com`;
    const first = await makeAlert({ entity });
    const second = await makeAlert({ entity, minutesAgo: 1 });
    const { id: suppressionId } = await suppressAlert({ viewer: security, alertId: first.id, input: { period: "24h", reason: "Maintenance window SEC-7" } });
    const detail = await getAlertOrThrow({ viewer: coo, id: String(first.id) });
    expect(detail.alert.id).toBe(first.id);
    expect(detail.events).toHaveLength(1);
    expect(detail.events[0]!.auditEventId).toBe(detail.events[0]!.eventKey.slice("audit:".length));
    expect(detail.rule).toMatchObject({ id: RULE, title: "HTTPS certificates disabled", severity: "HIGH" });
    expect(detail.rule!.runbook.length).toBeGreaterThan(1);
    expect(detail.similar.map((s) => s.id)).toContain(second.id);
    expect(detail.suppressions).toEqual([expect.objectContaining({ id: suppressionId, entity, reason: "Maintenance window SEC-7", createdBy: expect.any(String) })]);
    await expect(getAlertOrThrow({ viewer: coo, id: "abc" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getAlertOrThrow({ viewer: coo, id: "99999999999" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("suppressions", () => {
  it("are created for the alert's rule and entity, listed, revoked, and audited", async () => {
    const entity = `s-${tag}@example.com`;
    const alert = await makeAlert({ entity });
    await expect(suppressAlert({ viewer: security, alertId: alert.id, input: { period: "7d", reason: "" } })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(suppressAlert({ viewer: security, alertId: alert.id, input: { period: "until", until: "2001-01-01", reason: "old date" } })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    const { id } = await suppressAlert({ viewer: security, alertId: alert.id, input: { period: "7d", reason: "Vendor test week" } });
    const stored = await db.alertSuppression.findUniqueOrThrow({ where: { id } });
    expect(stored).toMatchObject({ ruleId: RULE, entityType: "user", entity, createdById: security.id });
    expect(stored.expiresAt.getTime() - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
    expect((await listSuppressions({ viewer: coo, ruleId: RULE })).map((s) => s.id)).toContain(id);
    await revokeSuppression({ viewer: security, id });
    expect((await listSuppressions({ viewer: coo, ruleId: RULE })).map((s) => s.id)).not.toContain(id);
    await expect(revokeSuppression({ viewer: security, id })).rejects.toMatchObject({ code: "CONFLICT" });
    const trail = await db.auditLog.findMany({ where: { targetType: "AlertSuppression", targetId: String(id) }, orderBy: { seq: "asc" } });
    expect(trail.map((t) => t.action)).toEqual(["alert.suppress", "alert.suppression_revoke"]);
    expect(trail[0]!.after).toMatchObject({ entity, reason: "Vendor test week" });
    const noEntity = await makeAlert();
    await expect(suppressAlert({ viewer: security, alertId: noEntity.id, input: { period: "1h", reason: "nothing to silence" } })).rejects.toMatchObject({ code: "INVALID_INPUT" });
  });
});

describe("rules", () => {
  it("lists every registry rule with its statistics, and takes switches on the audit trail", async () => {
    const fp = await makeAlert();
    await updateAlert({ viewer: security, id: fp.id, version: 0, input: { action: "dismiss", dismissal: "FALSE_POSITIVE", reason: "Test tenant" } });
    const rules = await listRules({ viewer: coo });
    const rule = rules.find((r) => r.id === RULE)!;
    expect(rule).toMatchObject({ kind: "realtime", logType: "audit", enabled: true, severity: "HIGH", dedupMinutes: 1440 });
    expect(rule.alertCount).toBeGreaterThan(0);
    expect(rule.falsePositiveRate).toBeGreaterThan(0);
    expect(rule.lastFiredAt).not.toBeNull();

    await updateRule({ viewer: security, id: RULE, input: { enabled: "false", severity: "CRITICAL", dedupMinutes: "60" } });
    invalidateDetectionCache();
    expect((await getDetectionSettings()).rules[RULE]).toEqual({ enabled: false, severity: "CRITICAL", dedupMinutes: 60 });
    expect((await listRules({ viewer: coo })).find((r) => r.id === RULE)).toMatchObject({ enabled: false, severity: "CRITICAL", dedupMinutes: 60 });
    await expect(updateRule({ viewer: security, id: RULE, input: { severity: "SHOUTING" } })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(updateRule({ viewer: security, id: RULE, input: { dedupMinutes: "0" } })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(updateRule({ viewer: security, id: "No.Such.Rule", input: { enabled: true } })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await updateRule({ viewer: security, id: RULE, input: { enabled: true, severity: "", dedupMinutes: "" } });
    expect((await getDetectionSettings()).rules[RULE]).toBeUndefined();
    const trail = await db.auditLog.findMany({ where: { action: "detections.rule_update", targetId: RULE }, orderBy: { seq: "asc" } });
    expect(trail.at(-2)!.after).toEqual({ enabled: false, severity: "CRITICAL", dedupMinutes: 60 });
  });

  it("tries a rule on pasted JSON, and answers bad input with a message rather than an error", async () => {
    const disable = JSON.stringify(tailnetSettingRecord("HTTPS", "DISABLE"));
    const result = await tryRule({ viewer: coo, ruleId: RULE, text: `[${disable}, ${JSON.stringify(tailnetSettingRecord("HTTPS", "ENABLE"))}, ${JSON.stringify(tailnetSettingRecord("MAGIC_DNS", "DISABLE"))}]` });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.outcomes.map((o) => o.verdict)).toEqual(["match", "follows", "no"]);
    expect(result.outcomes[0]).toMatchObject({ severity: "HIGH", dedupKey: "example.com:HTTPS", matchedFields: ["target.type", "target.property", "action"] });
    expect(result.outcomes[0]!.title).toMatch(/HTTPS certificates disabled by mallory@example.com/);

    expect(await tryRule({ viewer: coo, ruleId: RULE, text: "{not json" })).toMatchObject({ ok: false, error: expect.stringMatching(/not valid JSON/) });
    expect(await tryRule({ viewer: coo, ruleId: RULE, text: "" })).toMatchObject({ ok: false });
    expect(await tryRule({ viewer: coo, ruleId: RULE, text: 42 })).toMatchObject({ ok: false });
    expect(await tryRule({ viewer: coo, ruleId: RULE, text: "x".repeat(300 * 1024) })).toMatchObject({ ok: false, error: expect.stringMatching(/KiB/) });
    const odd = await tryRule({ viewer: coo, ruleId: RULE, text: '{"hello": "world"}' });
    expect(odd.ok ? odd.outcomes[0]!.verdict : "refused").toBe("error");
    await expect(tryRule({ viewer: coo, ruleId: "No.Such.Rule", text: "{}" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("says a threshold rule's match counts toward its threshold", async () => {
    const record = tailnetSettingRecord("HTTPS", "DISABLE");
    const refused = JSON.stringify({ ...record, event: { ...record.event, error: "permission denied" } });
    const result = await tryRule({ viewer: coo, ruleId: "Tailscale.Audit.RepeatedFailedChanges", text: refused });
    expect(result).toMatchObject({ ok: true, outcomes: [{ verdict: "match", note: expect.stringMatching(/once 5 matching events with the same dedup key fall within 15 min/) }] });
    const plain = await tryRule({ viewer: coo, ruleId: RULE, text: JSON.stringify(tailnetSettingRecord("HTTPS", "DISABLE")) });
    expect(plain.ok && plain.outcomes[0]!.note).toBeFalsy();
  });
});

describe("who may do what", () => {
  it("the COO reads but does not act; employees and admins see nothing", async () => {
    const alert = await makeAlert({ entity: `w-${tag}@example.com` });
    await expect(listAlerts({ viewer: coo, filter: q() })).resolves.toBeTruthy();
    await expect(getAlertOrThrow({ viewer: coo, id: alert.id })).resolves.toBeTruthy();
    await expect(updateAlert({ viewer: coo, id: alert.id, version: 0, input: { action: "acknowledge" } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(updateAlerts({ viewer: coo, ids: [String(alert.id)], input: { action: "acknowledge" } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(suppressAlert({ viewer: coo, alertId: alert.id, input: { period: "1h", reason: "because" } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(updateRule({ viewer: coo, id: RULE, input: { enabled: false } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    for (const viewer of [employee, admin]) {
      await expect(listAlerts({ viewer, filter: q() })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(getAlertOrThrow({ viewer, id: alert.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(listRules({ viewer })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(tryRule({ viewer, ruleId: RULE, text: "{}" })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(countNewAlerts({ viewer, since: new Date() })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    expect((await db.alert.findUniqueOrThrow({ where: { id: alert.id } })).status).toBe("OPEN");
  });
});

describe("thresholds and lists", () => {
  it("are saved by the security team with clear messages for what does not fit, on the audit trail", async () => {
    // Other test files read the defaults: the stored settings are put back afterwards.
    const stored = await db.appSetting.findUnique({ where: { key: "detections" } });
    onTestFinished(async () => {
      if (stored) await db.appSetting.update({ where: { key: "detections" }, data: { value: stored.value as Prisma.InputJsonValue } });
      else await db.appSetting.deleteMany({ where: { key: "detections" } });
      invalidateDetectionCache();
    });
    await updateDetectionSettings({ viewer: security, input: { sensitivePorts: [22, 3389], portScan: { windowMinutes: 10, distinctPorts: 40, distinctHosts: 20 } } });
    invalidateDetectionCache();
    expect(await getDetectionSettings()).toMatchObject({ sensitivePorts: [22, 3389], portScan: { windowMinutes: 10, distinctPorts: 40, distinctHosts: 20 } });
    await expect(updateDetectionSettings({ viewer: security, input: { companyDomains: ["not a domain"] } })).rejects.toMatchObject({ code: "INVALID_INPUT", details: { fieldErrors: { "companyDomains.0": ["a domain such as example.com"] } } });
    await expect(updateDetectionSettings({ viewer: security, input: { rules: {} } })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(updateDetectionSettings({ viewer: coo, input: { sensitivePorts: [22] } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const [last] = await db.auditLog.findMany({ where: { action: "detections.settings_update" }, orderBy: { seq: "desc" }, take: 1 });
    expect(last!.after).toMatchObject({ sensitivePorts: [22, 3389] });
  });
});
