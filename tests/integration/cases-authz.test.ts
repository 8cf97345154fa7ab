// The authorization matrix for cases: every case operation, read and write, against a COO_ONLY
// case. The COO works it; a SECURITY user is told it does not exist (NOT_FOUND, never FORBIDDEN)
// and finds no trace of it in lists, search, counts, pickers, the review queue, observables'
// cross-references, alerts, the audit trail or mentions; EMPLOYEE and ADMIN may do nothing with
// cases at all. After every refused write the case is byte-for-byte what it was.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { UserViewer, Viewer } from "@/lib/auth/viewer";
import { listAudit } from "@/lib/audit/list-audit";
import { addTimelineEntry } from "@/lib/cases/add-timeline-entry";
import { approveDisclosure } from "@/lib/cases/approve-disclosure";
import { changeCaseStatus } from "@/lib/cases/change-case-status";
import { addCaseComment, listCaseAudit, listCaseComments, listMentionable } from "@/lib/cases/comments";
import { createCase } from "@/lib/cases/create-case";
import { decideDisclosure, getCaseDisclosure } from "@/lib/cases/decide-disclosure";
import { addEvidence } from "@/lib/cases/evidence/add-evidence";
import { evidenceTabContext, getEvidence, listEvidence, openEvidence, verifyEvidence } from "@/lib/cases/evidence/evidence-records";
import { preserveLogs } from "@/lib/cases/evidence/preserve-logs";
import { exportCase } from "@/lib/cases/export/export-case";
import { getCaseHeader, getCaseOrThrow } from "@/lib/cases/get-case";
import { linkAlerts } from "@/lib/cases/link-alerts";
import { linkReports } from "@/lib/cases/link-report";
import { caseDraftFrom, caseOfAlert, listCases, listOpenCasesForPicker } from "@/lib/cases/list-cases";
import { mergeCases } from "@/lib/cases/merge-cases";
import { approveObligation, createObligation, markObligationSent, reopenObligation, updateObligationText } from "@/lib/cases/obligations";
import { addObservable, listObservables, removeObservable } from "@/lib/cases/observables";
import { getCaseImpact, recordImpact } from "@/lib/cases/record-impact";
import { getReviewQueue } from "@/lib/cases/review";
import { addTask, addTaskComment, applyTemplate, deleteTask, listTasks, reorderTasks, setTaskDone, updateTask } from "@/lib/cases/tasks";
import { unlinkAlert } from "@/lib/cases/unlink-alert";
import { updateCase } from "@/lib/cases/update-case";
import { createReport } from "@/lib/reports/create-report";
import { stopBoss } from "@/lib/jobs/boss";
import { closeIngestPool } from "@/lib/ingest/pg-pool";
import { makeAlert as makeTestAlert, makeViewer } from "../support/db-helpers";

const tag = randomBytes(4).toString("hex");
const IP = `100.77.${parseInt(tag.slice(0, 2), 16)}.${parseInt(tag.slice(2, 4), 16)}`;
let security: UserViewer;
let coo: UserViewer;
let employee: UserViewer;
let admin: UserViewer;
let ref: string; // the COO_ONLY case
let own: string; // a STANDARD case of SECURITY's, sharing an observable with the sealed one
let ids: { alert: number; spareAlert: number; task: string; observable: string; obligation: string; evidence: string; report: string };

async function makeAlert(n: number) {
  const at = new Date(Date.now() - 20 * 60_000);
  return makeTestAlert({
    minutesAgo: 20,
    title: `Authz matrix ${tag} #${n}`,
    context: { address: IP },
    events: { create: { eventKey: `authz:${tag}:${n}`, kind: "audit", eventTime: at, matchedFields: [], data: { origin: "ADMIN_CONSOLE" } } },
  });
}

function bytes(text: string) {
  return { name: "note.txt", declaredType: "text/plain", stream: (async function* () { yield new TextEncoder().encode(text); })() };
}

/** The case as stored, with the counts of everything hanging off it: compared before and after refused writes. */
async function snapshot(reference: string) {
  const c = await db.case.findUniqueOrThrow({
    where: { reference },
    include: { _count: { select: { alerts: true, reports: true, timeline: true, tasks: true, observables: true, evidence: true, obligations: true, comments: true, members: true } } },
  });
  const taskComments = await db.caseTaskComment.count({ where: { task: { caseId: c.id } } });
  const audit = await db.auditLog.count({ where: { targetId: c.id } });
  return { ...c, updatedAt: undefined, taskComments, audit };
}

beforeAll(async () => {
  security = await makeViewer(["SECURITY"]);
  coo = await makeViewer(["COO"]);
  employee = await makeViewer([]);
  admin = await makeViewer(["ADMIN"]);
  const alert = await makeAlert(1);
  const spare = await makeAlert(2);
  const created = await createCase({ viewer: coo, input: { title: `Sealed matrix case ${tag}`, severity: "HIGH", visibility: "COO_ONLY", alertIds: [alert.id], template: "harassment-or-code-of-conduct" } });
  ref = created.reference;
  let c = await getCaseOrThrow({ viewer: coo, reference: ref });
  await addObservable({ viewer: coo, reference: ref, input: { type: "IP", value: IP } }).catch(() => undefined); // may already be extracted from the alert
  await decideDisclosure({ viewer: coo, reference: ref, input: { version: (await getCaseOrThrow({ viewer: coo, reference: ref })).version, disclose: true, rationale: "Matrix test", audiences: [] } });
  c = await getCaseOrThrow({ viewer: coo, reference: ref });
  await createObligation({ viewer: coo, reference: ref, input: { version: c.version, audience: "CUSTOMERS", preset: "HOURS_72", text: "We write to tell you" } });
  await addCaseComment({ viewer: coo, reference: ref, input: { body: `Only for the COO ${tag}` } });
  const evidence = await addEvidence({ viewer: coo, reference: ref, file: bytes(`matrix evidence ${tag}`) });
  const report = await createReport({ viewer: employee, input: { category: "SUSPICIOUS_ACTIVITY", description: `Matrix report ${tag}` } });
  c = await getCaseOrThrow({ viewer: coo, reference: ref });
  ids = {
    alert: alert.id,
    spareAlert: spare.id,
    task: c.tasks[0]!.id,
    observable: c.observables.find((o) => o.value === IP)!.id,
    obligation: c.obligations[0]!.id,
    evidence: (evidence as { evidence: { id: string } }).evidence.id,
    report: report.reference,
  };
  own = (await createCase({ viewer: security, input: { title: `Own case ${tag}`, severity: "LOW" } })).reference;
  await addObservable({ viewer: security, reference: own, input: { type: "IP", value: IP } });
});
afterAll(async () => {
  await stopBoss();
  await closeIngestPool();
});

const V = 0; // a well-formed version: the refusal must come from visibility, before the version is compared
const reads: Record<string, (viewer: Viewer, r?: string) => Promise<unknown>> = {
  "get the case": (viewer, r = ref) => getCaseOrThrow({ viewer, reference: r }),
  "the case header": (viewer, r = ref) => getCaseHeader({ viewer, reference: r }),
  "list tasks": (viewer, r = ref) => listTasks({ viewer, reference: r }),
  "list observables": (viewer, r = ref) => listObservables({ viewer, reference: r }),
  "list comments": (viewer, r = ref) => listCaseComments({ viewer, reference: r }),
  "the case's audit trail": (viewer, r = ref) => listCaseAudit({ viewer, reference: r }),
  "who may be mentioned": (viewer, r = ref) => listMentionable({ viewer, reference: r }),
  "read the impact": (viewer, r = ref) => getCaseImpact({ viewer, reference: r }),
  "read the disclosure": (viewer, r = ref) => getCaseDisclosure({ viewer, reference: r }),
  "list evidence": (viewer, r = ref) => listEvidence({ viewer, reference: r }),
  "search evidence": (viewer, r = ref) => listEvidence({ viewer, reference: r, q: "matrix" }),
  "one evidence item": (viewer, r = ref) => getEvidence({ viewer, reference: r, evidenceId: ids.evidence }),
  "download evidence": (viewer, r = ref) => openEvidence({ viewer, reference: r, evidenceId: ids.evidence }),
  "verify evidence": (viewer, r = ref) => verifyEvidence({ viewer, reference: r, evidenceId: ids.evidence }),
  "the evidence tab": (viewer, r = ref) => evidenceTabContext({ viewer, reference: r }),
  "export as Markdown": (viewer, r = ref) => exportCase({ viewer, reference: r, format: "md" }),
  "export as PDF": (viewer, r = ref) => exportCase({ viewer, reference: r, format: "pdf" }),
};
const writes: Record<string, (viewer: Viewer, r?: string) => Promise<unknown>> = {
  "edit the case": (viewer, r = ref) => updateCase({ viewer, reference: r, input: { version: V, title: "Hijacked" } }),
  "change its status": (viewer, r = ref) => changeCaseStatus({ viewer, reference: r, input: { version: V, status: "TRIAGE" } }),
  "add a timeline entry": (viewer, r = ref) => addTimelineEntry({ viewer, reference: r, input: { body: "Hijacked", occurredAt: new Date().toISOString() } }),
  "link an alert": (viewer, r = ref) => linkAlerts({ viewer, reference: r, input: { alertIds: [ids.spareAlert] } }),
  "link a report": (viewer, r = ref) => linkReports({ viewer, reference: r, input: { reports: [ids.report] } }),
  "unlink an alert": (viewer, r = ref) => unlinkAlert({ viewer, reference: r, alertId: ids.alert }),
  "merge it away": (viewer, r = ref) => mergeCases({ viewer, reference: r, input: { into: own } }),
  "merge into it": (viewer, r = ref) => mergeCases({ viewer, reference: own, input: { into: r } }),
  "record impact": (viewer, r = ref) => recordImpact({ viewer, reference: r, input: { version: V, confidentiality: "LOW", integrity: "NONE", availability: "NONE", impactSummary: "Hijacked" } }),
  "decide disclosure": (viewer, r = ref) => decideDisclosure({ viewer, reference: r, input: { version: V, disclose: false, rationale: "Hijacked" } }),
  "approve disclosure": (viewer, r = ref) => approveDisclosure({ viewer, reference: r, input: { version: V } }),
  "add an obligation": (viewer, r = ref) => createObligation({ viewer, reference: r, input: { version: V, audience: "PARTNER", preset: "HOURS_72" } }),
  "edit an obligation": (viewer, r = ref) => updateObligationText({ viewer, reference: r, input: { version: V, obligationId: ids.obligation, text: "Hijacked" } }),
  "approve an obligation": (viewer, r = ref) => approveObligation({ viewer, reference: r, input: { version: V, obligationId: ids.obligation } }),
  "send an obligation": (viewer, r = ref) => markObligationSent({ viewer, reference: r, input: { version: V, obligationId: ids.obligation } }),
  "reopen an obligation": (viewer, r = ref) => reopenObligation({ viewer, reference: r, input: { version: V, obligationId: ids.obligation } }),
  "add an observable": (viewer, r = ref) => addObservable({ viewer, reference: r, input: { type: "DOMAIN", value: "hijack.example.com" } }),
  "remove an observable": (viewer, r = ref) => removeObservable({ viewer, reference: r, observableId: ids.observable }),
  "add a task": (viewer, r = ref) => addTask({ viewer, reference: r, input: { version: V, title: "Hijacked" } }),
  "edit a task": (viewer, r = ref) => updateTask({ viewer, reference: r, taskId: ids.task, input: { version: V, title: "Hijacked" } }),
  "complete a task": (viewer, r = ref) => setTaskDone({ viewer, reference: r, taskId: ids.task, input: { version: V, done: true } }),
  "delete a task": (viewer, r = ref) => deleteTask({ viewer, reference: r, taskId: ids.task, input: { version: V, reason: "Hijacked" } }),
  "reorder tasks": (viewer, r = ref) => reorderTasks({ viewer, reference: r, input: { version: V, order: [ids.task] } }),
  "comment on a task": (viewer, r = ref) => addTaskComment({ viewer, reference: r, taskId: ids.task, input: { body: "Hijacked" } }),
  "apply a template": (viewer, r = ref) => applyTemplate({ viewer, reference: r, input: { version: V, template: "data-exposure" } }),
  "comment": (viewer, r = ref) => addCaseComment({ viewer, reference: r, input: { body: "Hijacked" } }),
  "upload evidence": (viewer, r = ref) => addEvidence({ viewer, reference: r, file: bytes("hijacked") }),
  "preserve logs": (viewer, r = ref) => preserveLogs({ viewer, reference: r, input: { from: new Date(Date.now() - 3_600_000).toISOString(), to: new Date().toISOString(), devices: ["nNoSuchCNTRL"] } }),
};

describe("a COO_ONLY case", () => {
  it("the COO reads it through every read operation", async () => {
    for (const [name, read] of Object.entries(reads)) await expect(read(coo), name).resolves.toBeTruthy();
  });

  it("does not exist for SECURITY: every read and write is NOT_FOUND, and nothing changes", async () => {
    const before = await snapshot(ref);
    const ownBefore = await snapshot(own);
    const codeOf = (p: Promise<unknown>) => p.then(() => "allowed", (e: { code?: string }) => e.code);
    for (const [name, op] of Object.entries(reads)) await expect(op(security), name).rejects.toMatchObject({ code: "NOT_FOUND" });
    // A write SECURITY may never do (approving) may say so, but then exactly as for a case that does not exist.
    for (const [name, op] of Object.entries(writes)) {
      const sealed = await codeOf(op(security));
      expect(["NOT_FOUND", "FORBIDDEN"], name).toContain(sealed);
      expect(await codeOf(op(security, "CASE-2099-9999")), name).toBe(sealed);
    }
    expect(await snapshot(ref)).toEqual(before);
    expect(await snapshot(own)).toEqual(ownBefore);
  });

  it("EMPLOYEE and ADMIN may do nothing with it (FORBIDDEN or NOT_FOUND, never data)", async () => {
    const before = await snapshot(ref);
    for (const viewer of [employee, admin]) {
      for (const [name, op] of Object.entries({ ...reads, ...writes })) {
        const outcome = await op(viewer).then(
          () => "allowed",
          (e: { code?: string }) => e.code,
        );
        expect(["FORBIDDEN", "NOT_FOUND"], `${viewer.roles.join("+")}: ${name}`).toContain(outcome);
      }
    }
    expect(await snapshot(ref)).toEqual(before);
  });

  it("leaves no trace for SECURITY in lists, search, counts, pickers, the review queue, cross-references, alerts or the audit trail", async () => {
    const all = await listCases({ viewer: security, filter: { status: "NEW,TRIAGE,INVESTIGATING,CONTAINED,REMEDIATED,RESOLVED,CLOSED", pageSize: "100" } });
    expect(all.cases.map((c) => c.reference)).not.toContain(ref);
    for (const q of [ref, `Sealed matrix case ${tag}`, tag]) {
      const found = await listCases({ viewer: security, filter: { q } });
      expect(found.cases.map((c) => c.reference), q).not.toContain(ref);
    }
    const cooAll = await listCases({ viewer: coo, filter: { q: tag } });
    expect(cooAll.cases.map((c) => c.reference)).toContain(ref);
    // Counts: SECURITY's counts for the tag's cases are those of their own case alone.
    const mine = await listCases({ viewer: security, filter: { q: tag } });
    expect(mine.total).toBe(1);
    expect(Object.values(mine.statusCounts).reduce((a, b) => a + b, 0)).toBe(1);
    expect((await listOpenCasesForPicker({ viewer: security })).map((c) => c.reference)).not.toContain(ref);
    await expect(getReviewQueue({ viewer: security })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(JSON.stringify(await getReviewQueue({ viewer: coo }))).toContain(ref);
    // The shared IP shows SECURITY's own case only; the COO sees both.
    const obs = await listObservables({ viewer: security, reference: own });
    expect(JSON.stringify(obs)).not.toContain(ref);
    expect(JSON.stringify(await listObservables({ viewer: coo, reference: ref }))).toContain(own);
    // The linked alert says only that it is on a case SECURITY may not see.
    expect(await caseOfAlert({ viewer: security, alertId: ids.alert })).toEqual({ sealed: true });
    expect(JSON.stringify(await caseDraftFrom({ viewer: security, alertIds: [String(ids.alert)], reports: [] }))).not.toContain(ref);
    // The audit trail view filters the sealed case's rows out.
    const audit = await listAudit({ viewer: security, filter: { action: "case.", actor: coo.email, page: 1 } });
    expect(JSON.stringify(audit)).not.toContain(ref);
    expect(JSON.stringify(audit)).not.toContain(`Sealed matrix case ${tag}`);
  });

  it("SECURITY cannot be mentioned on it, and the refusal says no more than for nobody at all", async () => {
    const handle = security.email.split("@")[0]!;
    const messageOf = (body: string) => addCaseComment({ viewer: coo, reference: ref, input: { body } }).then(() => "posted", (e: Error) => e.message);
    const refused = await messageOf(`@${handle} please look`);
    const nobody = await messageOf(`@nobody-${tag} please look`);
    expect(refused).not.toBe("posted");
    expect(refused.replace(handle, "X")).toBe(nobody.replace(`nobody-${tag}`, "X"));
  });
});
