"use server";
// The activity tab's action: post a comment (mentions checked and notified by the operation).
import { revalidatePath } from "next/cache";
import { formObject, runAction } from "@/lib/actions/action-state";
import type { ActionState } from "@/lib/actions/types";
import { requireViewer } from "@/lib/auth/session";
import { caseHref } from "@/lib/cases/case-tabs";
import { addCaseComment } from "@/lib/cases/comments";

export async function addCommentAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const { reference, body } = formObject(form);
    const path = caseHref(String(reference ?? ""), "activity");
    const { mentioned } = await addCaseComment({ viewer: await requireViewer(path), reference: String(reference ?? ""), input: { body } });
    revalidatePath(path);
    return { message: mentioned.length ? `Comment posted; ${mentioned.map((m) => m.name).join(", ")} will be notified.` : "Comment posted." };
  });
}
