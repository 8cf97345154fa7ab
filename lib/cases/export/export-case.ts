import "server-only";
// Exports a case report (Markdown or PDF) for the postmortem and the disclosure file. The case
// is loaded as its page loads it (invisible: NOT_FOUND), and every export is on the audit trail:
// who exported which case in which format.
import { z } from "zod";
import { db } from "@/lib/db";
import { parseInput } from "@/lib/errors";
import { assertCan } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { auditCase } from "../case-records";
import { getCaseOrThrow } from "../get-case";
import { buildCaseReport, type CaseReportInput } from "./model";
import { renderMarkdown } from "./markdown";
import { renderPdf } from "./pdf";

export const EXPORT_FORMATS = ["md", "pdf"] as const;
export const ZExportFormat = z.enum(EXPORT_FORMATS, { error: (i) => `"${String(i.input)}" is not an export format: use md or pdf.` });
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const STAMPS = [
  ["acknowledgedAt", "Acknowledged"],
  ["containedAt", "Contained"],
  ["remediatedAt", "Remediated"],
  ["resolvedAt", "Resolved"],
  ["closedAt", "Closed"],
] as const;

export async function exportCase({ viewer, reference, format, now = new Date() }: { viewer: Viewer; reference: string; format: unknown; now?: Date }) {
  assertCan(viewer, "cases.access");
  const fmt = parseInput(ZExportFormat, format ?? "md");
  const c = await getCaseOrThrow({ viewer, reference, now });
  const [evidence, disclosure] = await Promise.all([
    db.caseEvidence.findMany({ where: { caseId: c.id }, select: { name: true, size: true, sha256: true, createdAt: true, addedById: true }, orderBy: { createdAt: "asc" } }),
    db.case.findUniqueOrThrow({ where: { id: c.id }, select: { impactDeterminedById: true, decidedById: true, approvedById: true } }),
  ]);
  const ids = new Set<string>();
  for (const id of [disclosure.impactDeterminedById, disclosure.decidedById, disclosure.approvedById, ...evidence.map((e) => e.addedById), ...c.tasks.map((t) => t.assigneeId), ...c.obligations.flatMap((o) => [o.approvedById, o.sentById])]) if (id) ids.add(id);
  const names = new Map((ids.size ? await db.user.findMany({ where: { id: { in: [...ids] } }, select: { id: true, name: true } }) : []).map((u) => [u.id, u.name]));
  const name = (id: string | null | undefined) => (id ? (names.get(id) ?? "a former user") : null);
  const needsApproval = c.visibility !== "STANDARD" || (c.disclose === true && c.obligations.some((o) => o.audience === "PUBLIC"));

  const input: CaseReportInput = {
    reference: c.reference,
    title: c.title,
    summary: c.summary,
    severity: c.severity,
    visibility: c.visibility,
    status: c.status,
    outcome: c.outcome,
    resolutionNote: c.resolutionNote,
    lead: c.lead?.name ?? null,
    members: c.members.map((m) => m.name),
    awareAt: c.awareAt,
    createdAt: c.createdAt,
    stamps: STAMPS.map(([key, label]) => ({ label, at: c[key] })),
    timeline: c.timeline.flatMap((e) => (e.type === "entry" ? [{ occurredAt: e.occurredAt, timeZone: e.timeZone, source: e.source, body: e.body, actor: e.actor?.name ?? null, kind: e.kind }] : [])),
    alertEventCount: c.timeline.filter((e) => e.type === "alert_event").length,
    alerts: c.alerts.map((a) => ({ id: a.id, title: a.title })),
    reports: c.reports.map((r) => ({ reference: r.reference, category: r.category })),
    tasks: c.tasks.map((t) => ({ title: t.title, required: t.required, doneAt: t.doneAt, assignee: name(t.assigneeId) })),
    impact: {
      determinedAt: c.impactDeterminedAt,
      determinedBy: name(disclosure.impactDeterminedById),
      confidentiality: c.confidentiality,
      integrity: c.integrity,
      availability: c.availability,
      systems: c.affectedSystems,
      devices: c.affectedDevices,
      dataTypes: c.dataTypes,
      customersAffected: c.customersAffected,
      peopleAffected: c.peopleAffected,
      summary: c.impactSummary,
    },
    decision: { disclose: c.disclose, rationale: c.disclosureRationale, decidedAt: c.decidedAt, decidedBy: name(disclosure.decidedById), approvedAt: c.approvedAt, approvedBy: name(disclosure.approvedById), needsApproval },
    obligations: c.obligations.map((o) => ({ audience: o.audience, preset: o.preset, deadline: o.deadline, status: o.status, text: o.text, approvedAt: o.approvedAt, approvedBy: name(o.approvedById), sentAt: o.sentAt, sentBy: name(o.sentById) })),
    evidence: evidence.map((e) => ({ name: e.name, size: e.size, sha256: e.sha256, addedAt: e.createdAt, addedBy: name(e.addedById) })),
  };
  const doc = buildCaseReport(input, now, viewer.kind === "user" ? `${viewer.name} <${viewer.email}>` : viewer.label);
  const body = fmt === "md" ? Buffer.from(renderMarkdown(doc), "utf8") : await renderPdf(doc);
  await db.$transaction((tx) => auditCase(tx, viewer, c, "export", undefined, { reference: c.reference, format: fmt, bytes: body.length }));
  return {
    body,
    format: fmt,
    contentType: fmt === "md" ? "text/markdown; charset=utf-8" : "application/pdf",
    fileName: `${c.reference}.${fmt}`,
  };
}
