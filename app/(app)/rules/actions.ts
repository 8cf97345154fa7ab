"use server";
// The rules pages' actions: a rule's switches, the "try it" box, the detection settings.
import { revalidatePath } from "next/cache";
import { formObject, runAction } from "@/lib/actions/action-state";
import type { ActionState } from "@/lib/actions/types";
import { requireViewer } from "@/lib/auth/session";
import { tryRule, type TryResult } from "@/lib/alerts/try-rule";
import { updateRule } from "@/lib/alerts/update-rule";
import { AppError, toAppError } from "@/lib/errors";
import { updateDetectionSettings } from "@/lib/detections/settings";
import { settingsFromForm } from "@/lib/alerts/settings-form-data";

export async function updateRuleAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const { id, ...input } = formObject(form) as Record<string, string | undefined>;
    // An unchecked switch sends nothing: the form marks that it carries one.
    const patch = { ...input, enabled: input.hasEnabled ? input.enabled === "on" : undefined, hasEnabled: undefined };
    await updateRule({ viewer: await requireViewer("/rules"), id: String(id ?? ""), input: patch });
    revalidatePath("/rules");
    revalidatePath(`/rules/${id}`);
    return { message: "Saved. New events are judged with it within a few seconds." };
  });
}

export type TryState = TryResult | { ok: false; error: string } | null;

export async function tryRuleAction(_prev: TryState, form: FormData): Promise<TryState> {
  try {
    return await tryRule({ viewer: await requireViewer(), ruleId: String(form.get("ruleId") ?? ""), text: form.get("json") });
  } catch (error) {
    return { ok: false, error: toAppError(error).message };
  }
}

export async function updateSettingsAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const viewer = await requireViewer("/rules/settings");
    const { input, fieldErrors } = settingsFromForm(form);
    if (Object.keys(fieldErrors).length) throw new AppError("INVALID_INPUT", "Some fields need attention.", { fieldErrors });
    await updateDetectionSettings({ viewer, input });
    revalidatePath("/rules");
    revalidatePath("/rules/settings");
    return { message: "Detection settings saved." };
  });
}
