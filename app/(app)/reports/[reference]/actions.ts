"use server";
import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/actions/action-state";
import type { ActionState } from "@/lib/actions/types";
import { requireViewer } from "@/lib/auth/session";
import { replyToMyReport } from "@/lib/reports/reporter-view";

export async function replyAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const reference = String(form.get("reference") ?? "");
    await replyToMyReport({ viewer: await requireViewer(`/reports/${reference}`), reference, body: form.get("body") });
    revalidatePath(`/reports/${reference}`);
    return { message: "Sent." };
  });
}
