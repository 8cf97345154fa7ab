// Input schemas for users, shared by server actions, the API and the CLI.
import { z } from "zod";
import { ZPassword } from "@/lib/auth/password";
import { ROLES } from "@/lib/auth/permissions";

export const ZEmail = z
  .string()
  .trim()
  .max(320, "An email address has at most 320 characters.")
  .pipe(z.email("Enter a valid email address."))
  .transform((e) => e.toLowerCase());

export const ZName = z
  .string()
  .trim()
  .min(1, "Enter a name.")
  .max(200, "A name has at most 200 characters.")
  .refine((n) => !/[\u0000-\u001f\u007f]/.test(n), "A name cannot contain control characters.");

export const ZRole = z.enum(ROLES, {
  error: (issue) => `"${String(issue.input)}" is not a role: use ${ROLES.join(", ")}.`,
});
export const ZRoles = z.array(ZRole).max(ROLES.length);

/** "SECURITY,ADMIN" as typed on the command line or in a form. */
export const ZRoleList = z
  .string()
  .transform((s) => s.split(",").map((r) => r.trim().toUpperCase()).filter(Boolean))
  .pipe(ZRoles);

export const ZUserCreate = z.object({
  email: ZEmail,
  name: ZName,
  roles: ZRoles.default([]),
  password: ZPassword.optional(),
});
export type UserCreate = z.input<typeof ZUserCreate>;

export const ZPasswordChange = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password.").max(256),
    newPassword: ZPassword,
    confirmPassword: z.string().max(256),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "The passwords do not match." })
  .refine((v) => v.newPassword !== v.currentPassword, { path: ["newPassword"], message: "Choose a new password." });
