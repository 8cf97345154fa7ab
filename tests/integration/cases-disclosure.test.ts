// Disclosure obligations, the COO's review queue and the case export on a real database:
// deadline presets (72 hours; 4 business days across a weekend in a time zone), a custom
// deadline in the past refused, who may approve (the COO for sealed cases and public
// audiences), DRAFT → APPROVED → SENT with no way back, stale versions, and who sees what.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { UserViewer } from "@/lib/auth/viewer";
import { approveDisclosure } from "@/lib/cases/approve-disclosure";
import { createCase } from "@/lib/cases/create-case";
import { decideDisclosure } from "@/lib/cases/decide-disclosure";
import { exportCase } from "@/lib/cases/export/export-case";
import { approveObligation, createObligation, markObligationSent, reopenObligation, updateObligationText } from "@/lib/cases/obligations";
import { recordImpact } from "@/lib/cases/record-impact";
import { getReviewQueue, listSealedCases, listUpcomingDeadlines } from "@/lib/cases/review";
import { stopBoss } from "@/lib/jobs/boss";
import { closeIngestPool } from "@/lib/ingest/pg-pool";
import { makeViewer } from "../support/db-helpers";

const tag = randomBytes(4).toString("hex");
// Friday 20 November 2026, 15:00 in New York (20:00 UTC; already Saturday in Tokyo).
const AWARE = "2026-11-20T20:00:00Z";
const NOW = new Date("2026-11-21T12:00:00Z");
let security: UserViewer;
let coo: UserViewer;
let employee: UserViewer;
let admin: UserViewer;

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

async function version(reference: string) {
  return (await db.case.findUniqueOrThrow({ where: { reference }, select: { version: true } })).version;
}

/** A case with a decision to disclose (no audiences yet), as `viewer`. */
async function caseDecided(visibility: "STANDARD" | "SENSITIVE" | "COO_ONLY", viewer: UserViewer = visibility === "COO_ONLY" ? coo : security) {
  const { reference } = await createCase({ viewer, input: { title: `Disclosure ${visibility} ${tag}`, severity: "HIGH", visibility, awareAt: AWARE } });
  await decideDisclosure({ viewer, reference, input: { version: await version(reference), disclose: true, rationale: "Customer data was read." } });
  return reference;
}

const create = async (viewer: UserViewer, reference: string, input: Record<string, unknown>) => createObligation({ viewer, reference, input: { version: await version(reference), ...input }, now: NOW });

describe("deadlines", () => {
  it("counts 72 hours and 4 business days (skipping the weekend in the zone given) from awareness", async () => {
    const reference = await caseDecided("STANDARD");
    const h72 = await create(security, reference, { audience: "CUSTOMERS", preset: "HOURS_72" });
    expect(h72.obligation.deadline.toISOString()).toBe("2026-11-23T20:00:00.000Z");
    const ny = await create(security, reference, { audience: "REGULATOR", preset: "BUSINESS_DAYS_4", timeZone: "America/New_York" });
    expect(ny.obligation.deadline.toISOString()).toBe("2026-11-26T20:00:00.000Z"); // Thursday 15:00 in New York
    const tokyo = await create(security, reference, { audience: "PARTNER", preset: "BUSINESS_DAYS_4", timeZone: "Asia/Tokyo" });
    expect(tokyo.obligation.deadline.toISOString()).toBe("2026-11-25T20:00:00.000Z"); // Thursday 05:00 in Tokyo
    const custom = await create(security, reference, { audience: "PARTNER", preset: "CUSTOM", deadline: "2026-11-24T09:00", timeZone: "Europe/Berlin" });
    expect(custom.obligation.deadline.toISOString()).toBe("2026-11-24T08:00:00.000Z");
    const withOffset = await create(security, reference, { audience: "PARTNER", preset: "CUSTOM", deadline: "2026-11-24T09:00:00Z" });
    expect(withOffset.obligation.deadline.toISOString()).toBe("2026-11-24T09:00:00.000Z");

    const entries = await db.caseTimelineEntry.findMany({ where: { case: { reference }, body: { startsWith: "Disclosure obligation added" } } });
    expect(entries).toHaveLength(5);
    const audit = await db.auditLog.findMany({ where: { action: "case.obligation_create", after: { path: ["obligationId"], equals: h72.obligation.id } } });
    expect(audit).toHaveLength(1);
  });

  it("refuses a custom deadline already past, before awareness, malformed, and unknown values, writing nothing", async () => {
    const reference = await caseDecided("STANDARD");
    const before = await version(reference);
    await expect(create(security, reference, { audience: "CUSTOMERS", preset: "CUSTOM", deadline: "2026-11-21T11:00:00Z" })).rejects.toMatchObject({ code: "INVALID_INPUT", message: "The deadline is already past: give a time still ahead." });
    await expect(create(security, reference, { audience: "CUSTOMERS", preset: "CUSTOM", deadline: "2026-11-19T11:00:00Z" })).rejects.toMatchObject({ code: "INVALID_INPUT", message: expect.stringContaining("after the time the team became aware") });
    await expect(create(security, reference, { audience: "CUSTOMERS", preset: "CUSTOM" })).rejects.toMatchObject({ code: "INVALID_INPUT", message: expect.stringContaining("date and time") });
    await expect(create(security, reference, { audience: "CUSTOMERS", preset: "CUSTOM", deadline: "next tuesday" })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(create(security, reference, { audience: "PRESS", preset: "HOURS_72" })).rejects.toMatchObject({ code: "INVALID_INPUT", message: expect.stringContaining('"PRESS" is not a disclosure audience') });
    await expect(create(security, reference, { audience: "CUSTOMERS", preset: "DAYS_3" })).rejects.toMatchObject({ code: "INVALID_INPUT", message: expect.stringContaining("deadline preset") });
    await expect(create(security, reference, { audience: "CUSTOMERS", preset: "BUSINESS_DAYS_4", timeZone: "Mars/Olympus" })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(create(security, reference, { audience: "CUSTOMERS", preset: "HOURS_72", extra: 1 })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    expect(await version(reference)).toBe(before);
    expect(await db.disclosureObligation.count({ where: { case: { reference } } })).toBe(0);
  });

  it("needs a decision to disclose first", async () => {
    const { reference } = await createCase({ viewer: security, input: { title: `Undecided ${tag}`, severity: "LOW", awareAt: AWARE } });
    await expect(create(security, reference, { audience: "CUSTOMERS", preset: "HOURS_72" })).rejects.toMatchObject({ code: "INVALID_INPUT", message: expect.stringContaining("decision") });
    await decideDisclosure({ viewer: security, reference, input: { version: await version(reference), disclose: false, rationale: "Nothing left the building." } });
    await expect(create(security, reference, { audience: "CUSTOMERS", preset: "HOURS_72" })).rejects.toMatchObject({ code: "INVALID_INPUT", message: expect.stringContaining("not to disclose") });
  });
});

describe("draft → approved → sent", () => {
  it("lets SECURITY approve and send to customers on a STANDARD case, never backwards", async () => {
    const reference = await caseDecided("STANDARD");
    const { obligation } = await create(security, reference, { audience: "CUSTOMERS", preset: "HOURS_72" });
    const move = async (fn: (op: Parameters<typeof approveObligation>[0]) => Promise<unknown>, viewer = security, extra: Record<string, unknown> = {}) => fn({ viewer, reference, input: { version: await version(reference), obligationId: obligation.id, ...extra }, now: NOW });

    await expect(move(markObligationSent)).rejects.toMatchObject({ code: "CONFLICT", message: "A draft cannot be sent: it must be approved first." });
    await expect(move(approveObligation)).rejects.toMatchObject({ code: "INVALID_INPUT", message: expect.stringContaining("text") });
    const v0 = await version(reference);
    await updateObligationText({ viewer: security, reference, input: { version: v0, obligationId: obligation.id, text: "Dear customer, <b>we</b> are writing…" } });
    expect(await version(reference)).toBe(v0 + 1);
    await move(approveObligation);
    let row = await db.disclosureObligation.findUniqueOrThrow({ where: { id: obligation.id } });
    expect([row.status, row.approvedById, row.approvedAt?.toISOString()]).toEqual(["APPROVED", security.id, NOW.toISOString()]);
    await expect(move(updateObligationText, security, { text: "changed" })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("approved") });
    await expect(move(approveObligation)).rejects.toMatchObject({ code: "CONFLICT", message: "This obligation is already approved." });
    await move(markObligationSent);
    row = await db.disclosureObligation.findUniqueOrThrow({ where: { id: obligation.id } });
    expect([row.status, row.sentById, row.sentAt?.toISOString()]).toEqual(["SENT", security.id, NOW.toISOString()]);
    await expect(move(reopenObligation)).rejects.toMatchObject({ code: "CONFLICT", message: "A sent obligation cannot go back to draft: it was sent." });
    await expect(move(markObligationSent)).rejects.toMatchObject({ code: "CONFLICT", message: "This obligation was already sent." });
    await expect(move(updateObligationText, security, { text: "x" })).rejects.toMatchObject({ code: "CONFLICT" });

    const actions = (await db.auditLog.findMany({ where: { targetId: row.caseId, action: { startsWith: "case.obligation" } }, orderBy: { seq: "asc" } })).map((a) => a.action);
    expect(actions).toEqual(["case.obligation_create", "case.obligation_text", "case.obligation_approve", "case.obligation_send"]);
    const bodies = (await db.caseTimelineEntry.findMany({ where: { caseId: row.caseId }, orderBy: { createdAt: "asc" } })).map((e) => e.body);
    expect(bodies).toEqual(expect.arrayContaining(["Disclosure to customers approved", "Disclosure to customers sent"]));
  });

  it("reopening an approved obligation withdraws the approval", async () => {
    const reference = await caseDecided("STANDARD");
    const { obligation } = await create(security, reference, { audience: "PARTNER", preset: "HOURS_72", text: "Partner notice" });
    await approveObligation({ viewer: security, reference, input: { version: await version(reference), obligationId: obligation.id } });
    await reopenObligation({ viewer: security, reference, input: { version: await version(reference), obligationId: obligation.id } });
    const row = await db.disclosureObligation.findUniqueOrThrow({ where: { id: obligation.id } });
    expect([row.status, row.approvedAt, row.approvedById]).toEqual(["DRAFT", null, null]);
    await expect(reopenObligation({ viewer: security, reference, input: { version: await version(reference), obligationId: obligation.id } })).rejects.toMatchObject({ code: "CONFLICT", message: "This obligation is already a draft." });
  });

  it("keeps approval of sealed cases and public audiences for the COO", async () => {
    const sensitive = await caseDecided("SENSITIVE");
    const a = await create(security, sensitive, { audience: "CUSTOMERS", preset: "HOURS_72", text: "Notice" });
    await expect(approveObligation({ viewer: security, reference: sensitive, input: { version: await version(sensitive), obligationId: a.obligation.id } })).rejects.toMatchObject({ code: "FORBIDDEN", message: "Only the COO approves disclosure on a sealed case." });
    await approveObligation({ viewer: coo, reference: sensitive, input: { version: await version(sensitive), obligationId: a.obligation.id } });
    expect((await db.disclosureObligation.findUniqueOrThrow({ where: { id: a.obligation.id } })).approvedById).toBe(coo.id);
    // SECURITY sends it once the COO approved it and the decision.
    await expect(markObligationSent({ viewer: security, reference: sensitive, input: { version: await version(sensitive), obligationId: a.obligation.id } })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("waits for the COO's approval") });
    await approveDisclosure({ viewer: coo, reference: sensitive, input: { version: await version(sensitive) } });
    await markObligationSent({ viewer: security, reference: sensitive, input: { version: await version(sensitive), obligationId: a.obligation.id } });

    const standard = await caseDecided("STANDARD");
    const pub = await create(security, standard, { audience: "PUBLIC", preset: "HOURS_72", text: "Public statement" });
    await expect(approveObligation({ viewer: security, reference: standard, input: { version: await version(standard), obligationId: pub.obligation.id } })).rejects.toMatchObject({ code: "FORBIDDEN", message: "Only the COO approves a public disclosure." });
    await approveObligation({ viewer: coo, reference: standard, input: { version: await version(standard), obligationId: pub.obligation.id } });
  });

  it("refuses stale versions, unknown obligations, people without access, and another case's obligation", async () => {
    const reference = await caseDecided("STANDARD");
    const other = await caseDecided("STANDARD");
    const { obligation } = await create(security, reference, { audience: "CUSTOMERS", preset: "HOURS_72", text: "Notice" });
    const stale = (await version(reference)) - 1;
    await expect(updateObligationText({ viewer: security, reference, input: { version: stale, obligationId: obligation.id, text: "lost?" } })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("changed since you loaded it") });
    expect((await db.disclosureObligation.findUniqueOrThrow({ where: { id: obligation.id } })).text).toBe("Notice");
    await expect(approveObligation({ viewer: security, reference: other, input: { version: await version(other), obligationId: obligation.id } })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(approveObligation({ viewer: security, reference, input: { version: await version(reference), obligationId: "nope" } })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(approveObligation({ viewer: security, reference, input: { version: "x", obligationId: obligation.id } })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(create(employee, reference, { audience: "CUSTOMERS", preset: "HOURS_72" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(create(admin, reference, { audience: "CUSTOMERS", preset: "HOURS_72" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const cooOnly = await caseDecided("COO_ONLY");
    await expect(create(security, cooOnly, { audience: "CUSTOMERS", preset: "HOURS_72" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("the COO's review queue", () => {
  it("shows the COO sealed cases, waiting decisions and obligations, and deadlines most urgent first; SECURITY sees no COO_ONLY case", async () => {
    const sensitive = await caseDecided("SENSITIVE");
    const cooOnly = await caseDecided("COO_ONLY");
    const ob = await create(coo, cooOnly, { audience: "REGULATOR", preset: "CUSTOM", deadline: "2026-11-21T18:00:00Z", text: "Regulator notice" });
    await create(security, sensitive, { audience: "CUSTOMERS", preset: "HOURS_72" });

    const q = await getReviewQueue({ viewer: coo, now: NOW });
    const sealed = q.sealed.map((c) => c.reference);
    expect(sealed).toEqual(expect.arrayContaining([sensitive, cooOnly]));
    expect(q.decisions.map((d) => d.reference)).toEqual(expect.arrayContaining([sensitive, cooOnly]));
    expect(q.decisions.find((d) => d.reference === cooOnly)?.disclosureRationale).toBe("Customer data was read.");
    expect(q.obligations.map((o) => o.id)).toContain(ob.obligation.id);
    const deadlines = q.deadlines.map((o) => o.deadline.getTime());
    expect(deadlines).toEqual([...deadlines].sort((a, b) => a - b));
    expect(q.obligations.find((o) => o.id === ob.obligation.id)?.countdown.label).toBe("in 6 h 0 min");

    await expect(getReviewQueue({ viewer: security })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const seenBySecurity = await listSealedCases({ viewer: security, limit: 10_000 });
    expect(seenBySecurity.some((c) => c.visibility === "COO_ONLY")).toBe(false);
    expect(seenBySecurity.map((c) => c.reference)).toContain(sensitive);
    expect((await listUpcomingDeadlines({ viewer: security, limit: 10_000 })).some((o) => o.case.visibility === "COO_ONLY")).toBe(false);
    expect(await listSealedCases({ viewer: admin })).toEqual([]);

    // Approving the decision takes it off the queue.
    await approveDisclosure({ viewer: coo, reference: cooOnly, input: { version: await version(cooOnly) } });
    expect((await getReviewQueue({ viewer: coo, now: NOW })).decisions.map((d) => d.reference)).not.toContain(cooOnly);
  });
});

describe("the case export", () => {
  it("exports Markdown and PDF for those who may see the case, on the audit trail", async () => {
    const reference = await caseDecided("COO_ONLY");
    await recordImpact({ viewer: coo, reference, input: { version: await version(reference), confidentiality: "HIGH", integrity: "NONE", availability: "LOW", affectedSystems: ["crm"], impactSummary: "Notes read | by # someone" } });
    const md = await exportCase({ viewer: coo, reference, format: "md" });
    expect(md.fileName).toBe(`${reference}.md`);
    const text = md.body.toString("utf8");
    expect(text).toContain(`# ${reference}: Disclosure COO\\_ONLY ${tag}`);
    expect(text).toContain("Notes read \\| by # someone");
    expect(text).toContain("Disclosure decided: disclose");
    const pdf = await exportCase({ viewer: coo, reference, format: "pdf" });
    expect(pdf.body.subarray(0, 4).toString("latin1")).toBe("%PDF");
    expect(pdf.contentType).toBe("application/pdf");

    const caseId = (await db.case.findUniqueOrThrow({ where: { reference } })).id;
    const rows = await db.auditLog.findMany({ where: { targetId: caseId, action: "case.export" }, orderBy: { seq: "asc" } });
    expect(rows.map((r) => [r.actorId, (r.after as { format: string }).format, r.targetVisibility])).toEqual([
      [coo.id, "md", "COO_ONLY"],
      [coo.id, "pdf", "COO_ONLY"],
    ]);

    await expect(exportCase({ viewer: security, reference, format: "md" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(exportCase({ viewer: employee, reference, format: "md" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(exportCase({ viewer: coo, reference, format: "docx" })).rejects.toMatchObject({ code: "INVALID_INPUT", message: expect.stringContaining("md or pdf") });
    expect(await db.auditLog.count({ where: { targetId: caseId, action: "case.export" } })).toBe(2);
  });
});
