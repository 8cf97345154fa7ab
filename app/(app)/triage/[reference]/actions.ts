"use server";
import { revalidatePath } from "next/cache";
import { formObject, runAction } from "@/lib/actions/action-state";
import type { ActionState } from "@/lib/actions/types";
import { requireViewer } from "@/lib/auth/session";
import { triageReport } from "@/lib/reports/triage";

const DONE: Record<string, string> = {
  acknowledge: "Acknowledged.",
  message: "Sent to the reporter.",
  note: "Note added.",
  resolve: "Resolved.",
  dismiss: "Dismissed.",
  reopen: "Reopened.",
};

export async function triageAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const { reference, ...input } = formObject(form) as { reference?: string; action?: string };
    await triageReport({ viewer: await requireViewer(`/triage/${reference}`), reference: String(reference ?? ""), input });
    revalidatePath(`/triage/${reference}`);
    return { message: DONE[String(input.action)] ?? "Done." };
  });
}
