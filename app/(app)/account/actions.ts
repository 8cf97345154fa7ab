"use server";
import { revalidatePath } from "next/cache";
import { formObject, runAction } from "@/lib/actions/action-state";
import type { ActionState } from "@/lib/actions/types";
import { requireViewer } from "@/lib/auth/session";
import { createApiToken, revokeApiToken } from "@/lib/tokens/api-tokens";
import { changePassword } from "@/lib/users/change-password";

export async function changePasswordAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    await changePassword({ viewer: await requireViewer(undefined, { passwordChange: true }), input: formObject(form) });
    return { message: "Your password is changed. Sign in again with the new one." };
  });
}

export async function createTokenAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const input = formObject(form);
    const { token, apiToken } = await createApiToken({
      viewer: await requireViewer(),
      input: { name: input.name, expiresInDays: input.expiresInDays || undefined },
    });
    revalidatePath("/account");
    return { message: `Token "${apiToken.name}" created. Copy it now: it will not be shown again.`, secret: token };
  });
}

export async function revokeTokenAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const revoked = await revokeApiToken({ viewer: await requireViewer(), tokenId: String(form.get("tokenId") ?? "") });
    revalidatePath("/account");
    return { message: `Token "${revoked.name}" revoked.` };
  });
}
