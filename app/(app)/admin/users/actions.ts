"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formObject, runAction } from "@/lib/actions/action-state";
import type { ActionState } from "@/lib/actions/types";
import { requireViewer } from "@/lib/auth/session";
import { createUser } from "@/lib/users/create-user";
import { ZRoles } from "@/lib/users/schemas";
import { resetUserPassword, setUserDisabled, setUserRoles, unlockUser } from "@/lib/users/update-user";

const asArray = (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const ZUserId = z.string().trim().min(1).max(100);

export async function createUserAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const input = formObject(form);
    const result = await createUser({
      viewer: await requireViewer(),
      input: {
        email: String(input.email ?? ""),
        name: String(input.name ?? ""),
        roles: ZRoles.parse(asArray(input.roles)),
        password: input.password ? String(input.password) : undefined,
      },
    });
    revalidatePath("/admin/users");
    return result.generated
      ? { message: `Created ${result.user.email}. Give them this one-time password; they will choose their own at first sign-in.`, secret: result.password }
      : { message: `Created ${result.user.email}. They will be asked to change the password at first sign-in.` };
  });
}

export async function setRolesAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const input = formObject(form);
    const user = await setUserRoles({ viewer: await requireViewer(), user: ZUserId.parse(input.userId), roles: ZRoles.parse(asArray(input.roles)) });
    revalidatePath("/admin/users");
    return { message: `${user.email}: ${user.roles.join(", ")}` };
  });
}

export async function userAccountAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const viewer = await requireViewer();
    const input = formObject(form);
    const user = ZUserId.parse(input.userId);
    const op = z.enum(["disable", "enable", "unlock", "reset-password"]).parse(input.op);
    let result: ActionState | undefined;
    if (op === "disable" || op === "enable") {
      const u = await setUserDisabled({ viewer, user, disabled: op === "disable" });
      result = { ok: true, message: `${u.email} is ${op}d.` };
    } else if (op === "unlock") {
      const u = await unlockUser({ viewer, user });
      result = { ok: true, message: `${u.email} is unlocked.` };
    } else {
      const r = await resetUserPassword({ viewer, user });
      result = { ok: true, message: `One-time password for ${r.user.email}:`, secret: r.password };
    }
    revalidatePath("/admin/users");
    return result;
  });
}
