import "server-only";
// Edits a case at the version the person loaded (a stale version is a CONFLICT and nothing is
// written): title, summary, severity (the due date follows), lead, members, visibility (only
// tightened), and optionally the status, all in one transaction. Each change is on the timeline.
import { db } from "@/lib/db";
import { AppError, parseInput } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { isTightening, userMayWorkCaseClass } from "@/lib/auth/visibility";
import type { Viewer } from "@/lib/auth/viewer";
import { auditCase, autoEntry, lockCase, resolveCaseUser, touchCase } from "./case-records";
import { changeStatusInTx } from "./change-case-status";
import { dueAt } from "./deadlines";
import { ZCaseUpdate } from "./schemas";
import { getSlaHours } from "./sla";

export async function updateCase({ viewer, reference, input, now = new Date() }: { viewer: Viewer; reference: string; input: unknown; now?: Date }) {
  const patch = parseInput(ZCaseUpdate, input);
  return db.$transaction(async (tx) => {
    const c = await lockCase(tx, viewer, reference, patch.version);
    const data: Prisma.CaseUncheckedUpdateInput = {};
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    const note = async (field: string, from: unknown, to: unknown, body: string) => {
      before[field] = from;
      after[field] = to;
      await autoEntry(tx, viewer, c.id, body, { field, from, to }, now);
    };

    if (patch.visibility && patch.visibility !== c.visibility) {
      if (!isTightening(c.visibility, patch.visibility)) {
        throw new AppError("INVALID_INPUT", `A case's visibility can only be tightened: ${c.visibility} cannot become ${patch.visibility}.`, { fieldErrors: { visibility: ["Visibility is only ever tightened."] } });
      }
      data.visibility = patch.visibility;
      await note("visibility", c.visibility, patch.visibility, `Visibility tightened: ${c.visibility} → ${patch.visibility}`);
    }
    const visibility = patch.visibility ?? c.visibility;
    if (patch.title !== undefined && patch.title !== c.title) {
      data.title = patch.title;
      await note("title", c.title, patch.title, `Title changed to "${patch.title}"`);
    }
    if (patch.summary !== undefined && patch.summary !== c.summary) {
      data.summary = patch.summary;
      await note("summary", `${c.summary.length} characters`, `${patch.summary.length} characters`, "Summary edited");
    }
    if (patch.severity && patch.severity !== c.severity) {
      data.severity = patch.severity;
      data.dueAt = dueAt(patch.severity, c.awareAt, await getSlaHours(tx));
      await note("severity", c.severity, patch.severity, `Severity: ${c.severity} → ${patch.severity}; due ${(data.dueAt as Date).toISOString()}`);
    }
    if (patch.lead !== undefined) {
      const lead = patch.lead === null ? null : await resolveCaseUser(tx, patch.lead, visibility, "lead");
      if ((lead?.id ?? null) !== c.leadId) {
        data.leadId = lead?.id ?? null;
        if (lead) await tx.caseMember.createMany({ data: [{ caseId: c.id, userId: lead.id }], skipDuplicates: true });
        await note("lead", c.leadId, lead?.id ?? null, lead ? `Lead: ${lead.name}` : "Lead removed");
      }
    }
    if (patch.members) {
      const users: Awaited<ReturnType<typeof resolveCaseUser>>[] = [];
      for (const key of [...new Set(patch.members)]) users.push(await resolveCaseUser(tx, key, visibility, "members"));
      const current = (await tx.caseMember.findMany({ where: { caseId: c.id }, select: { userId: true } })).map((m) => m.userId);
      const wanted = new Set(users.map((u) => u.id));
      const leadId = (data.leadId as string | null | undefined) ?? (data.leadId === null ? null : c.leadId);
      if (leadId) wanted.add(leadId);
      const added = [...wanted].filter((id) => !current.includes(id));
      const removed = current.filter((id) => !wanted.has(id));
      if (added.length || removed.length) {
        await tx.caseMember.deleteMany({ where: { caseId: c.id, userId: { in: removed } } });
        await tx.caseMember.createMany({ data: added.map((userId) => ({ caseId: c.id, userId })), skipDuplicates: true });
        const names = (ids: string[]) => users.filter((u) => ids.includes(u.id)).map((u) => u.name);
        await note("members", current, [...wanted], `Members: ${[added.length ? `added ${names(added).join(", ") || added.length}` : "", removed.length ? `removed ${removed.length}` : ""].filter(Boolean).join("; ")}`);
      }
    }
    // Members who may no longer see a tightened case leave it (COO_ONLY: the COO alone).
    if (data.visibility === "COO_ONLY") {
      const members = await tx.caseMember.findMany({ where: { caseId: c.id }, select: { userId: true, user: { select: { id: true, email: true, name: true, roles: true, disabledAt: true } } } });
      const gone = members.filter((m) => !userMayWorkCaseClass(m.user, "COO_ONLY")).map((m) => m.userId);
      if (gone.length) await tx.caseMember.deleteMany({ where: { caseId: c.id, userId: { in: gone } } });
      const leadId = data.leadId !== undefined ? (data.leadId as string | null) : c.leadId;
      if (leadId && gone.includes(leadId)) data.leadId = null;
    }
    if (patch.status && patch.status !== c.status) {
      Object.assign(data, await changeStatusInTx(tx, viewer, { ...c, visibility }, { status: patch.status, outcome: patch.outcome, resolutionNote: patch.resolutionNote }, now));
      before.status = c.status;
      after.status = patch.status;
    } else if (patch.outcome || patch.resolutionNote !== undefined) {
      throw new AppError("INVALID_INPUT", "An outcome and a resolution note are given with status RESOLVED.", { fieldErrors: { outcome: ["Send status RESOLVED with it."] } });
    }
    if (!Object.keys(data).length && !Object.keys(after).length) return { reference, version: c.version, changed: [] as string[] };
    const updated = await touchCase(tx, c.id, data);
    await auditCase(tx, viewer, { id: c.id, visibility: updated.visibility }, "update", before, after);
    return { reference, version: updated.version, changed: Object.keys(after) };
  });
}
