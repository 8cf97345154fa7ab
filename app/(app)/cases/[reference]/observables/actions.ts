"use server";
// The observables tab's actions: add one by hand (checked per type), remove one.
import { revalidatePath } from "next/cache";
import { formObject, runAction } from "@/lib/actions/action-state";
import type { ActionState } from "@/lib/actions/types";
import { requireViewer } from "@/lib/auth/session";
import { caseHref } from "@/lib/cases/case-tabs";
import { addObservable, removeObservable } from "@/lib/cases/observables";
import { OBSERVABLE_LABELS } from "@/lib/cases/observables-validate";

export async function addObservableAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const { reference, ...input } = formObject(form);
    const path = caseHref(String(reference ?? ""), "observables");
    const { observable } = await addObservable({ viewer: await requireViewer(path), reference: String(reference ?? ""), input });
    revalidatePath(path);
    return { message: `${OBSERVABLE_LABELS[observable.type]} ${observable.value} added.` };
  });
}

export async function removeObservableAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const { reference, observableId } = formObject(form);
    const path = caseHref(String(reference ?? ""), "observables");
    await removeObservable({ viewer: await requireViewer(path), reference: String(reference ?? ""), observableId: String(observableId ?? "") });
    revalidatePath(path);
    return { message: "Observable removed." };
  });
}
