"use server";
import { revalidatePath } from "next/cache";
import { formObject, runAction } from "@/lib/actions/action-state";
import type { ActionState } from "@/lib/actions/types";
import { requireViewer } from "@/lib/auth/session";
import { createReport } from "@/lib/reports/create-report";

export async function fileReportAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    // Signed out mid-form: back here after signing in; the draft is kept in the browser.
    const viewer = await requireViewer("/report");
    const input = formObject(form);
    const files = await Promise.all(
      form
        .getAll("attachments")
        .filter((f): f is File => typeof f !== "string" && f.size > 0)
        .map(async (f) => ({ name: f.name, bytes: Buffer.from(await f.arrayBuffer()) })),
    );
    const signs = form.getAll("signs").map(String);
    const report = await createReport({ viewer, input: { ...input, signs, attachments: undefined }, files });
    revalidatePath("/reports");
    return { message: `Your report ${report.reference} is received.`, result: { reference: report.reference } };
  });
}
