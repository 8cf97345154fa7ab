import "server-only";
// A case's tasks: add, edit, assign, reorder, complete and reopen, delete, comment, and apply a
// template to a case that already exists. Each change locks the case (at the version the person
// loaded where two people could collide), writes an automatic timeline entry and an audit record,
// and bumps the case's version. Required tasks must be done before a confirmed incident closes
// (lib/cases/change-case-status.ts); deleting one needs a reason, which the timeline keeps.
import { db, type Tx } from "@/lib/db";
import { AppError, notFound, parseInput } from "@/lib/errors";
import type { Visibility } from "@/lib/generated/prisma/enums";
import type { Viewer } from "@/lib/auth/viewer";
import { auditCase, autoEntry, findVisibleCaseId, lockCase, resolveCaseUser, touchCase, type LockedCase } from "./case-records";
import { ensureCaseTemplates } from "./ensure-case-templates";
import { templateTasksOf } from "./templates";
import { MAX_CASE_TASKS, ZApplyTemplate, ZTaskComment, ZTaskCreate, ZTaskDelete, ZTaskDone, ZTaskReorder, ZTaskUpdate } from "./task-schemas";

type Args = { viewer: Viewer; reference: string; input: unknown; now?: Date };
type TaskArgs = Args & { taskId: string };

const actorId = (viewer: Viewer) => (viewer.kind === "user" ? viewer.id : null);

async function assigneeFor(tx: Tx, key: string | null | undefined, visibility: Visibility) {
  if (!key) return null;
  try {
    return await resolveCaseUser(tx, key, visibility, "assignee");
  } catch {
    const who = visibility === "COO_ONLY" ? "the COO" : "a member of the security team or the COO";
    throw new AppError("INVALID_INPUT", `The assignee must be ${who}: someone who may work this ${visibility} case.`, { fieldErrors: { assignee: [`${key} may not work this case.`] } });
  }
}

function refusePast(dueAt: Date | null | undefined, now: Date) {
  if (dueAt && dueAt.getTime() < now.getTime()) {
    throw new AppError("INVALID_INPUT", "That due date is in the past: give today or a later date.", { fieldErrors: { dueAt: ["The due date is in the past."] } });
  }
}

async function taskOf(tx: Tx, c: LockedCase, taskId: string) {
  const task = typeof taskId === "string" && taskId.length <= 40 ? await tx.caseTask.findFirst({ where: { id: taskId, caseId: c.id } }) : null;
  if (!task) throw notFound("task");
  return task;
}

/** The tasks with assignees and comments, and the progress figures the tab shows. */
export async function listTasks({ viewer, reference, now = new Date() }: { viewer: Viewer; reference: string; now?: Date }) {
  const id = await findVisibleCaseId(db, viewer, reference);
  const tasks = await db.caseTask.findMany({ where: { caseId: id }, orderBy: [{ position: "asc" }, { createdAt: "asc" }], include: { comments: { orderBy: { createdAt: "asc" } } } });
  const userIds = [...new Set(tasks.flatMap((t) => [t.assigneeId, t.doneById, ...t.comments.map((c) => c.authorId)]).filter((x): x is string => !!x))];
  const users = new Map((userIds.length ? await db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true, email: true } }) : []).map((u) => [u.id, u]));
  const rows = tasks.map((t) => ({
    ...t,
    assignee: t.assigneeId ? (users.get(t.assigneeId) ?? null) : null,
    doneBy: t.doneById ? (users.get(t.doneById) ?? null) : null,
    overdue: !t.doneAt && t.dueAt !== null && t.dueAt.getTime() < now.getTime(),
    comments: t.comments.map((c) => ({ ...c, author: c.authorId ? (users.get(c.authorId) ?? null) : null })),
  }));
  const required = rows.filter((t) => t.required);
  return {
    tasks: rows,
    progress: { done: rows.filter((t) => t.doneAt).length, total: rows.length, requiredDone: required.filter((t) => t.doneAt).length, requiredTotal: required.length, overdue: rows.filter((t) => t.overdue).length },
  };
}

export async function addTask({ viewer, reference, input, now = new Date() }: Args) {
  const v = parseInput(ZTaskCreate, input);
  refusePast(v.dueAt, now);
  return db.$transaction(async (tx) => {
    const c = await lockCase(tx, viewer, reference, v.version);
    const assignee = await assigneeFor(tx, v.assignee, c.visibility);
    const count = await tx.caseTask.count({ where: { caseId: c.id } });
    if (count >= MAX_CASE_TASKS) throw new AppError("INVALID_INPUT", `A case has at most ${MAX_CASE_TASKS} tasks.`);
    const last = await tx.caseTask.aggregate({ where: { caseId: c.id }, _max: { position: true } });
    const task = await tx.caseTask.create({
      data: { caseId: c.id, title: v.title, description: v.description || null, required: v.required, assigneeId: assignee?.id ?? null, dueAt: v.dueAt ?? null, position: (last._max.position ?? -1) + 1 },
    });
    await autoEntry(tx, viewer, c.id, `Task added: ${task.title}${task.required ? " (required)" : ""}`, { taskId: task.id }, now);
    await auditCase(tx, viewer, c, "task_add", undefined, { taskId: task.id, title: task.title, required: task.required, assigneeId: task.assigneeId, dueAt: task.dueAt });
    const updated = await touchCase(tx, c.id);
    return { reference, task, version: updated.version };
  });
}

export async function updateTask({ viewer, reference, taskId, input, now = new Date() }: TaskArgs) {
  const v = parseInput(ZTaskUpdate, input);
  return db.$transaction(async (tx) => {
    const c = await lockCase(tx, viewer, reference, v.version);
    const task = await taskOf(tx, c, taskId);
    // An unchanged past due date may stay; a new one may not be in the past.
    if (v.dueAt !== undefined && v.dueAt?.getTime() !== task.dueAt?.getTime()) refusePast(v.dueAt, now);
    const assignee = v.assignee === undefined ? undefined : await assigneeFor(tx, v.assignee, c.visibility);
    const data = {
      ...(v.title !== undefined ? { title: v.title } : {}),
      ...(v.description !== undefined ? { description: v.description || null } : {}),
      ...(v.required !== undefined ? { required: v.required } : {}),
      ...(assignee !== undefined ? { assigneeId: assignee?.id ?? null } : {}),
      ...(v.dueAt !== undefined ? { dueAt: v.dueAt } : {}),
    };
    const after = await tx.caseTask.update({ where: { id: task.id }, data });
    const changed = (Object.keys(data) as (keyof typeof data)[]).filter((k) => String(task[k] ?? "") !== String(after[k] ?? ""));
    if (changed.length) {
      const what = changed.includes("assigneeId") && changed.length === 1 ? (assignee ? `assigned to ${assignee.name}` : "unassigned") : `edited (${changed.map((k) => k.replace("Id", "")).join(", ")})`;
      await autoEntry(tx, viewer, c.id, `Task ${what}: ${after.title}`, { taskId: task.id }, now);
    }
    await auditCase(tx, viewer, c, "task_update", pick(task, changed), pick(after, changed));
    const updated = await touchCase(tx, c.id);
    return { reference, task: after, version: updated.version };
  });
}

const pick = (row: Record<string, unknown>, keys: string[]) => Object.fromEntries(keys.map((k) => [k, row[k]]));

/** Complete (done: true) or reopen (done: false). Doing what is already so is a conflict: someone else got there first. */
export async function setTaskDone({ viewer, reference, taskId, input, now = new Date() }: TaskArgs) {
  const v = parseInput(ZTaskDone, input);
  return db.$transaction(async (tx) => {
    const c = await lockCase(tx, viewer, reference);
    const task = await taskOf(tx, c, taskId);
    if (Boolean(task.doneAt) === v.done) {
      throw new AppError("CONFLICT", `"${task.title}" is already ${v.done ? "done" : "open"}: someone may have changed it. Reload the page.`);
    }
    const after = await tx.caseTask.update({ where: { id: task.id }, data: v.done ? { doneAt: now, doneById: actorId(viewer) } : { doneAt: null, doneById: null } });
    await autoEntry(tx, viewer, c.id, `Task ${v.done ? "done" : "reopened"}: ${task.title}`, { taskId: task.id }, now);
    await auditCase(tx, viewer, c, v.done ? "task_done" : "task_reopen", { doneAt: task.doneAt }, { doneAt: after.doneAt });
    const updated = await touchCase(tx, c.id);
    return { reference, task: after, version: updated.version };
  });
}

export async function deleteTask({ viewer, reference, taskId, input, now = new Date() }: TaskArgs) {
  const v = parseInput(ZTaskDelete, input);
  return db.$transaction(async (tx) => {
    const c = await lockCase(tx, viewer, reference, v.version);
    const task = await taskOf(tx, c, taskId);
    if (task.required && !v.reason) {
      throw new AppError("INVALID_INPUT", `"${task.title}" is required: say why it is being removed.`, { fieldErrors: { reason: ["Give a reason to remove a required task."] } });
    }
    await tx.caseTask.delete({ where: { id: task.id } });
    await autoEntry(tx, viewer, c.id, `Task removed: ${task.title}${v.reason ? ` (reason: ${v.reason})` : ""}`, { taskId: task.id }, now);
    await auditCase(tx, viewer, c, "task_delete", { taskId: task.id, title: task.title, required: task.required, doneAt: task.doneAt }, { reason: v.reason ?? null });
    const updated = await touchCase(tx, c.id);
    return { reference, version: updated.version };
  });
}

/** The whole order, every task of the case once. */
export async function reorderTasks({ viewer, reference, input, now = new Date() }: Args) {
  const v = parseInput(ZTaskReorder, input);
  return db.$transaction(async (tx) => {
    const c = await lockCase(tx, viewer, reference, v.version);
    const tasks = await tx.caseTask.findMany({ where: { caseId: c.id }, select: { id: true, position: true }, orderBy: [{ position: "asc" }, { createdAt: "asc" }] });
    const ids = new Set(tasks.map((t) => t.id));
    if (new Set(v.order).size !== v.order.length || v.order.length !== tasks.length || v.order.some((id) => !ids.has(id))) {
      throw new AppError("INVALID_INPUT", "order must list every task of the case exactly once.", { fieldErrors: { order: ["List every task once."] } });
    }
    for (const [position, id] of v.order.entries()) await tx.caseTask.update({ where: { id }, data: { position } });
    await autoEntry(tx, viewer, c.id, "Tasks reordered", undefined, now);
    await auditCase(tx, viewer, c, "task_reorder", { order: tasks.map((t) => t.id) }, { order: v.order });
    const updated = await touchCase(tx, c.id);
    return { reference, version: updated.version };
  });
}

/** Comments are added, never edited: a task's discussion is part of the record. */
export async function addTaskComment({ viewer, reference, taskId, input, now = new Date() }: TaskArgs) {
  const v = parseInput(ZTaskComment, input);
  return db.$transaction(async (tx) => {
    const c = await lockCase(tx, viewer, reference);
    const task = await taskOf(tx, c, taskId);
    const comment = await tx.caseTaskComment.create({ data: { taskId: task.id, authorId: actorId(viewer), body: v.body, createdAt: now } });
    await autoEntry(tx, viewer, c.id, `Comment on task: ${task.title}`, { taskId: task.id, commentId: comment.id }, now);
    await auditCase(tx, viewer, c, "task_comment", undefined, { taskId: task.id, commentId: comment.id, length: v.body.length });
    const updated = await touchCase(tx, c.id);
    return { reference, comment, version: updated.version };
  });
}

/** Adds a template's tasks to a case, skipping those whose title the case already has. */
export async function applyTemplate({ viewer, reference, input, now = new Date() }: Args) {
  const v = parseInput(ZApplyTemplate, input);
  await ensureCaseTemplates();
  return db.$transaction(async (tx) => {
    const c = await lockCase(tx, viewer, reference, v.version);
    const template = await tx.caseTemplate.findFirst({ where: { OR: [{ kind: v.template }, { id: v.template }] } });
    if (!template) throw new AppError("INVALID_INPUT", `No template "${v.template}".`, { fieldErrors: { template: ["Choose one of the templates."] } });
    const existing = await tx.caseTask.findMany({ where: { caseId: c.id }, select: { title: true, position: true } });
    const have = new Set(existing.map((t) => t.title.trim().toLowerCase()));
    const toAdd = templateTasksOf(template.tasks).filter((t) => !have.has(t.title.trim().toLowerCase()));
    if (existing.length + toAdd.length > MAX_CASE_TASKS) throw new AppError("INVALID_INPUT", `A case has at most ${MAX_CASE_TASKS} tasks.`);
    let position = Math.max(-1, ...existing.map((t) => t.position)) + 1;
    if (toAdd.length) await tx.caseTask.createMany({ data: toAdd.map((t) => ({ caseId: c.id, title: t.title, description: t.description ?? null, required: t.required, position: position++ })) });
    await autoEntry(tx, viewer, c.id, `Template applied: ${template.name} (${toAdd.length} task${toAdd.length === 1 ? "" : "s"} added)`, { templateId: template.id }, now);
    await auditCase(tx, viewer, c, "template_apply", undefined, { templateId: template.id, added: toAdd.map((t) => t.title) });
    const updated = await touchCase(tx, c.id, c.templateId ? {} : { templateId: template.id });
    return { reference, added: toAdd.length, skipped: templateTasksOf(template.tasks).length - toAdd.length, version: updated.version };
  });
}

/** What a tab page needs of the case itself (the layout shows the rest); NOT_FOUND if invisible. */
export async function caseHeadOrThrow({ viewer, reference }: { viewer: Viewer; reference: string }) {
  const id = await findVisibleCaseId(db, viewer, reference);
  return db.case.findUniqueOrThrow({ where: { id }, select: { id: true, reference: true, title: true, version: true, visibility: true, status: true, mergedIntoId: true, template: { select: { kind: true, name: true } } } });
}
