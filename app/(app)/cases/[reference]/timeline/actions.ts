"use server";
// A person's timeline entry: the local time they give is read in the zone they give.
import { revalidatePath } from "next/cache";
import { formObject, runAction } from "@/lib/actions/action-state";
import type { ActionState } from "@/lib/actions/types";
import { requirePermission } from "@/lib/auth/session";
import { addTimelineEntry } from "@/lib/cases/add-timeline-entry";
import { caseHref } from "@/lib/cases/case-tabs";
import { localTimeToIso } from "@/lib/cases/local-time";
import { AppError } from "@/lib/errors";

export async function addTimelineEntryAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const viewer = await requirePermission("cases.access");
    const { reference, body, occurredAt, timeZone, source } = formObject(form);
    const ref = String(reference ?? "");
    const at = localTimeToIso(occurredAt, timeZone, "occurredAt");
    if (!at) throw new AppError("INVALID_INPUT", "When did it happen?", { fieldErrors: { occurredAt: ["When did it happen?"] } });
    await addTimelineEntry({
      viewer,
      reference: ref,
      input: { body, occurredAt: at, timeZone: typeof timeZone === "string" && timeZone.trim() ? timeZone.trim() : "UTC", ...(typeof source === "string" && source.trim() ? { source } : {}) },
    });
    revalidatePath(caseHref(ref, "timeline"));
    return { message: "Added to the timeline." };
  });
}
