"use server";
// The template editor's actions: the task list arrives as JSON from the editor; malformed JSON is
// a clear error, not a crash.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { formObject, runAction } from "@/lib/actions/action-state";
import type { ActionState } from "@/lib/actions/types";
import { requireViewer } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { createCaseTemplate, updateCaseTemplate } from "@/lib/cases/templates-admin";

function templateInput(form: FormData) {
  const { name, description, tasks, kind, updatedAt } = formObject(form);
  let parsed: unknown;
  try {
    parsed = JSON.parse(String(tasks ?? "[]"));
  } catch {
    throw new AppError("INVALID_INPUT", "The task list could not be read: reload the page and try again.");
  }
  return { kind: String(kind ?? ""), updatedAt: typeof updatedAt === "string" ? updatedAt : undefined, input: { name, description, tasks: parsed } };
}

export async function createTemplateAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  let kind = "";
  const state = await runAction(async () => {
    const { input } = templateInput(form);
    kind = (await createCaseTemplate({ viewer: await requireViewer("/cases/templates/new"), input })).kind;
    revalidatePath("/cases/templates");
  });
  if (state.ok) redirect(`/cases/templates/${encodeURIComponent(kind)}?saved=1`);
  return state;
}

export async function updateTemplateAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const { kind, updatedAt, input } = templateInput(form);
    const path = `/cases/templates/${encodeURIComponent(kind)}`;
    const r = await updateCaseTemplate({ viewer: await requireViewer(path), kind, input, updatedAt });
    revalidatePath(path);
    revalidatePath("/cases/templates");
    return { message: "Template saved. New cases and templates applied from now on use it.", result: { updatedAt: r.updatedAt } };
  });
}
