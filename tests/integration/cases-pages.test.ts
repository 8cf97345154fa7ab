// What the case pages rest on, on a real database: saved views (per person, validated, replaced
// under the same name, deleted only by their owner), the SLA setting (validated, used by create
// and re-grade, on the audit trail), the overdue announcement (once per case and due date,
// COO_ONLY to the COO alone, sealed cases by reference only in Slack), merging moving evidence,
// comments and obligations, and unlinking an alert returning it to its status before the case.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { UserViewer } from "@/lib/auth/viewer";
import { createCase } from "@/lib/cases/create-case";
import { getCaseOrThrow } from "@/lib/cases/get-case";
import { listCases } from "@/lib/cases/list-cases";
import { mergeCases } from "@/lib/cases/merge-cases";
import { deleteView, listSavedViews, saveView } from "@/lib/cases/saved-views";
import { getSlaHours, SLA_SETTING_KEY, updateSlaHours } from "@/lib/cases/sla";
import { notifyOverdueCases } from "@/lib/cases/sla-overdue";
import { unlinkAlert } from "@/lib/cases/unlink-alert";
import { updateCase } from "@/lib/cases/update-case";
import { planCaseOverdueDeliveries } from "@/lib/notifications/plan";
import { stopBoss } from "@/lib/jobs/boss";
import { closeIngestPool } from "@/lib/ingest/pg-pool";
import { makeAlert as makeTestAlert, makeViewer } from "../support/db-helpers";

const tag = randomBytes(4).toString("hex");
let security: UserViewer;
let other: UserViewer;
let coo: UserViewer;
let savedSla: unknown;

let n = 0;
async function makeAlert(data: { acknowledgedAt?: Date; status?: "OPEN" | "ACKNOWLEDGED" } = {}) {
  n++;
  return makeTestAlert({ severity: "MEDIUM", title: `Pages ${tag} #${n}`, status: data.status ?? "OPEN", acknowledgedAt: data.acknowledgedAt ?? null });
}

beforeAll(async () => {
  security = await makeViewer(["SECURITY"]);
  other = await makeViewer(["SECURITY"]);
  coo = await makeViewer(["COO"]);
  savedSla = (await db.appSetting.findUnique({ where: { key: SLA_SETTING_KEY } }))?.value ?? null;
});
afterAll(async () => {
  // Restore the SLA as it was: other tests share the database.
  if (savedSla === null) await db.appSetting.deleteMany({ where: { key: SLA_SETTING_KEY } });
  else await db.appSetting.update({ where: { key: SLA_SETTING_KEY }, data: { value: savedSla as object } });
  await stopBoss();
  await closeIngestPool();
});

describe("saved views", () => {
  it("keeps a person's named filters, canonical and valid, replaces by name, and deletes only their own", async () => {
    const saved = await saveView({ viewer: security, input: { name: "My overdue", query: "?status=open&mine=true&overdue=true&page=3&junk=1" } });
    expect(saved).toMatchObject({ name: "My overdue", query: "status=open&mine=true&overdue=true", replaced: false });
    const again = await saveView({ viewer: security, input: { name: "My overdue", query: "severity=HIGH,CRITICAL" } });
    expect(again).toMatchObject({ id: saved.id, query: "severity=HIGH%2CCRITICAL", replaced: true });
    expect((await listSavedViews({ viewer: security })).map((v) => v.name)).toEqual(["My overdue"]);
    expect(await listSavedViews({ viewer: other })).toEqual([]);

    await expect(saveView({ viewer: security, input: { name: "", query: "" } })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(saveView({ viewer: security, input: { name: "x".repeat(61), query: "" } })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(saveView({ viewer: security, input: { name: "Bad", query: "severity=APOCALYPTIC" } })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(saveView({ viewer: security, input: { name: 42, query: [] } })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(saveView({ viewer: await makeViewer([]), input: { name: "Nope", query: "" } })).rejects.toMatchObject({ code: "FORBIDDEN" });

    // Someone else's view does not exist for them.
    await expect(deleteView({ viewer: other, id: saved.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await deleteView({ viewer: security, id: saved.id });
    expect(await listSavedViews({ viewer: security })).toEqual([]);
    const audit = await db.auditLog.findMany({ where: { targetType: "SavedCaseView", targetId: saved.id }, orderBy: { seq: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["case_view.create", "case_view.update", "case_view.delete"]);
  });

  it("filters the list by class, mine and overdue", async () => {
    const mine = await createCase({ viewer: security, input: { title: `Mine ${tag}`, severity: "LOW" } });
    const theirs = await createCase({ viewer: other, input: { title: `Theirs ${tag}`, severity: "LOW", visibility: "SENSITIVE" } });
    const refs = async (filter: Record<string, string>) => (await listCases({ viewer: security, filter: { q: tag, pageSize: "200", ...filter } })).cases.map((c) => c.reference);
    expect(await refs({ mine: "true" })).toContain(mine.reference);
    expect(await refs({ mine: "true" })).not.toContain(theirs.reference);
    expect(await refs({ visibility: "SENSITIVE" })).toEqual([theirs.reference]);
    expect(await refs({ overdue: "true" })).not.toContain(mine.reference);
    await expect(listCases({ viewer: security, filter: { visibility: "PUBLIC" } })).rejects.toMatchObject({ code: "INVALID_INPUT" });
  });
});

describe("SLA", () => {
  it("validates hours, stores them, and create and re-grade take due dates from them", async () => {
    await expect(updateSlaHours({ viewer: security, input: { CRITICAL: 0, HIGH: 1, MEDIUM: 1, LOW: 1, INFO: 1 } })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(updateSlaHours({ viewer: security, input: { CRITICAL: "soon", HIGH: 1, MEDIUM: 1, LOW: 1, INFO: 1 } })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(updateSlaHours({ viewer: security, input: { CRITICAL: 1 } })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(updateSlaHours({ viewer: coo, input: { CRITICAL: 2, HIGH: 5, MEDIUM: 10, LOW: 20, INFO: 40 } })).rejects.toMatchObject({ code: "FORBIDDEN" });

    await updateSlaHours({ viewer: security, input: { CRITICAL: "2", HIGH: 5, MEDIUM: 10, LOW: 20, INFO: 40 } });
    expect(await getSlaHours()).toEqual({ CRITICAL: 2, HIGH: 5, MEDIUM: 10, LOW: 20, INFO: 40 });
    const awareAt = new Date("2026-11-20T08:00:00Z");
    const created = await createCase({ viewer: security, input: { title: `SLA ${tag}`, severity: "HIGH", awareAt } });
    let c = await getCaseOrThrow({ viewer: security, reference: created.reference });
    expect(c.dueAt!.toISOString()).toBe("2026-11-20T13:00:00.000Z");
    await updateCase({ viewer: security, reference: created.reference, input: { version: c.version, severity: "CRITICAL" } });
    c = await getCaseOrThrow({ viewer: security, reference: created.reference });
    expect(c.dueAt!.toISOString()).toBe("2026-11-20T10:00:00.000Z");
    const audit = await db.auditLog.findFirst({ where: { action: "cases.sla_update" }, orderBy: { seq: "desc" } });
    expect(audit?.after).toMatchObject({ CRITICAL: 2, HIGH: 5 });
  });

  it("announces an overdue open case once per due date, not closed or merged ones", async () => {
    const awareAt = new Date(Date.now() - 10 * 86_400_000);
    const late = await createCase({ viewer: security, input: { title: `Late ${tag}`, severity: "CRITICAL", awareAt } });
    const sealed = await createCase({ viewer: coo, input: { title: `Sealed late ${tag}`, severity: "CRITICAL", awareAt, visibility: "COO_ONLY" } });
    const gone = await createCase({ viewer: security, input: { title: `Merged late ${tag}`, severity: "CRITICAL", awareAt } });
    await mergeCases({ viewer: security, reference: gone.reference, input: { into: late.reference } });
    const first = await notifyOverdueCases();
    expect(first.notified).toEqual(expect.arrayContaining([late.reference, sealed.reference]));
    expect(first.notified).not.toContain(gone.reference);
    const second = await notifyOverdueCases();
    expect(second.notified).not.toContain(late.reference);
    expect(second.notified).not.toContain(sealed.reference);
    expect(await db.caseOverdueNotice.count({ where: { caseId: { in: [late.id, sealed.id] } } })).toBe(2);

    // Re-graded to a new (still past) due date: announced again, once.
    const c = await getCaseOrThrow({ viewer: security, reference: late.reference });
    await updateCase({ viewer: security, reference: late.reference, input: { version: c.version, severity: "HIGH" } });
    expect((await notifyOverdueCases()).notified).toContain(late.reference);
    expect((await notifyOverdueCases()).notified).not.toContain(late.reference);
  });

  it("plans overdue deliveries: the people on the case, the security team without them, the COO alone for COO_ONLY, and no sealed details in Slack", () => {
    const channels = { slack: true, email: true, webhook: true };
    const audience = { security: ["sec1@example.com", "sec2@example.com"], coo: ["coo@example.com"] };
    const facts = { reference: "CASE-2026-0042", title: "Payroll export leaked", severity: "HIGH", dueAt: "2026-11-21T10:00:00.000Z" };
    const standard = planCaseOverdueDeliveries({ ...facts, visibility: "STANDARD" }, channels, { onCase: ["lead@example.com"] }, audience, "https://cs.example");
    expect(standard.filter((d) => d.channel === "EMAIL").map((d) => d.destination)).toEqual(["lead@example.com"]);
    expect(standard.find((d) => d.channel === "SLACK")?.body).toContain("Payroll export leaked");
    const nobody = planCaseOverdueDeliveries({ ...facts, visibility: "STANDARD" }, channels, { onCase: [] }, audience, "https://cs.example");
    expect(nobody.filter((d) => d.channel === "EMAIL").map((d) => d.destination)).toEqual(["sec1@example.com", "sec2@example.com"]);
    const sensitive = planCaseOverdueDeliveries({ ...facts, visibility: "SENSITIVE" }, channels, { onCase: [] }, audience, "https://cs.example");
    for (const d of sensitive.filter((x) => x.channel !== "EMAIL")) expect(JSON.stringify(d)).not.toContain("Payroll");
    expect(sensitive.find((d) => d.channel === "SLACK")?.body).toBe("Case CASE-2026-0042 is overdue. https://cs.example/cases/CASE-2026-0042");
    const cooOnly = planCaseOverdueDeliveries({ ...facts, visibility: "COO_ONLY" }, channels, { onCase: ["sec1@example.com"] }, audience, "https://cs.example");
    expect(cooOnly.map((d) => [d.channel, d.destination])).toEqual([["EMAIL", "coo@example.com"]]);
    expect(JSON.stringify(cooOnly)).not.toContain("Payroll");
  });
});

describe("merge and unlink", () => {
  it("moves evidence, comments, tasks, observables and obligations to the survivor", async () => {
    const dup = await createCase({ viewer: security, input: { title: `Dup ${tag}`, severity: "LOW", template: "data-exposure" } });
    const keep = await createCase({ viewer: security, input: { title: `Keep ${tag}`, severity: "LOW" } });
    const dupId = (await db.case.findUniqueOrThrow({ where: { reference: dup.reference } })).id;
    const keepId = (await db.case.findUniqueOrThrow({ where: { reference: keep.reference } })).id;
    await db.caseEvidence.create({ data: { caseId: dupId, name: "log.txt", contentType: "text/plain", size: 3, sha256: "a".repeat(64), storage: "DB", bytes: Buffer.from("abc") } });
    await db.caseComment.create({ data: { caseId: dupId, body: "seen this before", mentions: [] } });
    await db.disclosureObligation.create({ data: { caseId: dupId, audience: "CUSTOMERS", preset: "HOURS_72", deadline: new Date(Date.now() + 86_400_000) } });
    await db.caseObservable.create({ data: { caseId: dupId, type: "IP", value: "100.64.0.9", source: "manual" } });
    const tasks = await db.caseTask.count({ where: { caseId: dupId } });
    expect(tasks).toBeGreaterThan(0);

    await mergeCases({ viewer: security, reference: dup.reference, input: { into: keep.reference } });
    const counts = async (caseId: string) => ({
      evidence: await db.caseEvidence.count({ where: { caseId } }),
      comments: await db.caseComment.count({ where: { caseId } }),
      obligations: await db.disclosureObligation.count({ where: { caseId } }),
      tasks: await db.caseTask.count({ where: { caseId } }),
      observables: await db.caseObservable.count({ where: { caseId } }),
    });
    expect(await counts(dupId)).toEqual({ evidence: 0, comments: 0, obligations: 0, tasks: 0, observables: 0 });
    expect(await counts(keepId)).toEqual({ evidence: 1, comments: 1, obligations: 1, tasks, observables: 1 });
    const survivor = await getCaseOrThrow({ viewer: security, reference: keep.reference });
    expect(survivor.timeline.some((i) => i.type === "evidence" && i.name === "log.txt")).toBe(true);
    expect(survivor.timeline.some((i) => i.type === "entry" && i.body.includes("1 evidence items, 1 comments, 1 disclosure obligations"))).toBe(true);
    const merged = await getCaseOrThrow({ viewer: security, reference: dup.reference });
    expect(merged).toMatchObject({ status: "CLOSED", outcome: "DUPLICATE", mergedInto: keep.reference });
  });

  it("returns an unlinked alert to OPEN, or to ACKNOWLEDGED if it was acknowledged before the case", async () => {
    const fresh = await makeAlert();
    const acked = await makeAlert({ status: "ACKNOWLEDGED", acknowledgedAt: new Date(Date.now() - 60_000) });
    const created = await createCase({ viewer: security, input: { alertIds: [fresh.id, acked.id] } });
    expect((await db.alert.findMany({ where: { id: { in: [fresh.id, acked.id] } } })).map((a) => a.status)).toEqual(["LINKED", "LINKED"]);
    expect(await unlinkAlert({ viewer: security, reference: created.reference, alertId: fresh.id })).toMatchObject({ status: "OPEN" });
    expect(await unlinkAlert({ viewer: security, reference: created.reference, alertId: String(acked.id) })).toMatchObject({ status: "ACKNOWLEDGED" });
    const after = await db.alert.findMany({ where: { id: { in: [fresh.id, acked.id] } }, orderBy: { id: "asc" } });
    expect(after.map((a) => [a.status, a.caseId])).toEqual([
      ["OPEN", null],
      ["ACKNOWLEDGED", null],
    ]);
    // Not on the case any more: unlinking again is "no such alert on this case".
    await expect(unlinkAlert({ viewer: security, reference: created.reference, alertId: fresh.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
