"use server";
import { revalidatePath } from "next/cache";
import { formObject, runAction } from "@/lib/actions/action-state";
import type { ActionState } from "@/lib/actions/types";
import { requireViewer } from "@/lib/auth/session";
import { updateIngestSettings } from "@/lib/ingest/settings";
import { createIngestToken, revokeIngestToken } from "@/lib/ingest/sources";

const PAGE = "/admin/ingest";

export async function createStreamTokenAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const { token, source } = await createIngestToken({ viewer: await requireViewer(PAGE), input: formObject(form) });
    revalidatePath(PAGE);
    return { message: `Source “${source.name}” created.`, secret: token, result: { name: source.name } };
  });
}

export async function revokeStreamTokenAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const source = await revokeIngestToken({ viewer: await requireViewer(PAGE), id: form.get("sourceId") });
    revalidatePath(PAGE);
    revalidatePath("/ingest");
    return { message: `The token of “${source.name}” is revoked.` };
  });
}

export async function saveIngestSettingsAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    await updateIngestSettings({ viewer: await requireViewer(PAGE), input: formObject(form) });
    revalidatePath(PAGE);
    revalidatePath("/ingest");
    return { message: "Saved." };
  });
}
