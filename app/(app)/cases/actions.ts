"use server";
// The cases list's, the new-case form's and the SLA settings' actions, and "add to an existing
// case" from the alert queue, the alert page and the report triage page: each validates
// through its operation in lib/cases.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { formObject, runAction } from "@/lib/actions/action-state";
import type { ActionState } from "@/lib/actions/types";
import { requirePermission } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { caseHref } from "@/lib/cases/case-tabs";
import { createCase } from "@/lib/cases/create-case";
import { linkAlerts } from "@/lib/cases/link-alerts";
import { linkReports } from "@/lib/cases/link-report";
import { localTimeToIso } from "@/lib/cases/local-time";
import { deleteView, saveView } from "@/lib/cases/saved-views";
import { updateSlaHours } from "@/lib/cases/sla";

const list = (v: unknown): string[] =>
  (Array.isArray(v) ? v : v === undefined || v === "" ? [] : [v])
    .flatMap((x) => String(x).split(","))
    .map((x) => x.trim())
    .filter(Boolean);

export async function createCaseAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  let reference = "";
  const state = await runAction(async () => {
    const viewer = await requirePermission("cases.access");
    const f = formObject(form);
    const awareAt = localTimeToIso(f.awareAt, f.timeZone, "awareAt");
    const created = await createCase({
      viewer,
      input: {
        title: typeof f.title === "string" && f.title.trim() ? f.title : undefined,
        summary: typeof f.summary === "string" && f.summary.trim() ? f.summary : undefined,
        severity: f.severity || undefined,
        visibility: f.visibility || undefined,
        awareAt,
        template: f.template || undefined,
        lead: f.lead || undefined,
        alertIds: list(f.alertIds),
        reports: list(f.reports),
      },
    });
    reference = created.reference;
    revalidatePath("/cases");
    revalidatePath("/alerts");
  });
  if (state.ok && reference) redirect(caseHref(reference));
  return state;
}

/** "Add to case": alerts (`alertIds`, repeated or comma-separated) to the case chosen (`reference`). */
export async function addAlertsToCaseAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const viewer = await requirePermission("cases.access");
    const f = formObject(form);
    const reference = String(f.reference ?? "");
    if (!reference) throw new AppError("INVALID_INPUT", "Choose a case.", { fieldErrors: { reference: ["Choose a case."] } });
    const { linked } = await linkAlerts({ viewer, reference, input: { alertIds: list(f.alertIds) } });
    revalidatePath("/alerts");
    revalidatePath(caseHref(reference));
    return { message: linked.length ? `${linked.length === 1 ? "1 alert" : `${linked.length} alerts`} added to ${reference}.` : `Already on ${reference}.`, result: { reference } };
  });
}

/** "Add to case" from the report triage page. */
export async function addReportToCaseAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const viewer = await requirePermission("cases.access");
    const f = formObject(form);
    const reference = String(f.reference ?? "");
    const report = String(f.report ?? "");
    if (!reference) throw new AppError("INVALID_INPUT", "Choose a case.", { fieldErrors: { reference: ["Choose a case."] } });
    const { linked } = await linkReports({ viewer, reference, input: { reports: [report] } });
    revalidatePath(`/triage/${report}`);
    revalidatePath(caseHref(reference));
    return { message: linked.length ? `${report} added to ${reference}.` : `${report} is already on ${reference}.`, result: { reference } };
  });
}

export async function saveViewAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const viewer = await requirePermission("cases.access");
    const { name, query } = formObject(form);
    const view = await saveView({ viewer, input: { name, query: typeof query === "string" ? query : "" } });
    revalidatePath("/cases");
    return { message: `${view.replaced ? "Updated" : "Saved"} the view "${view.name}".` };
  });
}

export async function deleteViewAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const viewer = await requirePermission("cases.access");
    const { id } = formObject(form);
    const view = await deleteView({ viewer, id: String(id ?? "") });
    revalidatePath("/cases");
    return { message: `Deleted the view "${view.name}".` };
  });
}

export async function updateSlaAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const viewer = await requirePermission("cases.work");
    await updateSlaHours({ viewer, input: formObject(form) });
    revalidatePath("/cases/settings");
    return { message: "SLA saved. New cases and re-graded ones take their due dates from it." };
  });
}
