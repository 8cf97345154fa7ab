import "server-only";
// Links reports to a case. The case is at least as sealed as its strictest report, so linking a
// SENSITIVE or COO_ONLY report tightens the case (never the other way round). The reporter keeps
// their own view of the report: nothing of the case reaches them.
import { db, type Tx } from "@/lib/db";
import { AppError, parseInput } from "@/lib/errors";
import type { Visibility } from "@/lib/generated/prisma/enums";
import { z } from "zod";
import { reportTriageWhere, VISIBILITIES } from "@/lib/auth/visibility";
import type { Viewer } from "@/lib/auth/viewer";
import { auditCase, autoEntry, lockCase, touchCase } from "./case-records";

export const stricter = (a: Visibility, b: Visibility): Visibility => (VISIBILITIES.indexOf(a) >= VISIBILITIES.indexOf(b) ? a : b);

/** The reports by reference that the viewer may triage; any other is "no such report". */
export async function findReportsForCase(tx: Tx, viewer: Viewer, references: string[]) {
  if (!references.length) return [];
  const reports = await tx.report.findMany({
    where: { AND: [reportTriageWhere(viewer), { reference: { in: references } }] },
    select: { id: true, reference: true, caseId: true, visibility: true, category: true, urgency: true, createdAt: true, description: true },
  });
  const missing = references.filter((r) => !reports.some((x) => x.reference === r));
  if (missing.length) throw new AppError("NOT_FOUND", `No such report: ${missing.join(", ")}.`);
  return reports;
}

type Target = { id: string; visibility: Visibility };

/** Inside the caller's transaction; the case must already be at least as strict as the reports. */
export async function linkReportsInTx(tx: Tx, viewer: Viewer, target: Target, reports: Awaited<ReturnType<typeof findReportsForCase>>, now = new Date()) {
  const elsewhere = reports.filter((r) => r.caseId && r.caseId !== target.id);
  if (elsewhere.length) throw new AppError("CONFLICT", `${elsewhere.map((r) => r.reference).join(", ")} ${elsewhere.length === 1 ? "is" : "are"} already linked to another case.`);
  const toLink = reports.filter((r) => r.caseId !== target.id);
  for (const report of toLink) {
    await tx.report.update({ where: { id: report.id }, data: { caseId: target.id } });
    await autoEntry(tx, viewer, target.id, `Linked report ${report.reference}`, { reportReference: report.reference }, now);
  }
  return toLink.map((r) => r.reference);
}

const ZLinkReport = z.object({ reports: z.array(z.string().trim().regex(/^RPT-\d{4}-\d{4,}$/, "A report reference looks like RPT-2026-0042.")).min(1).max(50) }).strict();

export async function linkReports({ viewer, reference, input }: { viewer: Viewer; reference: string; input: unknown }) {
  const { reports: references } = parseInput(ZLinkReport, input);
  return db.$transaction(async (tx) => {
    const locked = await lockCase(tx, viewer, reference);
    const reports = await findReportsForCase(tx, viewer, references);
    if (reports.every((r) => r.caseId === locked.id)) return { reference, linked: [] as string[], visibility: locked.visibility, version: locked.version };
    const visibility = reports.reduce((v, r) => stricter(v, r.visibility), locked.visibility);
    if (visibility !== locked.visibility) {
      await autoEntry(tx, viewer, locked.id, `Visibility tightened from ${locked.visibility} to ${visibility} (a linked report is ${visibility})`, { from: locked.visibility, to: visibility });
    }
    const target = { id: locked.id, visibility };
    const linked = await linkReportsInTx(tx, viewer, target, reports);
    const updated = await touchCase(tx, locked.id, { visibility });
    await auditCase(tx, viewer, target, "link_reports", { visibility: locked.visibility }, { reports: linked, visibility });
    return { reference, linked, visibility, version: updated.version };
  });
}
