"use server";
import { revalidatePath } from "next/cache";
import { formObject, runAction } from "@/lib/actions/action-state";
import type { ActionState } from "@/lib/actions/types";
import { requireViewer } from "@/lib/auth/session";
import { updatePollerSettings } from "@/lib/ingest/poller/poller-settings";
import { pollNow } from "@/lib/ingest/poller/poller-status";

const PATH = "/admin/ingest/tailscale-api";

export async function savePollerSettingsAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const { resetsCursors } = await updatePollerSettings({ viewer: await requireViewer(PATH), input: formObject(form) });
    revalidatePath(PATH);
    return { message: resetsCursors ? "Saved. The tailnet or API changed: polling starts again from the backfill window." : "Saved." };
  });
}

export async function pollNowAction(): Promise<ActionState> {
  return runAction(async () => {
    // A person waits for the answer: a long backfill goes on in the scheduled runs.
    const outcome = await pollNow({ viewer: await requireViewer(PATH), options: { budgetMs: 45_000, waitForLockMs: 15_000 } });
    revalidatePath(PATH);
    const failed = outcome.types.some((t) => t.status === "error" || t.status === "waiting");
    return {
      message: outcome.types.length ? undefined : outcome.message,
      result: { status: outcome.status === "ran" && failed ? "failed" : outcome.status, ...Object.fromEntries(outcome.types.map((t) => [t.logType, t.message])) },
    };
  });
}
