"use server";
// The alert queue's and the alert page's actions: each validates through its operation.
import { revalidatePath } from "next/cache";
import { formObject, runAction } from "@/lib/actions/action-state";
import type { ActionState } from "@/lib/actions/types";
import { requireViewer } from "@/lib/auth/session";
import { ACTION_DONE } from "@/lib/alerts/status";
import { suppressAlert, revokeSuppression } from "@/lib/alerts/suppress-alert";
import { updateAlert, updateAlerts } from "@/lib/alerts/update-alerts";
import type { AlertAction } from "@/lib/alerts/schemas";

const plural = (n: number) => (n === 1 ? "1 alert" : `${n} alerts`);

/** Bulk: `id` repeated, `action`, and the action's fields. */
export async function bulkAlertAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const { id, ...input } = formObject(form);
    const { changed, skipped } = await updateAlerts({ viewer: await requireViewer("/alerts"), ids: id ?? [], input });
    revalidatePath("/alerts");
    const done = ACTION_DONE[input.action as AlertAction] ?? "changed";
    const skippedText = skipped.length ? ` Skipped ${plural(skipped.length)}: ${skipped.slice(0, 5).map((s) => `#${s.id} (${s.reason})`).join(", ")}${skipped.length > 5 ? ", …" : ""}.` : "";
    return { message: `${changed.length ? `${plural(changed.length)} ${done}.` : "Nothing changed."}${skippedText}` };
  });
}

/** One alert at the version the page showed. */
export async function alertAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const { id, version, ...input } = formObject(form);
    await updateAlert({ viewer: await requireViewer(`/alerts/${id}`), id: String(id ?? ""), version, input });
    revalidatePath(`/alerts/${id}`);
    return { message: `Alert ${ACTION_DONE[input.action as AlertAction] ?? "changed"}.` };
  });
}

export async function suppressAlertAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const { id, ...input } = formObject(form);
    const { expiresAt } = await suppressAlert({ viewer: await requireViewer(`/alerts/${id}`), alertId: String(id ?? ""), input });
    revalidatePath(`/alerts/${id}`);
    return { message: `Suppressed until ${expiresAt.slice(0, 16).replace("T", " ")} UTC.` };
  });
}

export async function revokeSuppressionAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const { suppressionId, back } = formObject(form) as { suppressionId?: string; back?: string };
    await revokeSuppression({ viewer: await requireViewer(), id: String(suppressionId ?? "") });
    if (typeof back === "string" && /^\/(alerts|rules)\/[\w.%-]+$/.test(back)) revalidatePath(back);
    return { message: "Suppression ended." };
  });
}
