"use server";
import { revalidatePath } from "next/cache";
import { formObject, runAction } from "@/lib/actions/action-state";
import type { ActionState } from "@/lib/actions/types";
import { requireViewer } from "@/lib/auth/session";
import { updateNotificationSettings } from "@/lib/notifications/settings";
import { sendTestNotification } from "@/lib/notifications/test-and-list";

export async function saveNotificationSettingsAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    await updateNotificationSettings({ viewer: await requireViewer("/admin/notifications"), input: formObject(form) });
    revalidatePath("/admin/notifications");
    return { message: "Saved." };
  });
}

export async function sendTestAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const channel = String(form.get("channel") ?? "");
    await sendTestNotification({ viewer: await requireViewer("/admin/notifications"), channel });
    revalidatePath("/admin/notifications");
    return { message: `Test ${channel.toLowerCase()} notification sent.` };
  });
}
