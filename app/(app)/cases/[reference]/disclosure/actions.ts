"use server";
// The disclosure tab's actions (and the COO's review page's, which approve the same things):
// each validates through its operation at the case version the page showed.
import { revalidatePath } from "next/cache";
import { formObject, runAction } from "@/lib/actions/action-state";
import type { ActionState } from "@/lib/actions/types";
import { requireViewer } from "@/lib/auth/session";
import { approveDisclosure } from "@/lib/cases/approve-disclosure";
import { caseHref } from "@/lib/cases/case-tabs";
import { decideDisclosure } from "@/lib/cases/decide-disclosure";
import { approveObligation, createObligation, markObligationSent, reopenObligation, updateObligationText } from "@/lib/cases/obligations";

async function withCase(form: FormData, run: (args: { viewer: Awaited<ReturnType<typeof requireViewer>>; reference: string; fields: Record<string, unknown> }) => Promise<string>): Promise<ActionState> {
  return runAction(async () => {
    const { reference, ...fields } = formObject(form);
    const ref = String(reference ?? "");
    const message = await run({ viewer: await requireViewer(caseHref(ref, "disclosure")), reference: ref, fields });
    revalidatePath(caseHref(ref), "layout");
    revalidatePath("/review");
    return { message };
  });
}

const list = (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

export async function decideDisclosureAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return withCase(form, async ({ viewer, reference, fields }) => {
    const disclose = fields.disclose === "true" ? true : fields.disclose === "false" ? false : fields.disclose;
    const r = await decideDisclosure({ viewer, reference, input: { version: fields.version, disclose, rationale: fields.rationale ?? "", audiences: disclose === true ? list(fields.audiences) : [] } });
    return r.needsApproval ? "Decision recorded; it waits for the COO's approval." : "Decision recorded.";
  });
}

export async function approveDisclosureAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return withCase(form, async ({ viewer, reference, fields }) => {
    await approveDisclosure({ viewer, reference, input: { version: fields.version } });
    return `Disclosure decision on ${reference} approved.`;
  });
}

export async function createObligationAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return withCase(form, async ({ viewer, reference, fields }) => {
    const { version, audience, preset, deadline, timeZone, text } = fields;
    const r = await createObligation({ viewer, reference, input: { version, audience, preset, deadline, timeZone, text } });
    return `Obligation added, due ${r.obligation.deadline.toISOString().slice(0, 16).replace("T", " ")} UTC.`;
  });
}

export async function obligationAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return withCase(form, async ({ viewer, reference, fields }) => {
    const { move, version, obligationId, text } = fields;
    switch (move) {
      case "text":
        await updateObligationText({ viewer, reference, input: { version, obligationId, text: text ?? "" } });
        return "Text saved.";
      case "approve":
        await approveObligation({ viewer, reference, input: { version, obligationId } });
        return "Obligation approved.";
      case "send":
        await markObligationSent({ viewer, reference, input: { version, obligationId } });
        return "Marked as sent.";
      case "reopen":
        await reopenObligation({ viewer, reference, input: { version, obligationId } });
        return "Back to draft; the approval is withdrawn.";
      default:
        return "Nothing to do.";
    }
  });
}
