import "server-only";
// Case templates edited in the app by the security team (cases.work): list, read, create and
// edit (name, description, checklist with required flags). The built-in kinds
// (lib/cases/templates.ts) cannot be deleted, so every kind of incident keeps a checklist; there
// is no delete at all, and cases keep their tasks whatever happens to a template later. Every
// change is on the audit trail with the before and after.
import { db } from "@/lib/db";
import { AppError, notFound, parseInput } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { appendAudit } from "@/lib/audit/append-audit";
import { assertCan } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { ensureCaseTemplates } from "./ensure-case-templates";
import { findTemplateDefinition, templateTasksOf } from "./templates";
import { kindFromName, ZTemplateEdit } from "./task-schemas";

export async function listCaseTemplates({ viewer }: { viewer: Viewer }) {
  assertCan(viewer, "cases.access");
  await ensureCaseTemplates();
  const rows = await db.caseTemplate.findMany({ orderBy: { name: "asc" } });
  return rows.map((t) => ({ ...t, tasks: templateTasksOf(t.tasks), builtIn: findTemplateDefinition(t.kind) !== null }));
}

export async function getCaseTemplate({ viewer, kind }: { viewer: Viewer; kind: string }) {
  assertCan(viewer, "cases.access");
  await ensureCaseTemplates();
  const t = typeof kind === "string" && kind.length <= 100 ? await db.caseTemplate.findUnique({ where: { kind } }) : null;
  if (!t) throw notFound("template");
  const updatedBy = t.updatedById ? await db.user.findUnique({ where: { id: t.updatedById }, select: { name: true, email: true } }) : null;
  return { ...t, tasks: templateTasksOf(t.tasks), builtIn: findTemplateDefinition(t.kind) !== null, updatedBy };
}

async function nameTaken(name: string, exceptId?: string) {
  const other = await db.caseTemplate.findFirst({ where: { name: { equals: name, mode: "insensitive" }, ...(exceptId ? { NOT: { id: exceptId } } : {}) }, select: { id: true } });
  if (other) throw new AppError("INVALID_INPUT", `A template named "${name}" already exists.`, { fieldErrors: { name: ["That name is taken."] } });
}

export async function createCaseTemplate({ viewer, input }: { viewer: Viewer; input: unknown }) {
  assertCan(viewer, "cases.work");
  const v = parseInput(ZTemplateEdit, input);
  await ensureCaseTemplates();
  await nameTaken(v.name);
  const base = kindFromName(v.name);
  let kind = base;
  for (let n = 2; await db.caseTemplate.findUnique({ where: { kind }, select: { id: true } }); n++) kind = `${base}-${n}`;
  return db.$transaction(async (tx) => {
    const t = await tx.caseTemplate.create({ data: { kind, name: v.name, description: v.description, tasks: v.tasks as unknown as Prisma.InputJsonValue, updatedById: viewer.kind === "user" ? viewer.id : null } });
    await appendAudit(tx, viewer, { action: "case_template.create", targetType: "CaseTemplate", targetId: t.id, after: { kind, name: v.name, description: v.description, tasks: v.tasks } });
    return { kind: t.kind, id: t.id };
  }).catch(uniqueAsConflict);
}

/** Replaces name, description and the whole task list; `updatedAt` is the version a stale form is checked against. */
export async function updateCaseTemplate({ viewer, kind, input, updatedAt }: { viewer: Viewer; kind: string; input: unknown; updatedAt?: string }) {
  assertCan(viewer, "cases.work");
  const v = parseInput(ZTemplateEdit, input);
  const current = await getCaseTemplate({ viewer, kind });
  await nameTaken(v.name, current.id);
  return db.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ updatedAt: Date }[]>`SELECT "updatedAt" FROM "CaseTemplate" WHERE id = ${current.id} FOR UPDATE`;
    if (updatedAt && locked[0] && locked[0].updatedAt.toISOString() !== updatedAt) {
      throw new AppError("CONFLICT", `Someone changed "${current.name}" since you opened it. Reload it and try again; your changes were not saved.`);
    }
    const t = await tx.caseTemplate.update({ where: { id: current.id }, data: { name: v.name, description: v.description, tasks: v.tasks as unknown as Prisma.InputJsonValue, updatedById: viewer.kind === "user" ? viewer.id : null } });
    await appendAudit(tx, viewer, {
      action: "case_template.update",
      targetType: "CaseTemplate",
      targetId: t.id,
      before: { name: current.name, description: current.description, tasks: current.tasks },
      after: { name: v.name, description: v.description, tasks: v.tasks },
    });
    return { kind: t.kind, updatedAt: t.updatedAt.toISOString() };
  }).catch(uniqueAsConflict);
}

function uniqueAsConflict(error: unknown): never {
  if (error && typeof error === "object" && (error as { code?: string }).code === "P2002") throw new AppError("INVALID_INPUT", "A template with that name already exists.", { fieldErrors: { name: ["That name is taken."] } });
  throw error;
}
