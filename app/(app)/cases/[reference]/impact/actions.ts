"use server";
// The impact tab's action: the form's lines and numbers become the impact record.
import { revalidatePath } from "next/cache";
import { formObject, runAction } from "@/lib/actions/action-state";
import type { ActionState } from "@/lib/actions/types";
import { requireViewer } from "@/lib/auth/session";
import { caseHref } from "@/lib/cases/case-tabs";
import { recordImpact } from "@/lib/cases/record-impact";

const lines = (value: unknown) =>
  [...new Set((Array.isArray(value) ? value : [value]).flatMap((v) => (typeof v === "string" ? v.split(/[\n,]/) : [])).map((s) => s.trim()).filter(Boolean))];
const count = (value: unknown) => (typeof value === "string" && value.trim() !== "" ? (/^\d+$/.test(value.trim()) ? Number(value.trim()) : value) : null);

export async function recordImpactAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const { reference, version, confidentiality, integrity, availability, affectedSystems, affectedDevices, suggestedDevices, dataTypes, customersAffected, peopleAffected, impactSummary } = formObject(form);
    const ref = String(reference ?? "");
    const result = await recordImpact({
      viewer: await requireViewer(caseHref(ref, "impact")),
      reference: ref,
      input: {
        version,
        confidentiality,
        integrity,
        availability,
        affectedSystems: lines(affectedSystems),
        affectedDevices: [...new Set([...lines(affectedDevices), ...(suggestedDevices === undefined ? [] : (Array.isArray(suggestedDevices) ? suggestedDevices : [suggestedDevices]).map(String))])],
        dataTypes: lines(dataTypes),
        customersAffected: count(customersAffected),
        peopleAffected: count(peopleAffected),
        impactSummary: impactSummary ?? "",
      },
    });
    revalidatePath(caseHref(ref), "layout");
    return { message: `Impact recorded (version ${result.version}).` };
  });
}
