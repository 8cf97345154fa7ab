"use client";
import { useEffect } from "react";
import { signOut } from "next-auth/react";
import { FormStatus, fieldError } from "@/components/form-status";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { changePasswordAction } from "../actions";
import { useActionForm } from "@/components/use-action-form";

export function ChangePasswordForm() {
  const { state, onSubmit, pending } = useActionForm(changePasswordAction);
  useEffect(() => {
    // The change ends every session, this one included.
    if (state.ok) void signOut({ callbackUrl: "/sign-in?error=" + encodeURIComponent("Password changed: sign in with your new password.") });
  }, [state.ok]);
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      <FormStatus state={state} />
      {(["currentPassword", "newPassword", "confirmPassword"] as const).map((name) => (
        <Field
          key={name}
          label={{ currentPassword: "Current password", newPassword: "New password", confirmPassword: "Repeat the new password" }[name]}
          htmlFor={name}
          error={fieldError(state, name)}
          hint={name === "newPassword" ? "At least 12 characters. A passphrase is easiest." : undefined}
        >
          <Input
            id={name}
            name={name}
            type="password"
            required
            maxLength={256}
            autoComplete={name === "currentPassword" ? "current-password" : "new-password"}
            aria-invalid={fieldError(state, name) ? true : undefined}
            aria-describedby={fieldError(state, name) ? `${name}-error` : undefined}
          />
        </Field>
      ))}
      <Button type="submit" disabled={pending} className="self-start">
        {pending ? "Saving…" : "Change password"}
      </Button>
    </form>
  );
}
