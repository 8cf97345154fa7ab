"use server";
// The case overview's actions: edit at the version the page showed (a stale edit is refused and
// nothing is lost: the form keeps what was typed), move through the workflow, unlink an alert,
// merge into another case. Each validates through its operation in lib/cases.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { formObject, runAction } from "@/lib/actions/action-state";
import type { ActionState } from "@/lib/actions/types";
import { requirePermission } from "@/lib/auth/session";
import { caseHref } from "@/lib/cases/case-tabs";
import { changeCaseStatus } from "@/lib/cases/change-case-status";
import { mergeCases } from "@/lib/cases/merge-cases";
import { unlinkAlert } from "@/lib/cases/unlink-alert";
import { updateCase } from "@/lib/cases/update-case";
import { STATUS_LABELS, type CaseStatus } from "@/lib/cases/status";

const refresh = (reference: string) => revalidatePath(caseHref(reference), "layout");

export async function updateCaseAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const viewer = await requirePermission("cases.access");
    const { reference, members, lead, ...rest } = formObject(form);
    const ref = String(reference ?? "");
    const input = {
      ...rest,
      lead: lead === "" ? null : lead,
      members: members === undefined ? [] : Array.isArray(members) ? members : [members],
    };
    const { changed } = await updateCase({ viewer, reference: ref, input });
    refresh(ref);
    return { message: changed.length ? `Saved: ${changed.join(", ")}.` : "Nothing had changed." };
  });
}

export async function changeStatusAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const viewer = await requirePermission("cases.access");
    const { reference, outcome, resolutionNote, ...rest } = formObject(form);
    const ref = String(reference ?? "");
    const input = { ...rest, ...(outcome ? { outcome } : {}), ...(typeof resolutionNote === "string" && resolutionNote.trim() ? { resolutionNote } : {}) };
    const { status } = await changeCaseStatus({ viewer, reference: ref, input });
    refresh(ref);
    return { message: `The case is now ${STATUS_LABELS[status as CaseStatus].toLowerCase()}.` };
  });
}

export async function unlinkAlertAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const viewer = await requirePermission("cases.access");
    const { reference, alertId } = formObject(form);
    const ref = String(reference ?? "");
    const result = await unlinkAlert({ viewer, reference: ref, alertId: String(alertId ?? "") });
    refresh(ref);
    revalidatePath("/alerts");
    return { message: `Alert #${result.alertId} is off the case (now ${result.status.toLowerCase()}).` };
  });
}

export async function mergeCaseAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  let survivor = "";
  const state = await runAction(async () => {
    const viewer = await requirePermission("cases.access");
    const { reference, into, version } = formObject(form);
    const ref = String(reference ?? "");
    const result = await mergeCases({ viewer, reference: ref, input: { into: typeof into === "string" ? into.trim().toUpperCase() : into, version } });
    survivor = result.reference;
    refresh(ref);
    refresh(survivor);
    revalidatePath("/cases");
  });
  if (state.ok && survivor) redirect(caseHref(survivor));
  return state;
}
