import "server-only";
// Merges a duplicate case into a survivor: the duplicate's alerts, reports, tasks (with their
// comments), observables, evidence, comments and disclosure obligations move, it closes as DUPLICATE pointing at the survivor, the survivor becomes as
// sealed as the stricter of the two, and both timelines say so.
import { db } from "@/lib/db";
import { AppError, parseInput } from "@/lib/errors";
import { z } from "zod";
import type { Viewer } from "@/lib/auth/viewer";
import { userMayWorkCaseClass } from "@/lib/auth/visibility";
import { auditCase, autoEntry, lockCase, touchCase } from "./case-records";
import { stricter } from "./link-report";
import { ZVersion } from "./schemas";

const ZMerge = z.object({ into: z.string().trim().min(1, "Name the case to merge into."), version: ZVersion.optional(), intoVersion: ZVersion.optional() }).strict();

export async function mergeCases({ viewer, reference, input, now = new Date() }: { viewer: Viewer; reference: string; input: unknown; now?: Date }) {
  const { into, version, intoVersion } = parseInput(ZMerge, input);
  if (into === reference) throw new AppError("INVALID_INPUT", "A case cannot be merged into itself.");
  return db.$transaction(
    async (tx) => {
      // Lock in reference order so two opposite merges cannot deadlock.
      const [first, second] = [reference, into].sort();
      const a = await lockCase(tx, viewer, first!, first === reference ? version : intoVersion);
      const b = await lockCase(tx, viewer, second!, second === reference ? version : intoVersion);
      const merged = a.reference === reference ? a : b;
      const survivor = merged === a ? b : a;
      if (merged.status === "CLOSED") throw new AppError("CONFLICT", `${merged.reference} is closed: it cannot be merged.`);
      if (survivor.status === "CLOSED") throw new AppError("CONFLICT", `${survivor.reference} is closed: merge into an open case.`);

      const visibility = stricter(survivor.visibility, merged.visibility);
      const movedAlerts = await tx.alert.updateMany({ where: { caseId: merged.id }, data: { caseId: survivor.id, version: { increment: 1 } } });
      const movedReports = await tx.report.updateMany({ where: { caseId: merged.id }, data: { caseId: survivor.id } });
      const lastTask = await tx.caseTask.aggregate({ where: { caseId: survivor.id }, _max: { position: true } });
      const tasks = await tx.caseTask.findMany({ where: { caseId: merged.id }, orderBy: { position: "asc" }, select: { id: true } });
      for (const [i, task] of tasks.entries()) await tx.caseTask.update({ where: { id: task.id }, data: { caseId: survivor.id, position: (lastTask._max.position ?? -1) + 1 + i } });
      const observables = await tx.caseObservable.findMany({ where: { caseId: merged.id }, select: { type: true, value: true, source: true } });
      if (observables.length) await tx.caseObservable.createMany({ data: observables.map((o) => ({ ...o, caseId: survivor.id })), skipDuplicates: true });
      await tx.caseObservable.deleteMany({ where: { caseId: merged.id } });
      const movedEvidence = await tx.caseEvidence.updateMany({ where: { caseId: merged.id }, data: { caseId: survivor.id } });
      const movedComments = await tx.caseComment.updateMany({ where: { caseId: merged.id }, data: { caseId: survivor.id } });
      const movedObligations = await tx.disclosureObligation.updateMany({ where: { caseId: merged.id }, data: { caseId: survivor.id } });
      const members = await tx.caseMember.findMany({ where: { caseId: merged.id }, select: { userId: true, user: { select: { id: true, email: true, name: true, roles: true, disabledAt: true } } } });
      const keep = members.filter((m) => userMayWorkCaseClass(m.user, visibility));
      if (keep.length) await tx.caseMember.createMany({ data: keep.map((m) => ({ caseId: survivor.id, userId: m.userId })), skipDuplicates: true });

      const moved = {
        alerts: movedAlerts.count,
        reports: movedReports.count,
        tasks: tasks.length,
        observables: observables.length,
        evidence: movedEvidence.count,
        comments: movedComments.count,
        obligations: movedObligations.count,
      };
      await autoEntry(tx, viewer, merged.id, `Merged into ${survivor.reference} as a duplicate; its alerts, reports, tasks, observables, evidence, comments and disclosure obligations moved there`, { into: survivor.reference, ...moved }, now);
      await autoEntry(
        tx,
        viewer,
        survivor.id,
        `${merged.reference} merged into this case (${moved.alerts} alerts, ${moved.reports} reports, ${moved.tasks} tasks, ${moved.observables} observables, ${moved.evidence} evidence items, ${moved.comments} comments, ${moved.obligations} disclosure obligations)`,
        { from: merged.reference, ...moved },
        now,
      );
      if (visibility !== survivor.visibility) {
        await autoEntry(tx, viewer, survivor.id, `Visibility tightened: ${survivor.visibility} → ${visibility} (the merged case was ${merged.visibility})`, { from: survivor.visibility, to: visibility }, now);
      }
      const closed = await touchCase(tx, merged.id, {
        mergedIntoId: survivor.id,
        status: "CLOSED",
        outcome: "DUPLICATE",
        resolvedAt: merged.resolvedAt ?? now,
        closedAt: now,
        acknowledgedAt: merged.acknowledgedAt ?? now,
      });
      const kept = await touchCase(tx, survivor.id, { visibility });
      // The records of the merge carry the stricter class: the duplicate's name appears in both.
      await auditCase(tx, viewer, { id: merged.id, visibility }, "merge", { status: merged.status }, { mergedInto: survivor.reference, status: "CLOSED", outcome: "DUPLICATE" });
      await auditCase(tx, viewer, { id: survivor.id, visibility }, "merge_into", { visibility: survivor.visibility }, { from: merged.reference, visibility, ...moved });
      return { reference: survivor.reference, merged: merged.reference, visibility, version: kept.version, mergedVersion: closed.version };
    },
    { timeout: 30_000 },
  );
}
