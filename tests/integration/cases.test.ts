// Cases on a real database: opening from alerts (alerts LINKED, observables extracted), the
// workflow to CLOSED with a confirmed incident refused until impact, disclosure and required
// tasks, stale edits, loosening refused, merging, and who may see what (a COO_ONLY case does
// not exist for SECURITY in get, list, counts and the audit view; EMPLOYEE and ADMIN see nothing).
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { UserViewer } from "@/lib/auth/viewer";
import type { Prisma } from "@/lib/generated/prisma/client";
import { listAudit } from "@/lib/audit/list-audit";
import { approveDisclosure } from "@/lib/cases/approve-disclosure";
import { addTimelineEntry } from "@/lib/cases/add-timeline-entry";
import { changeCaseStatus } from "@/lib/cases/change-case-status";
import { createCase } from "@/lib/cases/create-case";
import { decideDisclosure } from "@/lib/cases/decide-disclosure";
import { getCaseOrThrow } from "@/lib/cases/get-case";
import { linkAlerts } from "@/lib/cases/link-alerts";
import { listCases } from "@/lib/cases/list-cases";
import { mergeCases } from "@/lib/cases/merge-cases";
import { recordImpact } from "@/lib/cases/record-impact";
import { unlinkAlert } from "@/lib/cases/unlink-alert";
import { updateCase } from "@/lib/cases/update-case";
import { createReport } from "@/lib/reports/create-report";
import { stopBoss } from "@/lib/jobs/boss";
import { closeIngestPool } from "@/lib/ingest/pg-pool";
import { makeAlert as makeTestAlert, makeViewer } from "../support/db-helpers";

const tag = randomBytes(4).toString("hex");
let security: UserViewer;
let coo: UserViewer;
let employee: UserViewer;
let admin: UserViewer;

let n = 0;
async function makeAlert(minutesAgo = 30) {
  n++;
  const at = new Date(Date.now() - minutesAgo * 60_000);
  return makeTestAlert({
    minutesAgo,
    title: `Key used from a new place ${tag} #${n}`,
    context: { actor: `mallory-${tag}@example.com`, address: "100.101.102.103:22", device: `laptop-${tag}` },
    deviceNodeId: `n${tag}CNTRL`,
    events: { create: { eventKey: `case:${tag}:${n}`, kind: "audit", eventTime: at, matchedFields: [], data: { target: { id: `k${tag}CNTRL`, type: "AUTH_KEY" }, url: "https://exfil.example.net/x" } as Prisma.InputJsonValue } },
  });
}

beforeAll(async () => {
  security = await makeViewer(["SECURITY"]);
  coo = await makeViewer(["COO"]);
  employee = await makeViewer([]);
  admin = await makeViewer(["ADMIN"]);
});
afterAll(async () => {
  await stopBoss();
  await closeIngestPool();
});

describe("opening a case from alerts", () => {
  it("links the alerts, extracts observables, pre-fills and applies a template", async () => {
    const a = await makeAlert(90);
    const b = await makeAlert(30);
    const created = await createCase({ viewer: security, input: { alertIds: [a.id, b.id], template: "compromised-device-or-key" } });
    expect(created.reference).toMatch(/^CASE-\d{4}-\d{4,}$/);
    const c = await getCaseOrThrow({ viewer: security, reference: created.reference });
    expect(c.title).toBe(`${a.title} (+1 more)`);
    expect(c.severity).toBe("HIGH");
    expect(c.awareAt.getTime()).toBe(a.firstSeenAt.getTime());
    expect(c.dueAt!.getTime()).toBe(a.firstSeenAt.getTime() + 72 * 3_600_000);
    expect(c.alerts.map((x) => x.status)).toEqual(["LINKED", "LINKED"]);
    expect(c.tasks.some((t) => t.title === "Determine impact" && t.required)).toBe(true);
    const obs = c.observables.map((o) => `${o.type}:${o.value}`);
    for (const expected of ["IP:100.101.102.103", `DEVICE_ID:n${tag}CNTRL`, `KEY_ID:k${tag}CNTRL`, `USER:mallory-${tag}@example.com`, `DEVICE_NAME:laptop-${tag}`, "URL:https://exfil.example.net/x", "DOMAIN:exfil.example.net"]) {
      expect(obs).toContain(expected);
    }
    expect(c.timeline.some((e) => e.type === "alert_event")).toBe(true);
    expect(c.timeline.filter((e) => e.type === "entry" && e.body.startsWith("Linked alert")).length).toBe(2);

    // An alert on one case cannot be linked to another; unlinking returns it to the status it
    // had before the case (never acknowledged here: OPEN).
    const other = await createCase({ viewer: security, input: { title: `Other ${tag}`, severity: "LOW" } });
    await expect(linkAlerts({ viewer: security, reference: other.reference, input: { alertIds: [a.id] } })).rejects.toMatchObject({ code: "CONFLICT" });
    await unlinkAlert({ viewer: security, reference: created.reference, alertId: a.id });
    expect((await db.alert.findUniqueOrThrow({ where: { id: a.id } })).status).toBe("OPEN");
    const linked = await linkAlerts({ viewer: security, reference: other.reference, input: { alertIds: [a.id] } });
    expect(linked.linked).toEqual([a.id]);
  });

  it("refuses bad input clearly", async () => {
    await expect(createCase({ viewer: security, input: { title: "x" } })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(createCase({ viewer: security, input: { title: "x", severity: "SEVERE" } })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(createCase({ viewer: security, input: { alertIds: [2_000_000_000] } })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(createCase({ viewer: security, input: { title: "x", severity: "LOW", template: "nope" } })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(createCase({ viewer: employee, input: { title: "x", severity: "LOW" } })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("the workflow", () => {
  it("refuses to close a confirmed incident until impact, disclosure (approved for sealed cases) and required tasks", async () => {
    const { reference } = await createCase({ viewer: security, input: { title: `Confirmed ${tag}`, severity: "CRITICAL", visibility: "SENSITIVE", template: "account-abuse" } });
    let v = 0;
    const move = async (status: string, extra: Record<string, unknown> = {}) => {
      const r = await changeCaseStatus({ viewer: security, reference, input: { version: v, status, ...extra } });
      v = r.version;
      return r;
    };
    await expect(move("CONTAINED")).rejects.toMatchObject({ code: "INVALID_INPUT" });
    for (const s of ["TRIAGE", "INVESTIGATING", "CONTAINED", "REMEDIATED"]) await move(s);
    await expect(move("RESOLVED")).rejects.toMatchObject({ code: "INVALID_INPUT", message: expect.stringContaining("outcome") });
    await move("RESOLVED", { outcome: "CONFIRMED_INCIDENT" });
    const refused = changeCaseStatus({ viewer: security, reference, input: { version: v, status: "CLOSED" } });
    await expect(refused).rejects.toMatchObject({ code: "INVALID_INPUT", message: expect.stringMatching(/impact.*disclosure.*required task/s) });

    v = (await recordImpact({ viewer: security, reference, input: { version: v, confidentiality: "HIGH", integrity: "LOW", availability: "NONE", affectedSystems: ["sso"], customersAffected: 3, impactSummary: "Three customer records read." } })).version;
    const decided = await decideDisclosure({ viewer: security, reference, input: { version: v, disclose: true, rationale: "Customer data was read.", audiences: ["CUSTOMERS"] } });
    expect(decided.needsApproval).toBe(true);
    v = decided.version;
    await db.caseTask.updateMany({ where: { case: { reference }, required: true }, data: { doneAt: new Date() } });
    await expect(changeCaseStatus({ viewer: security, reference, input: { version: v, status: "CLOSED" } })).rejects.toMatchObject({ message: expect.stringContaining("COO") });
    await expect(approveDisclosure({ viewer: security, reference, input: { version: v } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    v = (await approveDisclosure({ viewer: coo, reference, input: { version: v } })).version;
    const closed = await move("CLOSED");
    expect(closed.status).toBe("CLOSED");
    const c = await getCaseOrThrow({ viewer: security, reference });
    expect(c.acknowledgedAt && c.triagedAt && c.containedAt && c.resolvedAt && c.closedAt).toBeTruthy();
    expect(c.obligations.map((o) => [o.audience, o.status])).toEqual([["CUSTOMERS", "APPROVED"]]);
    await expect(move("INVESTIGATING")).rejects.toMatchObject({ message: "A closed case cannot change." });
  });

  it("a stale edit is a conflict and nothing is written; loosening is refused; notes keep their time", async () => {
    const { reference } = await createCase({ viewer: security, input: { title: `Edit ${tag}`, severity: "LOW", visibility: "SENSITIVE" } });
    const first = await updateCase({ viewer: security, reference, input: { version: 0, title: `Edited ${tag}`, severity: "HIGH" } });
    expect(first.changed.sort()).toEqual(["severity", "title"]);
    await expect(updateCase({ viewer: security, reference, input: { version: 0, title: "lost" } })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("changed since you loaded it") });
    await expect(updateCase({ viewer: security, reference, input: { version: first.version, visibility: "STANDARD" } })).rejects.toMatchObject({ code: "INVALID_INPUT", message: expect.stringContaining("only be tightened") });
    await expect(updateCase({ viewer: security, reference, input: { version: "x" } })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    const c = await getCaseOrThrow({ viewer: security, reference });
    expect(c.title).toBe(`Edited ${tag}`);
    expect(c.visibility).toBe("SENSITIVE");
    await expect(addTimelineEntry({ viewer: security, reference, input: { body: "Call", occurredAt: "2026-01-01T10:00:00Z", timeZone: "Mars/Olympus" } })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    const note = await addTimelineEntry({ viewer: security, reference, input: { body: "ISP confirmed the address", occurredAt: "2025-11-20T09:30:00+01:00", timeZone: "Europe/Berlin", source: "phone" } });
    expect(note.entry.occurredAt.toISOString()).toBe("2025-11-20T08:30:00.000Z");
  });
});

describe("visibility", () => {
  it("tightening to COO_ONLY drops the lead and members who may not see it; only the COO may lead one", async () => {
    const { reference } = await createCase({ viewer: coo, input: { title: `Tighten ${tag}`, severity: "LOW", lead: security.email } });
    const withMembers = await updateCase({ viewer: coo, reference, input: { version: 0, members: [security.email, coo.email] } });
    await updateCase({ viewer: coo, reference, input: { version: withMembers.version, visibility: "COO_ONLY" } });
    const c = await getCaseOrThrow({ viewer: coo, reference });
    expect(c.members.map((m) => m.email)).toEqual([coo.email]);
    expect(c.leadId).toBeNull();
    await expect(updateCase({ viewer: coo, reference, input: { version: c.version, lead: security.email } })).rejects.toMatchObject({ code: "INVALID_INPUT", message: expect.stringContaining("the COO") });
  });

  it("a COO_ONLY case does not exist for SECURITY, EMPLOYEE or ADMIN, in get, list, counts and the audit view", async () => {
    const { reference, id } = await createCase({ viewer: coo, input: { title: `Conduct ${tag}`, severity: "MEDIUM", visibility: "COO_ONLY" } });
    expect((await getCaseOrThrow({ viewer: coo, reference })).title).toBe(`Conduct ${tag}`);
    await expect(getCaseOrThrow({ viewer: security, reference })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(updateCase({ viewer: security, reference, input: { version: 0, title: "x" } })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(addTimelineEntry({ viewer: security, reference, input: { body: "x", occurredAt: new Date().toISOString() } })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const secList = await listCases({ viewer: security, filter: { q: `Conduct ${tag}` } });
    expect(secList.total).toBe(0);
    expect(Object.values(secList.statusCounts).reduce((a, b) => a + b, 0)).toBe(0);
    expect((await listCases({ viewer: coo, filter: { q: `Conduct ${tag}` } })).total).toBe(1);
    for (const nobody of [employee, admin]) {
      await expect(getCaseOrThrow({ viewer: nobody, reference })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(listCases({ viewer: nobody, filter: {} })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    const rows = await db.auditLog.findMany({ where: { targetId: id } });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.targetVisibility === "COO_ONLY")).toBe(true);
    const audit = await listAudit({ viewer: security, filter: { action: "case.", actor: coo.email, page: 1 } });
    expect(audit.rows.some((r) => r.targetId === id)).toBe(false);
    const adminAudit = await listAudit({ viewer: admin, filter: { action: "case.", actor: coo.email, page: 1 } });
    expect(adminAudit.rows.some((r) => r.targetId === id)).toBe(false);
  });

  it("a case from a sealed report is at least as sealed", async () => {
    const report = await createReport({ viewer: employee, input: { category: "ACCOUNT_ABUSE", visibility: "SENSITIVE", description: `Odd login ${tag}` } });
    const created = await createCase({ viewer: security, input: { reports: [report.reference] } });
    expect(created.visibility).toBe("SENSITIVE");
    const conduct = await createReport({ viewer: employee, input: { category: "CODE_OF_CONDUCT", description: `Conduct ${tag}` } });
    await expect(createCase({ viewer: security, input: { reports: [conduct.reference] } })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await createCase({ viewer: coo, input: { reports: [conduct.reference] } })).visibility).toBe("COO_ONLY");
  });
});

describe("merging", () => {
  it("moves links, tasks and observables to the survivor, closes the duplicate and tightens the survivor", async () => {
    const alert = await makeAlert(10);
    const dup = await createCase({ viewer: security, input: { alertIds: [alert.id], visibility: "SENSITIVE", template: "denial-of-service" } });
    const survivor = await createCase({ viewer: security, input: { title: `Survivor ${tag}`, severity: "MEDIUM" } });
    const result = await mergeCases({ viewer: security, reference: dup.reference, input: { into: survivor.reference } });
    expect(result.visibility).toBe("SENSITIVE");
    const s = await getCaseOrThrow({ viewer: security, reference: survivor.reference });
    expect(s.alerts.map((a) => a.id)).toEqual([alert.id]);
    expect(s.tasks.length).toBeGreaterThan(0);
    expect(s.observables.some((o) => o.value === `n${tag}CNTRL`)).toBe(true);
    expect(s.mergedFrom).toEqual([dup.reference]);
    expect(s.timeline.some((e) => e.type === "entry" && e.body.includes(`${dup.reference} merged`))).toBe(true);
    const d = await getCaseOrThrow({ viewer: security, reference: dup.reference });
    expect([d.status, d.outcome, d.mergedInto]).toEqual(["CLOSED", "DUPLICATE", survivor.reference]);
    expect(d.timeline.some((e) => e.type === "entry" && e.body.startsWith(`Merged into ${survivor.reference}`))).toBe(true);
    expect((await listCases({ viewer: security, filter: { q: dup.reference } })).total).toBe(0);
  });
});
