"use server";
// The tasks tab's actions: each validates through its operation and sends the case version the page showed.
import { revalidatePath } from "next/cache";
import { formObject, runAction } from "@/lib/actions/action-state";
import type { ActionState } from "@/lib/actions/types";
import { requireViewer } from "@/lib/auth/session";
import { caseHref } from "@/lib/cases/case-tabs";
import { addTask, addTaskComment, applyTemplate, deleteTask, reorderTasks, setTaskDone, updateTask } from "@/lib/cases/tasks";

function parts(form: FormData) {
  const { reference, taskId, ...input } = formObject(form);
  const ref = String(reference ?? "");
  return { reference: ref, taskId: String(taskId ?? ""), input, path: caseHref(ref, "tasks") };
}

async function run(form: FormData, fn: (p: ReturnType<typeof parts> & { viewer: Awaited<ReturnType<typeof requireViewer>> }) => Promise<string>): Promise<ActionState> {
  return runAction(async () => {
    const p = parts(form);
    const viewer = await requireViewer(p.path);
    const message = await fn({ ...p, viewer });
    revalidatePath(p.path);
    return { message };
  });
}

export async function addTaskAction(_prev: ActionState, form: FormData) {
  return run(form, async ({ viewer, reference, input }) => `Task added: ${(await addTask({ viewer, reference, input })).task.title}.`);
}

export async function updateTaskAction(_prev: ActionState, form: FormData) {
  return run(form, async ({ viewer, reference, taskId, input }) => {
    if (!("required" in input)) input.required = "false";
    await updateTask({ viewer, reference, taskId, input });
    return "Task saved.";
  });
}

export async function taskDoneAction(_prev: ActionState, form: FormData) {
  return run(form, async ({ viewer, reference, taskId, input }) => ((await setTaskDone({ viewer, reference, taskId, input })).task.doneAt ? "Task done." : "Task reopened."));
}

export async function deleteTaskAction(_prev: ActionState, form: FormData) {
  return run(form, async ({ viewer, reference, taskId, input }) => {
    await deleteTask({ viewer, reference, taskId, input: { ...input, reason: input.reason || undefined } });
    return "Task removed.";
  });
}

export async function reorderTasksAction(_prev: ActionState, form: FormData) {
  return run(form, async ({ viewer, reference, input }) => {
    await reorderTasks({ viewer, reference, input: { ...input, order: String(input.order ?? "").split(",").filter(Boolean) } });
    return "Order saved.";
  });
}

export async function taskCommentAction(_prev: ActionState, form: FormData) {
  return run(form, async ({ viewer, reference, taskId, input }) => {
    await addTaskComment({ viewer, reference, taskId, input: { body: input.body } });
    return "Comment added.";
  });
}

export async function applyTemplateAction(_prev: ActionState, form: FormData) {
  return run(form, async ({ viewer, reference, input }) => {
    const r = await applyTemplate({ viewer, reference, input });
    return `${r.added} task${r.added === 1 ? "" : "s"} added${r.skipped ? `, ${r.skipped} already on the case` : ""}.`;
  });
}
