"use server";
// The log review's actions: tick an item, sign a review off, change the schedule. Each validates
// through its operation (lib/reviews) and sends the version the page showed.
import { revalidatePath } from "next/cache";
import { formObject, runAction } from "@/lib/actions/action-state";
import type { ActionState } from "@/lib/actions/types";
import { requireViewer } from "@/lib/auth/session";
import { signOffReview, tickItem } from "@/lib/reviews/reviews";
import { updateReviewSchedule } from "@/lib/reviews/settings";

const str = (v: unknown) => (typeof v === "string" ? v : "");
const num = (v: unknown) => (typeof v === "string" && /^\d{1,9}$/.test(v) ? Number(v) : NaN);

export async function tickItemAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const f = formObject(form);
    const id = str(f.id);
    const checked = str(f.checked) === "true";
    await tickItem({ viewer: await requireViewer(`/reviews/${id}`), id, input: { item: str(f.item), checked, note: str(f.note), version: num(f.version) } });
    revalidatePath(`/reviews/${id}`);
    return { message: checked ? "Ticked." : "Unticked." };
  });
}

export async function signOffAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const f = formObject(form);
    const id = str(f.id);
    await signOffReview({ viewer: await requireViewer(`/reviews/${id}`), id, input: { notes: str(f.notes), version: num(f.version) } });
    revalidatePath(`/reviews/${id}`);
    revalidatePath("/reviews");
    return { message: "Signed off. The data is frozen." };
  });
}

export async function saveScheduleAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const input = formObject(form);
    await updateReviewSchedule({ viewer: await requireViewer("/reviews/settings"), input });
    revalidatePath("/reviews/settings");
    return { message: "Schedule saved." };
  });
}
