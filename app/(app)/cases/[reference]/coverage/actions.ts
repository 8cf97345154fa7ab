"use server";
// The coverage tab's action: the map, as shown, stored as a JSON evidence item of the case.
import { revalidatePath } from "next/cache";
import { formObject, runAction } from "@/lib/actions/action-state";
import type { ActionState } from "@/lib/actions/types";
import { requireViewer } from "@/lib/auth/session";
import { caseHref } from "@/lib/cases/case-tabs";
import { attachCoverageMap } from "@/lib/integrity/coverage-case";

export async function attachCoverageMapAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const { reference, margin } = formObject(form);
    const ref = String(reference ?? "");
    const { sha256 } = await attachCoverageMap({ viewer: await requireViewer(caseHref(ref, "coverage")), reference: ref, input: { margin } });
    revalidatePath(caseHref(ref), "layout");
    return { message: `Attached to the case as evidence (SHA-256 ${sha256}).` };
  });
}
